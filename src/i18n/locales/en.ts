// English: the reference catalogue. Keys are grouped by feature; keep each group's order.
const messages = {
  // @foundation
  'site.name': 'Undersigned',
  'site.tagline': 'Statements endorsed by organisations',
  'nav.skip': 'Skip to content',
  'nav.home': 'Statements',
  'nav.language': 'Language',
  'footer.about': 'Published with Undersigned, a tool for labour and solidarity networks.',
  'footer.privacy': 'Privacy notice',
  'home.title': 'Open statements',
  'home.intro': 'Read a statement and endorse it on behalf of your organisation.',
  'home.empty': 'No statement is open for endorsement right now. Please come back later.',
  'home.endorsements': 'Endorsing organisations: {count}',
  'home.read': 'Read and endorse',
  'statement.translation': 'This is a translation. The authoritative text is in {language}.',
  'statement.readOriginal': 'Read the original',
  'statement.otherLanguages': 'This statement in other languages:',
  'statement.closesOn': 'Open for endorsement until {date}.',
  'statement.closed': 'This statement is closed and no longer accepts endorsements.',
  'statement.draft': 'Draft: only staff can see this statement.',
  'statement.endorseHeading': 'Endorse this statement',
  'statement.signatoriesHeading': 'Signatory organisations',
  'error.notFound.title': 'Page not found',
  'error.notFound.body': 'There is nothing at this address. The link may be mistyped, or the page may have been removed.',
  'error.backHome': 'Go to the list of statements',
  'error.server.title': 'Something went wrong',
  'error.server.body': 'This is our fault, not yours. The problem has been logged; please try again in a moment.',
  'error.reference': 'Reference: {id}',
  'error.badRequest.title': 'This request could not be understood',
  'error.badRequest.body': 'Something in the request was not valid. Please go back and try again.',
  'error.tooLarge.title': 'Too much data',
  'error.tooLarge.body': 'The form sent more data than we accept. Please shorten your text and try again.',
  'error.forbidden.title': 'Not allowed',
  'error.forbidden.body': 'This form has expired or came from another site. Please reload the page and try again.',
  // @endorsements
  // @staff
  // @live
} as const;

export default { code: 'en', name: 'English', dir: 'ltr', messages } as const;

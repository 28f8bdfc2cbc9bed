import type { Catalogue } from '../catalogue.js';

const de: Catalogue = {
  code: 'de',
  name: 'Deutsch',
  dir: 'ltr',
  // Counted strings: one form per plural category of this language (Intl.PluralRules).
  plurals: {
    'count.organisations': {
      one: '{count} Organisation',
      other: '{count} Organisationen',
    },
    'count.countries': {
      one: '{count} Land',
      other: '{count} Länder',
    },
    'count.members': {
      one: '{count} vertretenes Mitglied',
      other: '{count} vertretene Mitglieder',
    },
    'count.signatories': {
      one: '{count} unterzeichnende Organisation',
      other: '{count} unterzeichnende Organisationen',
    },
  },
  messages: {
    // @foundation
    'site.name': 'Undersigned',
    'site.tagline': 'Von Organisationen unterzeichnete Erklärungen',
    'nav.skip': 'Zum Inhalt springen',
    'nav.home': 'Erklärungen',
    'nav.language': 'Sprache',
    'footer.about':
      'Veröffentlicht mit Undersigned, einem Werkzeug für gewerkschaftliche und solidarische Netzwerke.',
    'footer.privacy': 'Datenschutzhinweise',
    'home.title': 'Erklärungen zur Unterzeichnung',
    'home.intro': 'Lesen Sie eine Erklärung und unterzeichnen Sie sie im Namen Ihrer Organisation.',
    'home.empty':
      'Zurzeit kann keine Erklärung unterzeichnet werden. Bitte schauen Sie später wieder vorbei.',
    'home.read': 'Lesen und unterzeichnen',
    'statement.translation': 'Dies ist eine Übersetzung. Maßgeblich ist der Text auf {language}.',
    'statement.readOriginal': 'Original lesen',
    'statement.otherLanguages': 'Diese Erklärung in anderen Sprachen:',
    'statement.closesOn': 'Unterzeichnung möglich bis zum {date}.',
    'statement.closed':
      'Die Unterzeichnung ist beendet; diese Erklärung kann nicht mehr unterzeichnet werden.',
    'statement.draft': 'Entwurf: Nur das Team kann diese Erklärung sehen.',
    'statement.endorseHeading': 'Diese Erklärung unterzeichnen',
    'statement.signatoriesHeading': 'Unterzeichnende Organisationen',
    'error.notFound.title': 'Seite nicht gefunden',
    'error.notFound.body':
      'Unter dieser Adresse gibt es nichts. Vielleicht enthält der Link einen Tippfehler, oder die Seite wurde entfernt.',
    'error.backHome': 'Zur Liste der Erklärungen',
    'error.server.title': 'Etwas ist schiefgelaufen',
    'error.server.body':
      'Der Fehler liegt bei uns, nicht bei Ihnen. Das Problem wurde protokolliert; bitte versuchen Sie es gleich noch einmal.',
    'error.reference': 'Referenz: {id}',
    'error.badRequest.title': 'Diese Anfrage konnte nicht verarbeitet werden',
    'error.badRequest.body':
      'Ein Teil der Anfrage war ungültig. Bitte gehen Sie zurück und versuchen Sie es erneut.',
    'error.tooLarge.title': 'Zu viele Daten',
    'error.tooLarge.body':
      'Das Formular hat mehr Daten gesendet, als wir annehmen können. Bitte kürzen Sie Ihren Text und versuchen Sie es erneut.',
    'error.tooMany.title': 'Zu viele Versuche',
    'error.tooMany.body':
      'Wir haben in kurzer Zeit zu viele Anfragen von Ihrer Verbindung oder für diese Adresse erhalten. Bitte warten Sie {duration} und versuchen Sie es dann erneut. Nichts von dem, was Sie bereits gesendet haben, ist verloren gegangen.',
    'error.forbidden.title': 'Nicht erlaubt',
    'error.forbidden.body':
      'Dieses Formular ist abgelaufen oder stammt von einer anderen Website. Bitte laden Sie die Seite neu und versuchen Sie es erneut.',
    // @privacy
    'pow.noscript':
      'Diese Kampagne wird gerade automatisiert angegriffen, deshalb braucht das Formular vorübergehend JavaScript: Ihr Browser rechnet einige Sekunden, um zu zeigen, dass er kein Roboter ist. Bitte aktivieren Sie JavaScript oder versuchen Sie es später noch einmal.',
    'pow.loading': 'Das Formular wird vorbereitet …',
    'pow.ready':
      'Zum Schutz der Kampagne vor automatisierten Angriffen rechnet Ihr Browser beim Absenden des Formulars einige Sekunden.',
    'pow.working': 'Wir prüfen, ob Sie ein Mensch sind … {percent} %',
    'pow.done': 'Prüfung abgeschlossen. Sie können das Formular jetzt absenden.',
    'pow.unsupported':
      'Ihr Browser kann die Prüfung, die dieses Formular gerade braucht, nicht durchführen. Bitte verwenden Sie einen aktuellen Browser oder versuchen Sie es später noch einmal.',
    'pow.auto':
      'Gerade kommen sehr viele Unterzeichnungen gleichzeitig an. Damit dieses Formular für alle offen bleibt, rechnet Ihr Browser beim Absenden einige Sekunden.',
    'pow.sendAgain':
      'Es wurde noch nichts gesendet. Gerade kommen sehr viele Unterzeichnungen gleichzeitig an, deshalb verlangt dieses Formular jetzt einige Sekunden Rechenarbeit von Ihrem Browser. Ihre Angaben stehen unten: Bitte senden Sie das Formular erneut.',
    'privacy.title': 'Datenschutzhinweise',
    'privacy.intro':
      'Auf dieser Website unterzeichnen Organisationen Erklärungen. Hier erfahren Sie, was wir speichern, warum und wie lange.',
    'privacy.publicHeading': 'Was öffentlich ist',
    'privacy.public':
      'Sobald eine Unterzeichnung öffentlich ist, erscheinen folgende Angaben zur Organisation auf der Seite der Erklärung, in der herunterladbaren Liste und auf anderen Websites, die die Liste anzeigen: Name, Art, Land, Ort, Website und Zahl der Mitglieder. Je nach Erklärung wird eine Unterzeichnung öffentlich, sobald sie per E-Mail bestätigt ist, oder erst, nachdem das Organisationsteam sie auch geprüft hat.',
    'privacy.privateHeading': 'Was vertraulich bleibt',
    'privacy.private':
      'Name, Funktion und E-Mail-Adresse der unterzeichnenden Person sowie Nachrichten an das Organisationsteam werden nie veröffentlicht und nie weitergegeben. Sie dienen nur dazu, die Unterzeichnung zu bestätigen, zu prüfen, ob die Person für die Organisation unterzeichnen darf, und – nur wenn Sie es wünschen – Neuigkeiten zur Kampagne zu verschicken.',
    'privacy.ipHeading': 'IP-Adressen und Cookies',
    'privacy.ip':
      'Um das Formular vor Missbrauch zu schützen, speichern wir einen mit einem geheimen Schlüssel berechneten Fingerabdruck Ihrer IP-Adresse, nie die Adresse selbst. Das einzige Cookie für Besucher*innen speichert die Sprache, die Sie gewählt haben.',
    'privacy.retentionHeading': 'Wie lange',
    'privacy.retention':
      'Eine Unterzeichnung, die nie per E-Mail bestätigt wird, wird nach {days} gelöscht, zusammen mit ihren E-Mails. Eine bestätigte Unterzeichnung wird aufbewahrt, solange die Erklärung veröffentlicht ist.',
    'privacy.rightsHeading': 'Ihre Rechte',
    'privacy.rights':
      'Sie können eine Unterzeichnung jederzeit über den Link in unseren E-Mails zurückziehen: Die Organisation verschwindet dann sofort aus der öffentlichen Liste. Sie können beim Organisationsteam eine Kopie aller Daten verlangen, die zu Ihrer E-Mail-Adresse gespeichert sind, oder deren Löschung; die Unterzeichnung bleibt dann nur noch als anonymer Eintrag bestehen.',
    // @endorsements
    'endorse.introVerified':
      'Unterzeichnen Sie diese Erklärung im Namen Ihrer Organisation. Wir schicken Ihnen einen Bestätigungslink per E-Mail, und das Organisationsteam prüft jede Unterzeichnung, bevor sie in der Liste erscheint.',
    'endorse.introConfirmed':
      'Unterzeichnen Sie diese Erklärung im Namen Ihrer Organisation. Wir schicken Ihnen einen Bestätigungslink per E-Mail; sobald Sie bestätigen, erscheint Ihre Organisation in der Liste.',
    'endorse.requiredNote':
      'Alle Felder müssen ausgefüllt werden, außer sie sind mit (optional) gekennzeichnet.',
    'endorse.optional': '(optional)',
    'endorse.orgHeading': 'Ihre Organisation',
    'endorse.contactHeading': 'Angaben zu Ihrer Person',
    'endorse.contactIntro':
      'Diese Angaben werden nie veröffentlicht. Das Organisationsteam nutzt sie nur, um diese Unterzeichnung zu prüfen und Sie – wenn Sie möchten – auf dem Laufenden zu halten.',
    'endorse.field.org_name': 'Name der Organisation',
    'endorse.hint.org_name': 'So, wie er in der Liste der Unterzeichnenden erscheinen soll.',
    'endorse.field.org_type': 'Art der Organisation',
    'endorse.type.union': 'Gewerkschaft',
    'endorse.type.federation': 'Gewerkschaftsverband oder Dachverband',
    'endorse.type.union_branch': 'Ortsverband, Betriebsgruppe oder andere Gliederung einer Gewerkschaft',
    'endorse.type.association': 'Verein, NGO oder Initiative',
    'endorse.type.political': 'Partei oder politische Organisation',
    'endorse.type.other': 'Andere Organisation',
    'endorse.field.country': 'Land',
    'endorse.hint.country': 'Wo die Organisation ihren Sitz hat.',
    'endorse.countryChoose': 'Land auswählen',
    'endorse.field.city': 'Ort',
    'endorse.field.website': 'Website',
    'endorse.hint.website': 'Zum Beispiel: beispiel.org',
    'endorse.field.members': 'Zahl der Mitglieder',
    'endorse.hint.members': 'Eine ganze Zahl; eine Schätzung genügt. Zum Beispiel: 12000',
    'endorse.field.contact_name': 'Ihr Name',
    'endorse.field.contact_role': 'Ihre Funktion in der Organisation',
    'endorse.hint.contact_role': 'Zum Beispiel: Vorsitzende*r',
    'endorse.field.email': 'Ihre E-Mail-Adresse',
    'endorse.hint.email':
      'An diese Adresse schicken wir einen Bestätigungslink. Bis zu Ihrer Bestätigung wird nichts veröffentlicht.',
    'endorse.field.comment': 'Nachricht an das Organisationsteam',
    'endorse.hint.comment': 'Vertraulich: Nur das Organisationsteam liest sie.',
    'endorse.field.authorised': 'Ich bin berechtigt, im Namen dieser Organisation zu unterzeichnen',
    'endorse.field.updates': 'Ich möchte Neuigkeiten zu dieser Erklärung erhalten (optional)',
    'endorse.honeypot': 'Dieses Feld bitte leer lassen',
    'endorse.submit': 'Erklärung unterzeichnen',
    'endorse.errorSummary': 'Es gibt ein Problem',
    'endorse.error.orgNameRequired': 'Geben Sie den Namen der Organisation ein',
    'endorse.error.orgNameLength': 'Der Name der Organisation muss zwischen 2 und 200 Zeichen lang sein',
    'endorse.error.orgTypeRequired': 'Wählen Sie die Art der Organisation aus',
    'endorse.error.countryRequired': 'Wählen Sie das Land der Organisation aus',
    'endorse.error.countryInvalid': 'Wählen Sie ein Land aus der Liste aus',
    'endorse.error.cityLength': 'Der Ort darf höchstens 100 Zeichen lang sein',
    'endorse.error.websiteLength': 'Die Adresse der Website darf höchstens 300 Zeichen lang sein',
    'endorse.error.websiteInvalid':
      'Geben Sie eine Website-Adresse ein, zum Beispiel beispiel.org oder https://beispiel.org',
    'endorse.error.membersInvalid':
      'Geben Sie die Zahl der Mitglieder als ganze Zahl ein, zum Beispiel 12000',
    'endorse.error.contactNameRequired': 'Geben Sie Ihren Namen ein',
    'endorse.error.contactNameLength': 'Ihr Name darf höchstens 200 Zeichen lang sein',
    'endorse.error.contactRoleLength': 'Ihre Funktion darf höchstens 200 Zeichen lang sein',
    'endorse.error.emailRequired': 'Geben Sie Ihre E-Mail-Adresse ein',
    'endorse.error.emailInvalid':
      'Geben Sie eine E-Mail-Adresse im richtigen Format ein, zum Beispiel name@beispiel.org',
    'endorse.error.authorisedRequired':
      'Kreuzen Sie das Kästchen an, um zu bestätigen, dass Sie im Namen dieser Organisation unterzeichnen dürfen',
    'endorse.error.commentLength': 'Die Nachricht darf höchstens 2000 Zeichen lang sein',
    'endorse.closed.title': 'Diese Erklärung kann nicht unterzeichnet werden',
    'endorse.closed.body':
      'Sie ist abgeschlossen oder noch nicht freigegeben. Ihre Unterzeichnung wurde nicht gespeichert.',
    'endorse.link.closed.body':
      'Sie wurde geschlossen, bevor diese Unterzeichnung bestätigt wurde; sie kann daher nicht mehr bestätigt werden. Es wurde nichts veröffentlicht.',
    'endorse.backToStatement': 'Zurück zur Erklärung',
    'endorse.check.title': 'Bitte prüfen Sie Ihr E-Mail-Postfach',
    'endorse.check.body':
      'Wir haben eine E-Mail zu „{title}“ an die von Ihnen angegebene Adresse geschickt. Öffnen Sie sie und tippen oder klicken Sie auf den Link darin, um Ihre Unterzeichnung zu bestätigen.',
    'endorse.check.validity':
      'Der Link ist {days} gültig. Solange Sie nicht bestätigt haben, wird nichts veröffentlicht.',
    'endorse.check.missingHeading': 'Keine E-Mail erhalten?',
    'endorse.check.missing1': 'Es kann einige Minuten dauern, bis sie ankommt.',
    'endorse.check.missing2':
      'Sehen Sie in Ihrem Spam- oder Junk-Ordner nach und auch in den anderen Registerkarten Ihres Posteingangs.',
    'endorse.check.missing3': 'Wenn die Adresse einen Tippfehler enthielt,',
    'endorse.check.formAgain': 'füllen Sie das Formular mit der richtigen Adresse erneut aus.',
    'endorse.check.resendHeading': 'Link erneut senden',
    'endorse.check.resendHint': 'Die Adresse, die Sie im Formular angegeben haben.',
    'endorse.check.resendButton': 'Link erneut senden',
    'endorse.check.resent':
      'Falls unter dieser Adresse eine Unterzeichnung auf Bestätigung wartet, haben wir den Link erneut geschickt.',
    'endorse.confirm.title': 'Unterzeichnung bestätigen',
    'endorse.confirm.lead':
      'Tippen oder klicken Sie auf die Schaltfläche, um zu bestätigen, dass diese Organisation die Erklärung unterzeichnet.',
    'endorse.confirm.statement': 'Erklärung',
    'endorse.confirm.button': 'Unterzeichnung bestätigen',
    'endorse.confirm.ignore':
      'Wenn Sie das nicht veranlasst haben, schließen Sie diese Seite einfach: Es passiert nichts.',
    'endorse.confirmed.title': 'Danke! Ihre Unterzeichnung ist bestätigt',
    'endorse.confirmed.verify':
      'Das Organisationsteam prüft jede Unterzeichnung, bevor sie in der Liste erscheint. Wir schreiben Ihnen, sobald Ihre Organisation aufgeführt ist.',
    'endorse.confirmed.public': 'Ihre Organisation steht jetzt in der Liste der Unterzeichnenden.',
    'endorse.confirmed.withdrawHint':
      'Wir haben Ihnen per E-Mail einen Link geschickt, mit dem Sie die Unterzeichnung zurückziehen können, falls das einmal nötig sein sollte.',
    'endorse.state.withdrawn.title': 'Diese Unterzeichnung wurde zurückgezogen',
    'endorse.state.withdrawn.body':
      'Sie zählt nicht mehr und kann nicht bestätigt werden. Um erneut zu unterzeichnen, füllen Sie das Formular auf der Seite der Erklärung aus.',
    'endorse.state.rejected.title': 'Diese Unterzeichnung wurde nicht angenommen',
    'endorse.state.rejected.body':
      'Das Organisationsteam konnte diese Unterzeichnung nicht annehmen. Wenn Sie das für einen Irrtum halten, wenden Sie sich bitte an das Team.',
    'endorse.link.invalid.title': 'Dieser Link funktioniert nicht',
    'endorse.link.invalid.body':
      'Der Link ist unvollständig oder wurde verändert. Öffnen Sie ihn erneut aus der E-Mail oder kopieren Sie den vollständigen Link in Ihren Browser.',
    'endorse.link.gone.title': 'Diese Unterzeichnung gibt es nicht mehr',
    'endorse.link.gone.body':
      'Unterzeichnungen, die nie bestätigt werden, werden nach einiger Zeit gelöscht. Sie können das Formular erneut ausfüllen.',
    'endorse.link.expired.title': 'Dieser Link ist abgelaufen',
    'endorse.link.expired.body':
      'Bestätigungslinks sind {days} gültig. Fordern Sie einen neuen an: Er geht an die Adresse, die Sie angegeben haben.',
    'endorse.link.expired.button': 'Neuen Link anfordern',
    'endorse.link.withdrawExpired.body':
      'Dieser Link zum Zurückziehen ist zu alt. Bitte wenden Sie sich an das Organisationsteam der Erklärung.',
    'endorse.withdraw.title': 'Unterzeichnung zurückziehen',
    'endorse.withdraw.lead':
      'Tippen oder klicken Sie auf die Schaltfläche, um die Unterzeichnung dieser Organisation zurückzuziehen. Steht sie in der öffentlichen Liste, wird sie sofort daraus entfernt.',
    'endorse.withdraw.button': 'Unterzeichnung zurückziehen',
    'endorse.withdraw.keep':
      'Wenn Sie Ihre Unterzeichnung aufrechterhalten möchten, schließen Sie einfach diese Seite.',
    'endorse.withdrawn.title': 'Ihre Unterzeichnung wurde zurückgezogen',
    'endorse.withdrawn.body':
      'Die Organisation erscheint nicht mehr unter den Unterzeichnenden. Sie können jederzeit über das Formular auf der Seite der Erklärung erneut unterzeichnen.',
    // @staff
    'staff.nav.privacy': 'Personenbezogene Daten',
    'staff.privacy.title': 'Anfragen zu personenbezogenen Daten',
    'staff.privacy.intro':
      'Wenn jemand eine Kopie der über ihn gespeicherten Daten oder deren Löschung verlangt, geben Sie hier seine E-Mail-Adresse ein. Alle Erklärungen werden durchsucht.',
    'staff.privacy.email': 'E-Mail-Adresse',
    'staff.privacy.emailInvalid':
      'Geben Sie eine vollständige E-Mail-Adresse ein, zum Beispiel name@gewerkschaft.example.',
    'staff.privacy.export': 'Alles herunterladen (JSON)',
    'staff.privacy.erase': 'Löschen …',
    'staff.privacy.confirmTitle': 'Die Daten dieser Person löschen?',
    'staff.privacy.confirmLead':
      'Zu dieser Adresse gespeichert: Unterzeichnungen: {count}, E-Mails: {mails}. Das Löschen kann nicht rückgängig gemacht werden.',
    'staff.privacy.confirmWhat':
      'Name, Funktion, E-Mail-Adresse, Kommentar, Teamnotiz und Adress-Fingerabdruck werden aus jeder Unterzeichnung entfernt. Eine aufgeführte Organisation bleibt in der Liste; eine nicht aufgeführte Unterzeichnung behält weder Namen noch Angaben, und eine, die noch auf die Bestätigung per E-Mail wartet, wird zurückgezogen. E-Mails an diese Adresse werden gelöscht. Das Prüfprotokoll verzeichnet die Löschung, nicht die Adresse.',
    'staff.privacy.nothing': 'Zu dieser Adresse ist nichts gespeichert.',
    'staff.privacy.confirm': 'Endgültig löschen',
    'staff.privacy.cancel': 'Abbrechen',
    'staff.privacy.done': 'Gelöscht: Unterzeichnungen: {count}, E-Mails: {mails}.',
    'staff.privacy.statement': 'Erklärung',
    'staff.privacy.organisation': 'Organisation',
    'staff.privacy.status': 'Status',
    'staff.privacy.after': 'Nach der Löschung',
    'staff.privacy.afterListed': 'bleibt aufgeführt, ohne die Person',
    'staff.privacy.afterAnonymous': 'anonymer Eintrag',
    'staff.nav.label': 'Team',
    'staff.nav.statements': 'Erklärungen',
    'staff.nav.audit': 'Prüfprotokoll',
    'staff.nav.accounts': 'Teamkonten',
    'staff.nav.backup': 'Sicherungen',
    'staff.backup.title': 'Sicherungen',
    'staff.backup.intro':
      'Eine Sicherung enthält alles: Erklärungen, Unterzeichnungen mit ihren Kontaktdaten, E-Mails, Teamkonten und das Prüfprotokoll. Bewahren Sie sie so vertraulich auf wie die Datenbank selbst.',
    'staff.backup.embedded':
      'Laden Sie die ganze Datenbank als komprimierte SQL-Datei herunter. Die Website läuft währenddessen weiter; das dauert einige Sekunden je 10.000 Unterzeichnungen. Wiederherstellen in einen neuen, leeren Datenordner mit: npm run cli -- restore FILE',
    'staff.backup.download': 'Sicherung herunterladen',
    'staff.backup.postgres':
      'Dieser Server nutzt PostgreSQL: Erstellen Sie Sicherungen regelmäßig mit pg_dump, auf einem Rechner, der die Datenbank erreicht (siehe „Operating“ in der README):',
    'staff.backup.memory':
      'Dieser Server nutzt eine flüchtige Datenbank im Arbeitsspeicher: Es gibt nichts zu sichern.',
    'staff.backup.busy': 'Es wird bereits eine Sicherung erstellt. Versuchen Sie es in einer Minute erneut.',
    'staff.nav.signedInAs': 'Angemeldet als {name} ({role})',
    'staff.nav.signOut': 'Abmelden',
    'staff.role.admin': 'Administration',
    'staff.role.verifier': 'Prüfung',
    'staff.forbidden.title': 'Nicht erlaubt',
    'staff.forbidden.body':
      'Ihr Konto kann diese Seite nicht öffnen. Wenden Sie sich an eine Person mit Administrationsrechten, wenn Sie sie brauchen.',
    'staff.login.title': 'Anmeldung für das Team',
    'staff.login.submit': 'Anmelden',
    'staff.login.missing': 'Geben Sie Ihre E-Mail-Adresse und Ihr Passwort ein.',
    'staff.login.failed': 'E-Mail-Adresse oder Passwort stimmen nicht, oder das Konto ist deaktiviert.',
    'staff.login.throttled': 'Zu viele Fehlversuche. Warten Sie 15 Minuten und versuchen Sie es dann erneut.',
    'staff.login.signedOut': 'Sie haben sich abgemeldet.',
    'staff.setup.title': 'Erstes Administrationskonto anlegen',
    'staff.setup.intro':
      'Es gibt noch kein Teamkonto. Mit dem Konto, das Sie hier anlegen, können Sie Unterzeichnungen prüfen, Erklärungen bearbeiten und weitere Teammitglieder hinzufügen. Dieser Link funktioniert nur einmal.',
    'staff.setup.submit': 'Konto anlegen und anmelden',
    'staff.setup.doneTitle': 'Die Einrichtung ist bereits erledigt',
    'staff.setup.doneBody':
      'Es gibt bereits ein Teamkonto. Melden Sie sich an, oder bitten Sie eine Person mit Administrationsrechten um ein Konto.',
    'staff.setup.badLinkTitle': 'Dieser Einrichtungslink ist ungültig',
    'staff.setup.badLinkBody':
      'Verwenden Sie den neuesten Link aus dem Serverprotokoll, oder legen Sie das erste Administrationskonto über die Kommandozeile an.',
    'staff.field.name': 'Name',
    'staff.field.email': 'E-Mail-Adresse',
    'staff.field.password': 'Passwort',
    'staff.field.newPassword': 'Passwort',
    'staff.field.passwordHint': 'Mindestens {min} Zeichen.',
    'staff.field.initialPassword': 'Passwort (optional)',
    'staff.field.initialPasswordHint':
      'Leer lassen, um eines zu erzeugen; es wird einmal angezeigt. Sonst mindestens {min} Zeichen.',
    'staff.field.role': 'Rolle',
    'staff.field.roleHint': 'Prüfende arbeiten nur in der Prüfliste. Die Administration kann alles.',
    'staff.field.type': 'Art',
    'staff.field.country': 'Land',
    'staff.field.city': 'Ort',
    'staff.field.website': 'Website',
    'staff.field.members': 'Mitglieder',
    'staff.field.contact': 'Kontakt',
    'staff.field.comment': 'Privater Kommentar',
    'staff.field.confirmedAt': 'Bestätigt',
    'staff.field.note': 'Teamnotiz (privat)',
    'staff.field.displayName': 'Name in der Liste',
    'staff.field.slug': 'Webadresse',
    'staff.field.slugHint':
      'Kleinbuchstaben, Ziffern und Bindestriche; die Erklärung steht dann unter /s/<adresse>. Sie kann später nicht geändert werden.',
    'staff.field.locale': 'Sprache',
    'staff.field.localeHint': 'Zweibuchstabiger Code der Sprache dieses Textes, zum Beispiel de oder fr.',
    'staff.field.title': 'Titel',
    'staff.field.body': 'Text',
    'staff.field.bodyHint':
      'Markdown: eine Leerzeile zwischen Absätzen, ## für eine Überschrift, **fett**, [Link](https://…). HTML wird als Text angezeigt.',
    'staff.field.status': 'Status',
    'staff.field.statusHint':
      'Entwurf: nur für das Team sichtbar. Offen: nimmt Unterzeichnungen an. Geschlossen: sichtbar, nimmt aber keine mehr an.',
    'staff.field.publishOn': 'Wann eine Unterzeichnung öffentlich wird',
    'staff.field.publishOnHint': 'Gilt für Unterzeichnungen, die ab jetzt bestätigt werden.',
    'staff.field.closesAt': 'Schlussdatum und -uhrzeit (UTC, optional)',
    'staff.field.closesAtHint': 'Ab diesem Zeitpunkt nimmt die Erklärung keine Unterzeichnungen mehr an.',
    'staff.field.authoritative': 'Maßgebliche Sprache',
    'staff.field.authoritativeHint':
      'Der Text, der gilt; die anderen werden als seine Übersetzungen angezeigt.',
    'staff.field.version': 'Fassung',
    'staff.field.updatedAt': 'Zuletzt geändert',
    'staff.publishOn.verified': 'Nachdem das Team sie geprüft hat (empfohlen)',
    'staff.publishOn.confirmed': 'Sobald die unterzeichnende Person ihre E-Mail-Adresse bestätigt',
    'staff.status.pending': 'wartet auf Bestätigung per E-Mail',
    'staff.status.confirmed': 'wartet auf Prüfung',
    'staff.status.verified': 'geprüft',
    'staff.status.rejected': 'abgelehnt',
    'staff.status.withdrawn': 'zurückgezogen',
    'staff.statementStatus.draft': 'Entwurf',
    'staff.statementStatus.open': 'Offen',
    'staff.statementStatus.closed': 'Geschlossen',
    'staff.type.union': 'Gewerkschaft',
    'staff.type.federation': 'Dachverband oder Bund',
    'staff.type.union_branch': 'Gewerkschaftsgliederung',
    'staff.type.association': 'Verein',
    'staff.type.political': 'Politische Organisation',
    'staff.type.other': 'Sonstige',
    'staff.dashboard.title': 'Erklärungen',
    'staff.dashboard.empty': 'Es gibt noch keine Erklärungen.',
    'staff.dashboard.emptyAdmin': 'Es gibt noch keine Erklärungen. Legen Sie die erste an.',
    'staff.dashboard.public': 'Aufgeführte Organisationen: {count}',
    'staff.dashboard.waiting': 'Prüfliste: {count} warten',
    'staff.dashboard.noneWaiting': 'Prüfliste: nichts wartet',
    'staff.queue.title': 'Prüfung: {title}',
    'staff.queue.empty': 'Nichts wartet auf Prüfung.',
    'staff.queue.count': 'Warten auf eine Entscheidung: {count}, die ältesten zuerst.',
    'staff.queue.more':
      'Angezeigt werden die ältesten {shown}. Entscheiden Sie über diese, um die nächsten zu sehen.',
    'staff.queue.otherStatements': 'Diese Organisation bei anderen Erklärungen',
    'staff.queue.otherNone': 'Keine.',
    'staff.queue.duplicates': 'Ähnliche Namen in {country} bei dieser Erklärung',
    'staff.queue.duplicatesNone': 'Keine.',
    'staff.queue.sameOrganisation': 'dieselbe Organisation',
    'staff.domain.match': 'Die E-Mail-Adresse gehört zur Domain der Website.',
    'staff.domain.mismatch': 'Die E-Mail-Adresse ({domain}) gehört nicht zur Domain der Website.',
    'staff.domain.freeMail':
      'Die E-Mail-Adresse stammt von einem kostenlosen Maildienst ({domain}), nicht von der eigenen Domain der Organisation.',
    'staff.domain.noWebsite':
      'Es wurde keine Website angegeben, daher kann die E-Mail-Adresse ({domain}) nicht verglichen werden.',
    'staff.version.current': 'Hat den aktuellen Text bestätigt ({language}, Fassung {version}).',
    'staff.version.earlier':
      'Hat eine frühere Fassung des Textes bestätigt ({language}, Fassung {version} vom {date}). Der Text wurde seitdem geändert.',
    'staff.version.unknown': 'Welche Fassung des Textes bestätigt wurde, ist nicht gespeichert.',
    'staff.action.verify': 'Prüfen und aufnehmen',
    'staff.action.verifySelected': 'Ausgewählte Unterzeichnungen als geprüft aufnehmen',
    'staff.action.reject': 'Ablehnen …',
    'staff.action.rejectReason': 'Begründung (wird gespeichert)',
    'staff.action.tell': 'Der unterzeichnenden Person die Begründung per E-Mail mitteilen',
    'staff.action.rejectSubmit': 'Ablehnen',
    'staff.action.correct': 'Öffentliche Angaben korrigieren …',
    'staff.action.saveCorrection': 'Korrekturen speichern',
    'staff.action.note': 'Teamnotiz …',
    'staff.action.saveNote': 'Notiz speichern',
    'staff.action.save': 'Speichern',
    'staff.action.preview': 'Vorschau',
    'staff.action.saveSettings': 'Einstellungen speichern',
    'staff.done.welcome': 'Willkommen. Ihr Administrationskonto ist eingerichtet.',
    'staff.done.verified':
      'Geprüft. Die Organisation ist aufgeführt, und die unterzeichnende Person erhält eine E-Mail.',
    'staff.done.rejected': 'Abgelehnt.',
    'staff.done.corrected': 'Korrekturen gespeichert.',
    'staff.done.noted': 'Notiz gespeichert.',
    'staff.done.bulk':
      'Geprüft: {verified}. Nicht geprüft (bereits entschieden oder die Organisation ist schon aufgeführt): {skipped}.',
    'staff.done.created':
      'Erklärung als Entwurf angelegt. Fügen Sie Übersetzungen hinzu und öffnen Sie sie dann.',
    'staff.done.saved': 'Text gespeichert.',
    'staff.done.settings': 'Einstellungen gespeichert.',
    'staff.conflict.title': 'Bereits entschieden',
    'staff.conflict.already': 'Über diese Unterzeichnung hat bereits {name} entschieden: {status}.',
    'staff.conflict.alreadyNobody': 'Diese Unterzeichnung wartet nicht mehr auf eine Entscheidung: {status}.',
    'staff.conflict.orgPublic':
      'Diese Organisation ist bei dieser Erklärung bereits aufgeführt. Lehnen Sie diese Unterzeichnung als Dublette ab, oder prüfen Sie zuerst die aufgeführte.',
    'staff.conflict.notEditable': 'Diese Unterzeichnung kann nicht mehr geändert werden ({status}).',
    'staff.conflict.back': 'Zurück zur Prüfliste',
    'staff.invalid.title': 'Bitte prüfen Sie das Formular',
    'staff.invalid.back': 'Gehen Sie zurück, korrigieren Sie es und senden Sie es erneut.',
    'staff.error.email': 'Geben Sie eine gültige E-Mail-Adresse ein.',
    'staff.error.emailTaken': 'Es gibt bereits ein Teamkonto mit dieser E-Mail-Adresse.',
    'staff.error.name': 'Geben Sie einen Namen mit höchstens 100 Zeichen ein.',
    'staff.error.role': 'Wählen Sie Administration oder Prüfung.',
    'staff.error.passwordLength': 'Das Passwort muss 12 bis 200 Zeichen haben.',
    'staff.error.reason': 'Geben Sie eine Begründung mit höchstens 1.000 Zeichen an.',
    'staff.error.displayName': 'Der Name muss 2 bis 200 Zeichen haben.',
    'staff.error.city': 'Der Ort darf höchstens 100 Zeichen haben.',
    'staff.error.type': 'Wählen Sie eine Art.',
    'staff.error.note': 'Die Notiz darf höchstens 2.000 Zeichen haben.',
    'staff.error.noneSelected': 'Wählen Sie mindestens eine Unterzeichnung zum Prüfen aus.',
    'staff.error.slug':
      'Verwenden Sie 1 bis 80 Kleinbuchstaben, Ziffern und Bindestriche, beginnend mit einem Buchstaben oder einer Ziffer.',
    'staff.error.slugTaken': 'Diese Webadresse wird bereits von einer Erklärung verwendet.',
    'staff.error.locale': 'Geben Sie einen zweibuchstabigen Sprachcode ein, zum Beispiel de oder fr.',
    'staff.error.title': 'Geben Sie einen Titel mit höchstens 300 Zeichen ein.',
    'staff.error.body': 'Geben Sie den Text ein (höchstens 200.000 Zeichen).',
    'staff.error.status': 'Wählen Sie Entwurf, offen oder geschlossen.',
    'staff.error.publishOn': 'Wählen Sie, wann Unterzeichnungen öffentlich werden.',
    'staff.error.closesAt':
      'Geben Sie Datum und Uhrzeit ein, zum Beispiel 2026-12-31 18:00, oder lassen Sie das Feld leer.',
    'staff.error.authoritative': 'Wählen Sie eine der Sprachen der Erklärung.',
    'staff.statement.new': 'Neue Erklärung',
    'staff.statement.newIntro':
      'Beginnen Sie mit dem Text in seiner Originalsprache. Die Erklärung bleibt ein Entwurf, nur für das Team sichtbar, bis Sie sie öffnen.',
    'staff.statement.editLink': 'Erklärung bearbeiten',
    'staff.statement.preview': 'Vorschau',
    'staff.statement.previewHeading': 'Vorschau',
    'staff.statement.publicPage': 'Öffentliche Seite',
    'staff.statement.queueLink': 'Prüfliste',
    'staff.statement.settings': 'Einstellungen',
    'staff.statement.texts': 'Texte und Übersetzungen',
    'staff.statement.authoritativeMark': 'maßgeblich',
    'staff.statement.addTranslation': 'Übersetzung hinzufügen',
    'staff.statement.back': 'Zurück zur Erklärung',
    'staff.statement.closedByDate': 'Geschlossen seit {date} (Schlussdatum erreicht).',
    'staff.text.editTitle': 'Text auf {language}',
    'staff.text.addTitle': 'Neue Übersetzung: {language}',
    'staff.text.newVersionWarning':
      'Unterzeichnungen, die sich bereits auf diesen Text beziehen: {count}. Eine Änderung erzeugt eine neue Fassung; sie behalten die Fassung, die sie bestätigt haben, und die Prüfliste zeigt sie an.',
    'staff.export.link': 'Exportieren (CSV)',
    'staff.audit.title': 'Prüfprotokoll',
    'staff.audit.intro':
      'Jede Aktion des Teams und jede Anmeldung, die neuesten zuerst. Einträge können weder geändert noch gelöscht werden.',
    'staff.audit.forStatement': 'Prüfprotokoll dieser Erklärung',
    'staff.audit.statement': 'Erklärung',
    'staff.audit.endorsement': 'Nummer der Unterzeichnung',
    'staff.audit.person': 'Person',
    'staff.audit.all': 'Alle',
    'staff.audit.filter': 'Filtern',
    'staff.audit.empty': 'Keine passenden Einträge.',
    'staff.audit.when': 'Wann (UTC)',
    'staff.audit.who': 'Wer',
    'staff.audit.action': 'Aktion',
    'staff.audit.details': 'Einzelheiten',
    'staff.audit.older': 'Ältere Einträge',
    'staff.accounts.title': 'Teamkonten',
    'staff.accounts.lastLogin': 'Letzte Anmeldung',
    'staff.accounts.actions': 'Aktionen',
    'staff.accounts.you': 'Sie',
    'staff.accounts.disabledMark': 'deaktiviert',
    'staff.accounts.disable': 'Deaktivieren',
    'staff.accounts.enable': 'Aktivieren',
    'staff.accounts.resetPassword': 'Passwort zurücksetzen',
    'staff.accounts.add': 'Teammitglied hinzufügen',
    'staff.accounts.addSubmit': 'Hinzufügen',
    'staff.accounts.added': '{name} wurde hinzugefügt.',
    'staff.accounts.created': 'Konto für {name} ({email}) angelegt.',
    'staff.accounts.passwordReset':
      'Neues Passwort für {name} ({email}). Die Sitzungen dieser Person wurden beendet.',
    'staff.accounts.passwordOnce':
      'Geben Sie dieses Passwort auf einem sicheren Weg weiter. Es wird nur einmal angezeigt:',
    'staff.accounts.back': 'Zurück zu den Teamkonten',
    'staff.accounts.notSelf': 'Sie können Ihr eigenes Konto nicht deaktivieren.',
    'staff.accounts.disabled': '{name} ist deaktiviert und abgemeldet.',
    'staff.accounts.enabled': '{name} kann sich wieder anmelden.',
    'staff.list.link':
      'Entschiedene Unterzeichnungen: einen aufgeführten Namen korrigieren, eine Notiz hinzufügen',
    'staff.list.title': 'Unterzeichnungen: {title}',
    'staff.list.filter': 'Unterzeichnungen anzeigen mit Status',
    'staff.list.empty': 'Keine Unterzeichnungen mit diesem Status.',
    'staff.list.next': 'Nächste Seite',
    'staff.activity.heading': 'Pro Tag, letzte {days} Tage (UTC)',
    'staff.activity.chart':
      'Unterzeichnungen pro Tag in den letzten {days} Tagen: eingegangen, per E-Mail bestätigt, veröffentlicht',
    'staff.activity.received': 'Eingegangen',
    'staff.activity.confirmed': 'Bestätigt',
    'staff.activity.public': 'Veröffentlicht',
    'staff.activity.day': 'Tag',
    'staff.activity.table': 'Die Zahlen, Tag für Tag',
    'staff.activity.note':
      'Eingegangen: an diesem Tag gesendete Formulare (offen bis zur Bestätigung). Bestätigt: an diesem Tag per E-Mail bestätigt. Veröffentlicht: an diesem Tag in die Liste aufgenommen.',
    'staff.activity.none': 'Nichts in den letzten {days} Tagen.',
    // @live
    'live.counts.label': 'Die Erklärung in Zahlen',
    'live.byCountry': 'Nach Land',
    'live.byType': 'Nach Art',
    'live.breakdown.country': 'Land',
    'live.breakdown.type': 'Art',
    'live.breakdown.count': 'Organisationen',
    'live.type.union': 'Gewerkschaft',
    'live.type.federation': 'Verband oder Dachverband',
    'live.type.union_branch': 'Gewerkschaftsgliederung',
    'live.type.association': 'Verein oder Initiative',
    'live.type.political': 'Politische Organisation',
    'live.type.other': 'Andere Organisation',
    'live.search.heading': 'Organisation suchen',
    'live.search.label': 'Name oder Ort',
    'live.filter.country': 'Land',
    'live.filter.allCountries': 'Alle Länder',
    'live.filter.type': 'Art',
    'live.filter.allTypes': 'Alle Arten',
    'live.filter.submit': 'Suchen',
    'live.filter.clear': 'Alle anzeigen',
    'live.empty': 'Noch hat keine Organisation unterzeichnet. Machen Sie den Anfang!',
    'live.noResults': 'Keine Treffer für diese Suche.',
    'live.showing': 'Organisationen {from} bis {to} von {total}',
    'live.pages.label': 'Seiten der Liste',
    'live.pages.previous': 'Zurück',
    'live.pages.next': 'Weiter',
    'live.pages.page': 'Seite {page}',
    'live.pages.current': 'Seite {page} von {pages}',
    'live.links.heading': 'Herunterladen, drucken, teilen',
    'live.links.csv': 'Liste herunterladen (CSV)',
    'live.links.json': 'Offene Daten (JSON)',
    'live.links.print': 'Druckfassung der Liste',
    'live.embed.heading': 'Den Zähler auf Ihrer Website zeigen',
    'live.embed.intro': 'Kopieren Sie diesen Code in Ihre Seite:',
    'live.embed.iframeLabel': 'Zähler (iframe)',
    'live.embed.badgeLabel': 'Badge (Bild)',
    'live.embed.title': 'Zähler der Unterzeichnungen: {title}',
    'live.embed.cta': 'Erklärung lesen und unterzeichnen',
    'live.print.title': 'Unterzeichnende: {title}',
    'live.print.asOf': 'Stand: {date}.',
    'live.print.hint':
      'Um diese Liste zu drucken oder als PDF zu speichern, nutzen Sie die Druckfunktion Ihres Browsers.',
    'live.print.back': 'Zurück zur Erklärung',
    'live.print.signatories': 'Unterzeichnende Organisationen',
    'live.members': 'Mitglieder: {count}',
    'live.api.badLimit': 'limit muss eine ganze Zahl von 1 bis 500 sein',
    'live.api.badCursor': 'cursor ist ungültig',
    'live.api.notFound': 'Diese Erklärung gibt es nicht',
    'live.events.tooMany':
      'Von Ihrer Adresse sind zu viele Live-Verbindungen offen; schließen Sie einige oder versuchen Sie es später erneut',
    'live.events.busy':
      'Auf diesem Server sind zu viele Live-Verbindungen offen; versuchen Sie es später erneut',
    // @pictures
    'pictures.map.label':
      'Weltkarte der Länder der unterzeichnenden Organisationen, dunkler, wo mehr Organisationen unterzeichnet haben',
    'pictures.map.caption': 'Wo die Unterzeichnenden sind',
    'pictures.map.legend': 'Organisationen pro Land',
    'pictures.map.country': '{country} — Organisationen: {count}',
    'pictures.map.tableHint': 'Die Zahl für jedes Land steht unten in der Tabelle „Nach Land“.',
    'pictures.growth.caption': 'Wie die Liste gewachsen ist',
    'pictures.growth.series': 'Unterzeichnende Organisationen, insgesamt',
    'pictures.growth.label':
      'Unterzeichnende Organisationen insgesamt: {first} am {firstDate}, {last} am {lastDate}',
    'pictures.download.label': 'Diese Bilder herunterladen:',
    'pictures.download.map': 'Karte (SVG)',
    'pictures.download.growth': 'Verlauf (SVG)',
    'pictures.download.card': 'Bild zum Teilen (PNG)',
    'pictures.card.alt': '{title} — Organisationen: {total}, Länder: {countries}',
    // @mail
    'mail.dev.title': 'Entwicklungspostfach',
    'mail.dev.intro':
      'Es ist kein Mailserver eingerichtet (SMTP_URL ist nicht gesetzt), daher werden E-Mails hier aufbewahrt statt verschickt. Jede wird außerdem mit ihren Links ins Serverprotokoll geschrieben. Sie bleiben im Arbeitsspeicher, bis der Server stoppt.',
    'mail.dev.empty':
      'Noch keine E-Mails. E-Mails, die der Dienst verschickt, etwa der Bestätigungslink, nachdem jemand eine Erklärung unterzeichnet hat, erscheinen hier.',
    'mail.dev.listCaption': 'Nachrichten, die neuesten zuerst',
    'mail.dev.time': 'Zeit',
    'mail.dev.to': 'An',
    'mail.dev.from': 'Von',
    'mail.dev.subject': 'Betreff',
    'mail.dev.back': 'Zurück zum Postfach',
    'mail.dev.textPart': 'Textfassung',
    'mail.dev.htmlPart': 'HTML-Fassung',
    'mail.dev.htmlFrame': 'HTML-Fassung der E-Mail',
    'mail.dev.openHtml': 'HTML-Fassung auf eigener Seite öffnen',
    // @email
    'email.common.greeting': 'Guten Tag,',
    'email.common.buttonFallback':
      'Falls die Schaltfläche nicht funktioniert, kopieren Sie diesen Link in Ihren Browser:',
    'email.confirm.subject': 'Bitte bestätigen Sie Ihre Unterzeichnung von „{statementTitle}“',
    'email.confirm.intro':
      'jemand – wahrscheinlich Sie – hat darum gebeten, diese Organisation in die Liste der Unterzeichnenden von **„{statementTitle}“** aufzunehmen:',
    'email.confirm.pressButton':
      'Um die Unterzeichnung zu bestätigen, klicken Sie auf die Schaltfläche und dann auf der Seite, die sich öffnet, auf „Unterzeichnung bestätigen“:',
    'email.confirm.button': 'Meine Unterzeichnung bestätigen',
    'email.confirm.openLink':
      'Um die Unterzeichnung zu bestätigen, öffnen Sie diesen Link und klicken Sie auf die Schaltfläche „Unterzeichnung bestätigen“:',
    'email.confirm.validity': 'Der Link ist {validFor} gültig (bis zum {expiresAt}).',
    'email.confirm.notYou':
      'Wenn Sie das nicht veranlasst haben, ignorieren Sie diese E-Mail einfach: Es ändert sich nichts, nichts wird veröffentlicht, und die Anfrage wird nach einiger Zeit gelöscht.',
    'email.confirm.statement': 'Die Erklärung:',
    'email.alreadyListed.subject': 'Bereits in der Liste: „{statementTitle}“',
    'email.alreadyListed.intro':
      'jemand – wahrscheinlich Sie – hat darum gebeten, diese Organisation in die Liste der Unterzeichnenden von **„{statementTitle}“** aufzunehmen:',
    'email.alreadyListed.listed':
      'Diese Organisation **steht bereits in der Liste der Unterzeichnenden**, Sie müssen also nichts weiter tun. Vielen Dank!',
    'email.alreadyListed.notYou':
      'Wenn Sie das nicht veranlasst haben, ignorieren Sie diese E-Mail einfach: Es hat sich nichts geändert.',
    'email.alreadyListed.statement': 'Die Erklärung und die Unterzeichnenden:',
    'email.confirmed.subject': 'Unterzeichnung bestätigt: „{statementTitle}“',
    'email.confirmed.intro':
      'vielen Dank: Sie haben bestätigt, dass diese Organisation **„{statementTitle}“** unterzeichnet:',
    'email.confirmed.nextVerify':
      'Das Organisationsteam prüft Ihre Unterzeichnung, bevor Ihre Organisation in der Liste erscheint. Wir schreiben Ihnen, sobald Ihre Organisation aufgeführt ist.',
    'email.confirmed.nextPublic': 'Ihre Organisation steht jetzt in der Liste der Unterzeichnenden.',
    'email.confirmed.keep':
      'Bitte bewahren Sie diese E-Mail auf. Falls Sie die Unterzeichnung einmal zurückziehen müssen: [hier zurückziehen]({withdrawUrl}).',
    'email.confirmed.keepText':
      'Bitte bewahren Sie diese E-Mail auf. Falls Sie die Unterzeichnung einmal zurückziehen müssen, öffnen Sie diesen Link:',
    'email.confirmed.statement': 'Die Erklärung:',
    'email.published.subject': '{organisation} steht jetzt auf der Liste zu „{statementTitle}“',
    'email.published.intro':
      'vielen Dank. Wir haben Ihre Unterzeichnung geprüft: **{organisation}** steht jetzt unter den Organisationen, die **„{statementTitle}“** unterzeichnet haben.',
    'email.published.button': 'Erklärung und Unterzeichnende ansehen',
    'email.published.share':
      'Bitte teilen Sie die Erklärung mit Ihren Mitgliedern und befreundeten Organisationen.',
    'email.published.withdraw':
      'Falls Sie diese Unterzeichnung später zurückziehen müssen, [nutzen Sie diesen Link]({withdrawUrl}). Ihre Organisation wird damit sofort von der Liste entfernt.',
    'email.published.why':
      'Sie erhalten diese E-Mail, weil jemand diese Erklärung mit dieser Adresse im Namen von {organisation} unterzeichnet hat.',
    'email.rejected.subject': 'Ihre Unterzeichnung von „{statementTitle}“',
    'email.rejected.intro':
      'vielen Dank, dass Sie **„{statementTitle}“** im Namen von **{organisation}** unterzeichnet haben. Das Organisationsteam hat die Unterzeichnung geprüft und konnte sie aus folgendem Grund nicht in die Liste aufnehmen:',
    'email.rejected.contact':
      'Wenn Sie das für einen Irrtum halten, wenden Sie sich bitte an das Organisationsteam der Kampagne. Die Erklärung können Sie [hier lesen]({statementUrl}).',
    'email.withdrawn.subject': 'Unterzeichnung zurückgezogen: „{statementTitle}“',
    'email.withdrawn.intro':
      'die Unterzeichnung von **„{statementTitle}“** durch diese Organisation wurde zurückgezogen:',
    'email.withdrawn.next':
      'Sie erscheint nicht mehr unter den Unterzeichnenden. Wenn Sie das nicht selbst getan haben, wenden Sie sich bitte an das Organisationsteam der Erklärung; Sie können auch jederzeit erneut unterzeichnen:',
    // @launch
    'launch.embargo.notice': 'Die Unterzeichnenden werden am {date} veröffentlicht.',
    'launch.initiators.heading': 'Initiiert von',
    'launch.import.error.header': 'unbekannte Spalte (erwartet: {columns})',
    'launch.import.error.missingColumn': 'Spalte fehlt',
    'launch.import.error.cells': 'diese Zeile hat {found} Zellen, die Kopfzeile {expected}',
    'launch.import.error.quote': 'eine Zelle in Anführungszeichen ist nicht geschlossen',
    'launch.import.error.initiator': 'muss yes oder no sein',
    'launch.import.error.locale': 'muss eine dieser Sprachen sein: {locales}',
    'launch.import.error.sameInFile': 'dieselbe Organisation steht in Zeile {line}',
    'launch.import.error.empty': 'die Datei enthält keine Zeilen',
    'launch.import.error.tooMany': 'höchstens {max} Zeilen pro Datei',
    'email.launched.subject':
      '„{statementTitle}“ ist veröffentlicht, mit {organisation} unter den Unterzeichnenden',
    'email.launched.intro':
      'Die Erklärung **„{statementTitle}“** wurde veröffentlicht, und **{organisation}** steht unter den Organisationen, die sie unterzeichnet haben.',
    'email.launched.button': 'Die Erklärung und die Unterzeichnenden ansehen',
    'email.launched.share':
      'Jetzt ist der Moment, sie bekannt zu machen: Bitte leiten Sie sie an Ihre Mitglieder und Partnerorganisationen weiter.',
    'email.launched.withdraw':
      'Wenn Sie diese Unterzeichnung zurückziehen müssen, [nutzen Sie diesen Link]({withdrawUrl}). Ihre Organisation wird sofort von der Liste entfernt.',
    'email.launched.why':
      'Sie erhalten diese E-Mail, weil diese Erklärung im Namen von {organisation} mit dieser Adresse unterzeichnet wurde.',
    'staff.launch.heading': 'Start',
    'staff.launch.launchAt': 'Unterzeichnende veröffentlichen am (UTC)',
    'staff.launch.hint':
      'Bis dahin ist die Erklärung nur über ihren Link erreichbar: Sie wird nicht aufgeführt, Suchmaschinen werden gebeten, sie nicht zu indexieren, und die Liste der Unterzeichnenden ist überall verborgen. Unterzeichnungen werden wie gewohnt gesammelt und geprüft.',
    'staff.launch.save': 'Startdatum speichern',
    'staff.launch.now': 'Jetzt starten',
    'staff.launch.embargoed': 'Sperrfrist bis {date}.',
    'staff.launch.launched': 'Gestartet am {date}.',
    'staff.launch.none': 'Keine Sperrfrist: Unterzeichnende sind öffentlich, sobald sie aufgeführt sind.',
    'staff.launch.done.launched':
      'Gestartet: Die Unterzeichnenden sind öffentlich, und {count} Unterzeichnende werden per E-Mail benachrichtigt.',
    'staff.launch.done.saved': 'Startdatum gespeichert.',
    'staff.launch.error.notEmbargoed':
      'Für diese Erklärung gilt keine Sperrfrist: Es gibt nichts zu starten.',
    'staff.launch.error.launchAt': 'Geben Sie Datum und Uhrzeit ein, zum Beispiel 2026-12-10T09:00.',
    'staff.launch.error.launched':
      'Diese Erklärung wurde bereits gestartet; ihre Unterzeichnenden bleiben öffentlich.',
    'staff.initiator.badge': 'Initiatorin',
    'staff.initiator.mark': 'Als Initiatorin markieren',
    'staff.initiator.unmark': 'Nicht mehr als Initiatorin markieren',
    'staff.initiator.done': 'Initiatorinnen aktualisiert.',
    'staff.add.link': 'Unterzeichnung hinzufügen',
    'staff.add.title': 'Unterzeichnung hinzufügen',
    'staff.add.intro':
      'Für eine Unterzeichnung, die per Brief, per E-Mail, bei einem Treffen oder telefonisch eingegangen ist. Sie wird als von Ihnen geprüft gespeichert, oder die Kontaktperson erhält einen Link zur Bestätigung.',
    'staff.add.source': 'Eingegangen per',
    'staff.add.source.letter': 'Brief',
    'staff.add.source.email': 'E-Mail',
    'staff.add.source.meeting': 'Treffen',
    'staff.add.source.phone': 'Telefon',
    'staff.add.source.other': 'Sonstiges',
    'staff.add.evidence': 'Nachweis (wo der Brief aufbewahrt wird, wer den Anruf entgegennahm …)',
    'staff.add.initiator': 'Initiatorin der Erklärung',
    'staff.add.mode': 'Was geschehen soll',
    'staff.add.mode.verify': 'Als von mir geprüft speichern',
    'staff.add.mode.link': 'Der Kontaktperson einen Bestätigungslink senden',
    'staff.add.emailHint': 'Nur nötig, um einen Bestätigungslink zu senden.',
    'staff.add.submit': 'Unterzeichnung hinzufügen',
    'staff.add.done.verified': 'Hinzugefügt und aufgeführt: {organisation}.',
    'staff.add.done.link': 'Ein Bestätigungslink wurde an die Kontaktperson von {organisation} gesendet.',
    'staff.add.error.listed': 'Diese Organisation ist bereits auf der Liste dieser Erklärung.',
    'staff.add.error.evidence':
      'Geben Sie kurz an, wie die Unterzeichnung eingegangen ist (höchstens 2.000 Zeichen).',
    'staff.add.error.source': 'Wählen Sie, wie die Unterzeichnung eingegangen ist.',
    'staff.import.link': 'Unterzeichnungen importieren',
    'staff.import.title': 'Unterzeichnungen importieren',
    'staff.import.intro':
      'Eine CSV-Datei (UTF-8, durch Kommas oder Semikolons getrennt), deren erste Zeile die Spalten nennt: org_name, org_type, country, city, website, members, contact_name, contact_role, email, locale, initiator. Vor Ihrer Bestätigung der Vorschau wird nichts geschrieben, und eine Datei mit einer fehlerhaften Zeile ändert nichts.',
    'staff.import.file': 'CSV-Datei (höchstens 2 MB)',
    'staff.import.sendLinks':
      'Jeder Kontaktperson einen Bestätigungslink senden, statt die Unterzeichnungen als von mir geprüft zu speichern',
    'staff.import.preview': 'Vorschau',
    'staff.import.confirm': '{count} Unterzeichnungen importieren',
    'staff.import.add': 'Hinzuzufügen ({count})',
    'staff.import.skip': 'Bereits aufgeführt, übersprungen ({count})',
    'staff.import.errors': 'Probleme: Es wird nichts importiert ({count})',
    'staff.import.done':
      '{added} Unterzeichnungen importiert, {skipped} als bereits aufgeführt übersprungen.',
    'staff.import.nothing': 'Nichts zu importieren: Alle Organisationen der Datei sind bereits aufgeführt.',
    'staff.import.tooLarge': 'Die Datei ist zu groß: höchstens 2 MB.',
    'staff.import.noFile': 'Wählen Sie eine CSV-Datei.',
    'staff.import.line': 'Zeile',
    'launch.import.error.sameEmail': 'dieselbe Adresse steht in Zeile {line}',
    'staff.import.reason.listed': 'bereits aufgeführt',
    'staff.import.reason.pending': 'für diese Adresse wartet bereits ein Bestätigungslink',
    // @talk
    'staff.updates.link': 'Neuigkeiten und Meilensteine',
    'staff.updates.title': 'Neuigkeiten und Meilensteine: {title}',
    'staff.updates.intro':
      'Schreiben Sie den Organisationen, die diese Erklärung unterzeichnet haben. Der Text auf {language} ist Pflicht: Wer eine leer gelassene Sprache liest, bekommt ihn.',
    'staff.updates.list': 'Neuigkeiten',
    'staff.updates.none': 'Noch keine Neuigkeiten.',
    'staff.updates.new': 'Neue Nachricht',
    'staff.updates.edit': 'Entwurf ändern',
    'staff.updates.subject': 'Betreff ({language})',
    'staff.updates.body': 'Inhalt ({language}, Markdown)',
    'staff.updates.audienceLegend': 'Wer sie bekommt',
    'staff.updates.audience.opted_in': 'Unterzeichnende, die Neuigkeiten zu dieser Erklärung wünschen',
    'staff.updates.audience.all_endorsers':
      'Alle Unterzeichnenden: eine Dienstmitteilung (Start, Übergabe, geänderter Wortlaut)',
    'staff.updates.save': 'Speichern und Vorschau zeigen',
    'staff.updates.draft': 'Entwurf, nicht versandt',
    'staff.updates.sentOn': 'Versandt am {date}. Empfänger: {count}.',
    'staff.updates.recipients':
      'Empfänger bei Versand jetzt: {count}. Eine E-Mail pro Adresse, in der Sprache jeder Leserin und jedes Lesers.',
    'staff.updates.preview': 'Vorschau auf {language}',
    'staff.updates.test': 'Probe an mich schicken ({email})',
    'staff.updates.testSent': 'Eine Probe geht an {email}, eine E-Mail pro geschriebener Sprache.',
    'staff.updates.send': 'Jetzt versenden (Empfänger: {count})',
    'staff.updates.sending': 'Die Nachricht wird versandt. Empfänger: {count}.',
    'staff.updates.progress': 'Fortschritt',
    'staff.updates.queued': 'Wartend',
    'staff.updates.sent': 'Versandt',
    'staff.updates.failed': 'Fehlgeschlagen',
    'staff.updates.error.text':
      'Schreiben Sie für jede ausgefüllte Sprache einen Betreff (eine Zeile, höchstens 200 Zeichen) und einen Inhalt (höchstens 20.000 Zeichen), mindestens auf {language}.',
    'staff.updates.error.sent': 'Diese Nachricht wurde bereits versandt.',
    'staff.updates.error.nobody': 'Niemand würde diese Nachricht jetzt bekommen.',
    'staff.updates.back': 'Alle Neuigkeiten und Meilensteine dieser Erklärung',
    'staff.milestones.heading': 'Meilensteine',
    'staff.milestones.intro':
      'Was seither geschah: ein Datum und ein kurzer Satz in jeder Sprache (mindestens auf {language}). Erscheint auf der Seite der Erklärung und in der API.',
    'staff.milestones.none': 'Noch keine Meilensteine.',
    'staff.milestones.date': 'Datum',
    'staff.milestones.text': 'Inhalt auf {language} (kurzes Markdown)',
    'staff.milestones.add': 'Meilenstein hinzufügen',
    'staff.milestones.save': 'Diesen Meilenstein speichern',
    'staff.milestones.delete': 'Diesen Meilenstein löschen',
    'staff.milestones.alsoSend':
      'Daraus auch eine Nachricht an alle Unterzeichnenden vorbereiten (vor jedem Versand sehen Sie eine Vorschau)',
    'staff.milestones.error':
      'Geben Sie ein gültiges Datum und einen Inhalt auf {language} an, höchstens 1.000 Zeichen pro Sprache.',
    'statement.milestones.heading': 'Meilensteine',
    'unsubscribe.title': 'Keine Neuigkeiten mehr zu dieser Erklärung',
    'unsubscribe.lead':
      'Drücken Sie den Knopf, um an diese Adresse keine Neuigkeiten zu dieser Erklärung mehr zu bekommen.',
    'unsubscribe.button': 'Abmelden',
    'unsubscribe.notices':
      'Mitteilungen an alle Unterzeichnenden (etwa zu einem geänderten Wortlaut) erreichen Sie weiter, solange die Unterzeichnung besteht; wer die Unterzeichnung zurückzieht, bekommt sie nicht mehr.',
    'unsubscribe.keep': 'Um weiter Neuigkeiten zu bekommen, schließen Sie einfach diese Seite.',
    'unsubscribe.done.title': 'Sie sind abgemeldet',
    'unsubscribe.done.body': 'Diese Adresse bekommt keine Neuigkeiten zu dieser Erklärung mehr.',
    'email.update.intro': 'Neuigkeiten zu „{statementTitle}“, unterzeichnet von {organisation}:',
    'email.update.button': 'Die Erklärung lesen',
    'email.update.whyNews':
      'Sie bekommen diese Nachricht, weil Sie Neuigkeiten zu dieser Erklärung gewünscht haben.',
    'email.update.whyAll':
      'Diese Mitteilung geht an alle Organisationen, die die Erklärung unterzeichnet haben, ob sie Neuigkeiten wünschen oder nicht.',
    'email.update.unsubscribe':
      'Um keine Neuigkeiten zu dieser Erklärung mehr zu bekommen, [melden Sie sich ab]({unsubscribeUrl}).',
    'email.update.withdraw':
      'Mitteilungen an alle Unterzeichnenden enden nur, wenn Sie [die Unterzeichnung zurückziehen]({withdrawUrl}).',
    // @amend
    'endorse.reconfirm.title': 'Die geänderte Erklärung unterzeichnen',
    'endorse.reconfirm.lead':
      'Die Erklärung wurde geändert, nachdem Ihre Organisation sie unterzeichnet hatte. Drücken Sie den Knopf, um zu bestätigen, dass Ihre Organisation die neue Fassung unterzeichnet.',
    'endorse.reconfirm.button': 'Die neue Fassung unterzeichnen',
    'endorse.reconfirm.keep':
      'Um später zu entscheiden, schließen Sie diese Seite: bis dahin bleibt Ihre Organisation gelistet, mit dem Vermerk „hat eine frühere Fassung unterzeichnet“.',
    'endorse.reconfirm.superseded':
      'Die Erklärung wurde nach dieser E-Mail erneut geändert. Die neueste E-Mail enthält den gültigen Link.',
    'endorse.reconfirm.expired':
      'Ein Link zum Unterzeichnen einer neuen Fassung gilt {days}. Bitten Sie das Organisationsteam der Erklärung um einen neuen.',
    'endorse.reconfirmed.title': 'Danke: Ihre Unterzeichnung gilt für die neue Fassung',
    'endorse.reconfirmed.body':
      'Ihre Organisation steht als Unterzeichnerin des aktuellen Textes auf der Liste.',
    'live.earlierVersion': 'hat eine frühere Fassung unterzeichnet',
    'live.earlierVersionNote':
      'Mit „hat eine frühere Fassung unterzeichnet“ markierte Organisationen haben den Text vor seiner letzten inhaltlichen Änderung unterzeichnet und die neue Fassung noch nicht.',
    'staff.text.change.legend': 'Welche Art von Änderung ist das?',
    'staff.text.change.minor':
      'Geringfügig: Formulierung, Tippfehler, Gestaltung. Die Unterzeichnungen bleiben, wie sie sind.',
    'staff.text.change.substantive':
      'Inhaltlich: der Sinn hat sich geändert. Alle, die eine frühere Fassung unterzeichnet haben, erhalten eine E-Mail mit der Bitte, die neue Fassung zu unterzeichnen.',
    'staff.text.change.summary': 'Was sich geändert hat (geht an die Unterzeichnenden)',
    'staff.text.change.summaryHint':
      'Bei einer inhaltlichen Änderung: ein paar Sätze in der Sprache des maßgeblichen Textes.',
    'staff.error.summary': 'Sagen Sie, was sich geändert hat, in höchstens 2.000 Zeichen.',
    'staff.error.notAmendable':
      'Nur eine Änderung am bestehenden maßgeblichen Text kann inhaltlich sein, und der Text muss sich vom aktuellen unterscheiden.',
    'staff.done.amended':
      'Text als inhaltliche Änderung gespeichert. Wer die frühere Fassung unterzeichnet hat, erhält eine E-Mail.',
    'staff.amend.link': 'Unterzeichnungen einer früheren Fassung',
    'staff.amend.title': 'Unterzeichnungen einer früheren Fassung: {title}',
    'staff.amend.none':
      'Diese Erklärung wurde nie inhaltlich geändert: jede Unterzeichnung gilt ihrer aktuellen Fassung.',
    'staff.amend.current': 'Aktuelle Fassung: {version}, seit {date}.',
    'staff.amend.summaryLabel': 'Was sich geändert hat',
    'staff.amend.waiting': 'Neue Fassung noch nicht unterzeichnet',
    'staff.amend.everyone': 'Alle Unterzeichnenden haben die aktuelle Fassung unterzeichnet.',
    'staff.amend.version': 'Unterzeichnete Fassung',
    'staff.amend.deadline.heading': 'Frist',
    'staff.amend.deadline.label': 'Die Unterzeichnenden haben Zeit bis',
    'staff.amend.deadline.hint': 'Ein Datum (JJJJ-MM-TT, Ende des Tages, UTC) oder Datum und Uhrzeit.',
    'staff.amend.deadline.button': 'Frist speichern',
    'staff.amend.deadline.none': 'Noch keine Frist.',
    'staff.amend.deadline.is': 'Frist: {date}.',
    'staff.amend.remove.heading': 'Unbeantwortete entfernen',
    'staff.amend.remove.button': 'Nicht erneuerte Unterzeichnungen entfernen',
    'staff.amend.remove.hint':
      'Nach der Frist: sie verschwinden sofort von der öffentlichen Liste, als wären sie zurückgezogen. Das Prüfprotokoll hält fest, welche.',
    'staff.amend.remove.tooEarly':
      'Die Frist ist noch nicht abgelaufen ({date}): die Unterzeichnenden haben noch Zeit, die neue Fassung zu unterzeichnen.',
    'staff.amend.remove.noDeadline':
      'Setzen Sie zuerst eine Frist: Unterzeichnungen lassen sich erst danach entfernen.',
    'staff.amend.done.removed': 'Entfernte Unterzeichnungen: {count}.',
    'staff.amend.done.deadline': 'Frist gespeichert.',
    'staff.error.deadline':
      'Geben Sie ein Datum wie 2026-12-31 ein, oder Datum und Uhrzeit wie 2026-12-31 18:00.',
    'email.amended.subject':
      '„{statementTitle}“ wurde geändert: unterzeichnet {organisation} die neue Fassung?',
    'email.amended.intro':
      '{organisation} hat die Erklärung „{statementTitle}“ unterzeichnet. Das Organisationsteam hat den Text seitdem geändert. Was sich geändert hat, in seinen Worten:',
    'email.amended.read': 'Den neuen Text lesen:',
    'email.amended.reconfirm': 'Wenn {organisation} die neue Fassung unterzeichnet, drücken Sie den Knopf:',
    'email.amended.button': 'Die neue Fassung unterzeichnen',
    'email.amended.until':
      'Bis dahin bleibt {organisation} gelistet, mit dem Vermerk „hat eine frühere Fassung unterzeichnet“; nach einer Frist kann das Organisationsteam nicht erneuerte Unterzeichnungen entfernen.',
    'email.amended.withdraw':
      'Wenn {organisation} die neue Fassung nicht unterzeichnet, können Sie die Unterzeichnung zurückziehen:',
    'email.amended.why':
      'Sie erhalten diese E-Mail, weil diese Adresse die Erklärung für {organisation} unterzeichnet hat.',
    // @staffq
    'staff.q.allTitle': 'Prüfliste: alle offenen Erklärungen',
    'staff.q.tabs': 'Listen',
    'staff.q.tabWaiting': 'Warten auf eine Entscheidung ({count})',
    'staff.q.tabUnconfirmed': 'Noch nicht bestätigt ({count})',
    'staff.q.found': 'Treffer: {count}.',
    'staff.q.unconfirmedCount':
      'Unterzeichnungen, deren Link noch nicht bestätigt wurde: {count}, die neuesten zuerst.',
    'staff.q.scanned': 'Angezeigt: {shown}, nach Durchsicht von {count} der Reihe nach.',
    'staff.q.none': 'Keine Treffer.',
    'staff.q.keys': 'Tastenkürzel',
    'staff.q.keyNext': 'nächste oder vorige Unterzeichnung (öffnet sie)',
    'staff.q.keyVerify': 'die geöffnete prüfen und aufnehmen',
    'staff.q.keyReject': 'die geöffnete ablehnen (fragt nach der Begründung)',
    'staff.q.keySelect': 'die geöffnete für die gemeinsame Prüfung an- oder abwählen',
    'staff.q.keyUndo': 'die letzte Entscheidung rückgängig machen',
    'staff.q.keySearch': 'zum Suchfeld springen',
    'staff.q.selectAll': 'Alle auf dieser Seite auswählen ({count})',
    'staff.q.lookFurther': 'Weitersuchen',
    'staff.q.statement': 'Erklärung',
    'staff.q.allOpen': 'Alle offenen Erklärungen',
    'staff.q.search': 'Suche',
    'staff.q.searchHint': 'Name der Organisation, Domain der Adresse (zum Beispiel verdi.de) oder Ort.',
    'staff.q.filters': 'Eingrenzen',
    'staff.q.any': 'Alle',
    'staff.q.domain': 'Abgleich der Domain',
    'staff.q.domain.match': 'Adresse auf der Domain der Webseite',
    'staff.q.domain.mismatch': 'Adresse auf einer anderen Domain',
    'staff.q.domain.freeMail': 'Kostenloser Maildienst',
    'staff.q.domain.noWebsite': 'Keine Webseite angegeben',
    'staff.q.duplicatesOnly': 'Nur mögliche Doppelungen',
    'staff.q.apply': 'Suchen',
    'staff.q.clear': 'Suche und Eingrenzung löschen',
    'staff.q.select': '{name} auswählen',
    'staff.q.possibleDuplicate': 'Mögliche Doppelung',
    'staff.q.duplicateReason': 'Doppelung von {name}, bereits bei dieser Erklärung.',
    'staff.q.rejectDuplicate': 'Als Doppelung von {name} ablehnen',
    'staff.q.signedUp': 'eingegangen am {date}',
    'staff.q.linksResent': 'Link {count}-mal von höchstens {max} erneut gesendet',
    'staff.q.resendCapped': 'Der Link kann nicht mehr erneut gesendet werden: die Grenze ist erreicht.',
    'staff.q.resend': 'Link erneut senden',
    'staff.q.andMore': 'und {count} weitere',
    'staff.q.done.verified':
      'Geprüft: {organisation}. Sie steht auf der Liste; die Person erhält in {duration} eine E-Mail, wenn Sie es nicht rückgängig machen.',
    'staff.q.done.rejected': 'Abgelehnt: {organisation}.',
    'staff.q.done.bulk':
      'Geprüft ({count}): {organisations}. Übersprungen, weil inzwischen entschieden oder schon auf der Liste: {skipped}.',
    'staff.q.done.undone':
      'Rückgängig gemacht: {organisation} ist wieder in der Liste. Der Person wurde nichts gesendet.',
    'staff.q.done.resent': 'Der Bestätigungslink für {organisation} wurde erneut gesendet.',
    'staff.q.done.resendRefused':
      'Der Link für {organisation} wurde nicht erneut gesendet: inzwischen bestätigt, Grenze erreicht, oder die Erklärung nimmt keine Unterzeichnungen mehr an.',
    'staff.q.done.unlisted': 'Von der Liste genommen: {organisation} erscheint nicht mehr öffentlich.',
    'staff.q.done.reopened': 'Wieder geöffnet: {organisation} ist wieder in der Prüfliste.',
    'staff.q.undo': 'Rückgängig',
    'staff.q.undoAll': 'Alle rückgängig machen ({count})',
    'staff.q.tooLate':
      'Diese Entscheidung lässt sich hier nicht mehr rückgängig machen. Öffnen Sie die entschiedenen Unterzeichnungen und wählen Sie „Erneut prüfen“.',
    'staff.q.reopen': 'Erneut prüfen',
    'staff.q.unlist': 'Von der Liste nehmen…',
    'staff.q.unlistSubmit': 'Von der öffentlichen Liste nehmen',
    'staff.d.allWaiting': 'Alle offenen Erklärungen: {count} warten auf eine Entscheidung',
    'staff.d.allCalm': 'Alle offenen Erklärungen: nichts wartet',
    'staff.d.public': 'Öffentlich',
    'staff.d.countries': 'Länder',
    'staff.d.members': 'Mitglieder',
    'staff.d.waiting': 'Wartend',
    'staff.d.unconfirmed': 'Unbestätigt',
    'staff.d.rejected': 'Abgelehnt',
    'staff.d.withdrawn': 'Zurückgezogen',
    'staff.d.newToday': 'Neu heute',
    'staff.d.closes': 'endet am {date}',
    'staff.d.noClosing': 'kein Enddatum',
    'staff.d.oldest': 'die älteste wartet seit {age}',
    'staff.d.decided': 'Entschiedene Unterzeichnungen',
  },
};

export default de;

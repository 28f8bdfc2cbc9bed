import type { Catalogue } from '../catalogue.js';

const fr: Catalogue = {
  code: 'fr',
  name: 'Français',
  dir: 'ltr',
  messages: {
    // @foundation
    'site.name': 'Undersigned',
    'site.tagline': 'Des déclarations soutenues par des organisations',
    'nav.skip': 'Aller au contenu',
    'nav.home': 'Déclarations',
    'nav.language': 'Langue',
    'footer.about': 'Publié avec Undersigned, un outil pour les réseaux syndicaux et de solidarité.',
    'footer.privacy': 'Protection des données',
    'home.title': 'Déclarations ouvertes',
    'home.intro': 'Lisez une déclaration et signez-la au nom de votre organisation.',
    'home.empty': 'Aucune déclaration n’est ouverte à la signature pour le moment. Revenez plus tard.',
    'home.endorsements': 'Organisations signataires : {count}',
    'home.read': 'Lire et signer',
    'statement.translation': 'Ceci est une traduction. Le texte qui fait foi est en {language}.',
    'statement.readOriginal': 'Lire l’original',
    'statement.otherLanguages': 'Cette déclaration dans d’autres langues :',
    'statement.closesOn': 'Ouverte à la signature jusqu’au {date}.',
    'statement.closed': 'Cette déclaration est close et n’accepte plus de signatures.',
    'statement.draft': 'Brouillon : seule l’équipe peut voir cette déclaration.',
    'statement.endorseHeading': 'Signer cette déclaration',
    'statement.signatoriesHeading': 'Organisations signataires',
    'error.notFound.title': 'Page introuvable',
    'error.notFound.body': 'Il n’y a rien à cette adresse. Le lien est peut-être mal saisi, ou la page a été retirée.',
    'error.backHome': 'Voir la liste des déclarations',
    'error.server.title': 'Une erreur est survenue',
    'error.server.body': 'L’erreur vient de chez nous, pas de vous. Elle a été enregistrée ; veuillez réessayer dans un instant.',
    'error.reference': 'Référence : {id}',
    'error.badRequest.title': 'Cette demande n’a pas pu être comprise',
    'error.badRequest.body': 'Un élément de la demande n’était pas valide. Revenez en arrière et réessayez.',
    'error.tooLarge.title': 'Trop de données',
    'error.tooLarge.body': 'Le formulaire a envoyé plus de données que nous n’en acceptons. Raccourcissez votre texte et réessayez.',
    'error.forbidden.title': 'Action non autorisée',
    'error.forbidden.body': 'Ce formulaire a expiré ou provient d’un autre site. Rechargez la page et réessayez.',
    // @endorsements
    // @staff
    // @live
  },
};

export default fr;

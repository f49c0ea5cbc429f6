/** The sections of Paramètres (PRODUCT.md "Paramètres"), in the guide's order. */

/** `path` is relative to /parametres. */
export const settingsSections = [
  { text: 'Informations personnelles', path: 'informations-personnelles' },
  { text: 'Confidentialité', path: 'confidentialite' },
  { text: 'Notifications e-mail', path: 'notifications-email' },
  { text: 'Partage du profil', path: 'partage-du-profil' },
  { text: "Historique d'activité", path: 'historique-activite' },
  { text: 'Télécharger mes données', path: 'telecharger-mes-donnees' },
  { text: 'Clôture du profil', path: 'cloture-du-profil' },
] as const;

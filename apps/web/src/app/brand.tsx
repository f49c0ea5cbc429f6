/** Brand shown in the DSFR header and footer (one place to change per deployment). */

/** Text of the logo block. */
export const brandTop = <>Carnet</>;

/** Link of the logo and service title. */
export const homeLinkProps = { to: '/', title: 'Accueil - Carnet' };

/** Service title and tagline. */
export const serviceTitle = 'Carnet';
export const serviceTagline = 'Mon espace santé';

/** "Qu'est-ce qu'un administrateur ?": a link-styled button opening a DSFR modal (PRODUCT.md). */
import { useRef } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { createModal } from '@codegouvfr/react-dsfr/Modal';
import { useIsModalOpen } from '@codegouvfr/react-dsfr/Modal/useIsModalOpen';

const administratorModal = createModal({
  id: 'qu-est-ce-qu-un-administrateur',
  isOpenedByDefault: false,
});

/** Opens the explanation; focus comes back to the button when it closes. */
export function AdministratorInfo() {
  const button = useRef<HTMLButtonElement>(null);
  useIsModalOpen(administratorModal, { onConceal: () => button.current?.focus() });
  return (
    <>
      <p>
        <button
          ref={button}
          type="button"
          className={fr.cx('fr-link')}
          aria-haspopup="dialog"
          onClick={() => administratorModal.open()}
        >
          Qu'est-ce qu'un administrateur ?
        </button>
      </p>
      <administratorModal.Component title="Qu'est-ce qu'un administrateur ?" titleAs="h2">
        <p>
          Un professionnel de santé administrateur a les mêmes accès qu'un professionnel de santé
          autorisé et, en plus, il peut :
        </p>
        <ul>
          <li>consulter les documents que j'ai masqués aux professionnels de santé ;</li>
          <li>bloquer l'accès d'autres professionnels de santé à mon profil.</li>
        </ul>
        <p className="fr-mb-0">
          Je peux lui attribuer ce statut, ou le lui retirer, à tout moment en cliquant sur "⋮".
        </p>
      </administratorModal.Component>
    </>
  );
}

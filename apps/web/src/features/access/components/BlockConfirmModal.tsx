/**
 * Confirmation before "Bloquer l'accès" (ISSUE: blocking asks for confirmation and explains
 * that débloquer does not re-authorize, ACCESS.md "Patient side: managing access").
 */
import { createModal } from '@codegouvfr/react-dsfr/Modal';
import { useIsModalOpen } from '@codegouvfr/react-dsfr/Modal/useIsModalOpen';
import type { ProfessionalSummary } from '@carnet/shared';
import { fullName } from '../format.ts';

/** The one confirmation dialog of the page; `open()` shows it. */
export const blockModal = createModal({ id: 'confirmer-blocage', isOpenedByDefault: false });

/** Props: who would be blocked, what "Bloquer l'accès" does, what happens once it is closed. */
export interface BlockConfirmModalProps {
  target: ProfessionalSummary | undefined;
  onConfirm: (professional: ProfessionalSummary) => void;
  /** Puts focus back where the person was (the "⋮" button that opened it). */
  onClosed: () => void;
}

/** States what a block does and that débloquer later does not re-authorize. */
export function BlockConfirmModal({ target, onConfirm, onClosed }: BlockConfirmModalProps) {
  useIsModalOpen(blockModal, { onConceal: onClosed });
  const name = target ? fullName(target) : '';
  return (
    <blockModal.Component
      title={target ? `Bloquer l'accès de ${name} ?` : "Bloquer l'accès"}
      titleAs="h2"
      buttons={[
        { children: 'Annuler', priority: 'secondary' },
        {
          children: "Bloquer l'accès",
          priority: 'primary',
          onClick: () => {
            if (target) onConfirm(target);
          },
        },
      ]}
    >
      <p>
        {name} n'aura plus accès à mes Documents ni à mes rubriques Vaccinations, Historique de
        soins, Entourage et volontés du Profil médical, y compris en cas d'urgence.
      </p>
      <p className="fr-mb-0">
        Si je le débloque plus tard, il ne sera pas autorisé pour autant : il devra de nouveau
        obtenir mon autorisation lors d'une consultation.
      </p>
    </blockModal.Component>
  );
}

/** One line of the lists: "Nom Prénom — Administrateur / Autorisé / Bloqué — Depuis le dd/mm/yyyy". */
import { Link } from 'react-router';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { AccessEntry } from '@carnet/shared';
import type { AccessChange } from '../api.ts';
import { formatDay, fullName, statusBadgeSeverity, statusLabels } from '../format.ts';
import { ActionsMenu } from './ActionsMenu.tsx';
import type { MenuAction } from './ActionsMenu.tsx';
import './actions-menu.css';

/** Id of the "⋮" or "Débloquer" button of a professional (focus goes back to it after a change). */
export const lineActionId = (psId: string) => `acces-${psId}`;

/** Props: the entry, and what its actions do. */
export interface AccessLineProps {
  entry: AccessEntry;
  onChange: (psId: string, change: AccessChange) => void;
  /** "Bloquer l'accès" asks for confirmation first. */
  onAskBlock: (entry: AccessEntry) => void;
}

/** The name leads to the professional's page; the last cell holds "⋮" or "Débloquer". */
export function AccessLine({ entry, onChange, onAskBlock }: AccessLineProps) {
  const { professional, status } = entry;
  const name = fullName(professional);
  const actions: MenuAction[] = [
    status === 'administrateur'
      ? {
          label: 'Retirer le statut administrateur',
          onSelect: () => onChange(professional.id, 'revoke-administrator'),
        }
      : {
          label: 'Attribuer le statut administrateur',
          onSelect: () => onChange(professional.id, 'grant-administrator'),
        },
    { label: "Bloquer l'accès", onSelect: () => onAskBlock(entry) },
  ];
  return (
    <li className="carnet-access-line">
      <span className="carnet-access-line__name">
        <Link
          to={`/parametres/confidentialite/professionnels/${encodeURIComponent(professional.id)}`}
        >
          {name}
        </Link>
      </span>
      <Badge small noIcon severity={statusBadgeSeverity[status]}>
        {statusLabels[status]}
      </Badge>
      <span className="carnet-access-line__since fr-text--sm fr-mb-0">
        Depuis le {formatDay(entry.since)}
      </span>
      <span className="carnet-access-line__action">
        {status === 'bloque' ? (
          <Button
            id={lineActionId(professional.id)}
            priority="tertiary"
            size="small"
            onClick={() => onChange(professional.id, 'unblock')}
          >
            Débloquer<span className="fr-sr-only"> {name}</span>
          </Button>
        ) : (
          <ActionsMenu
            id={lineActionId(professional.id)}
            label={`Actions pour ${name}`}
            actions={actions}
          />
        )}
      </span>
    </li>
  );
}

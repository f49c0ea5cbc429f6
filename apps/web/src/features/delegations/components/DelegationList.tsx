/** A list of accesses or invitations, with their status and the actions the person may take. */
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { Delegation } from '@carnet/shared';

const statusText = {
  PENDING: { label: 'En attente', severity: 'new' },
  ACCEPTED: { label: 'Accepté', severity: 'success' },
  REFUSED: { label: 'Refusé', severity: 'error' },
  EXPIRED: { label: 'Expiré', severity: 'warning' },
  REVOKED: { label: 'Terminé', severity: 'info' },
  ENDED: { label: 'Terminé', severity: 'info' },
} as const;

const kindText = { 'representant-legal': 'représentant légal', aidant: 'aidant' } as const;

/** `show` names the other side: the representative/aidant, or the person represented/helped. */
export function DelegationList(props: {
  items: Delegation[];
  show: 'person' | 'patient';
  empty: string;
  /** Which of accept/refuse/revoke the person may use on a line. */
  actionsOf: (d: Delegation) => ('accept' | 'refuse' | 'revoke')[];
  onAction: (d: Delegation, action: 'accept' | 'refuse' | 'revoke') => void;
  busy: boolean;
}) {
  if (props.items.length === 0) return <p>{props.empty}</p>;
  return (
    <ul className="fr-raw-list">
      {props.items.map((d) => {
        const who = props.show === 'person' ? d.person : d.patient;
        const status = statusText[d.status];
        return (
          <li key={d.id} className="fr-mb-2w">
            <p className="fr-mb-1v">
              <strong>
                {who.firstName} {who.lastName}
              </strong>{' '}
              ({props.show === 'person' ? kindText[d.kind] : `vous êtes ${kindText[d.kind]}`}){' '}
              <Badge small severity={status.severity}>
                {status.label}
              </Badge>
              {d.endsOn && <span> — jusqu’au {d.endsOn.split('-').reverse().join('/')}</span>}
            </p>
            {props.actionsOf(d).map((action) => (
              <Button
                key={action}
                size="small"
                priority={action === 'accept' ? 'primary' : 'secondary'}
                className="fr-mr-1w"
                disabled={props.busy}
                onClick={() => props.onAction(d, action)}
              >
                {action === 'accept'
                  ? 'Accepter'
                  : action === 'refuse'
                    ? 'Refuser'
                    : d.status === 'PENDING'
                      ? 'Annuler l’invitation'
                      : 'Mettre fin à l’accès'}
              </Button>
            ))}
          </li>
        );
      })}
    </ul>
  );
}

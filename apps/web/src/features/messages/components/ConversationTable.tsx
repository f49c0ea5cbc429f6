/** An inbox as a table: subject, the other party, last message date, unread. */
import { Link } from 'react-router';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { ConversationSummary } from '@carnet/shared';
import type { Side } from '../api.ts';
import { formatWhen, unreadLabel } from '../wording.ts';

/** `linkTo` gives each conversation's page. */
export function ConversationTable(props: {
  side: Side;
  items: readonly ConversationSummary[];
  linkTo: (id: string) => string;
  caption: string;
}) {
  const other = props.side === 'patient' ? 'Professionnel de santé' : 'Patient';
  return (
    <div className="fr-table fr-table--no-caption">
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Objet</th>
            <th scope="col">{other}</th>
            <th scope="col">Dernier message</th>
            <th scope="col">État</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((c) => (
            <tr key={c.id}>
              <td>
                <Link
                  to={props.linkTo(c.id)}
                  className={c.unread > 0 ? 'fr-text--bold' : undefined}
                >
                  {c.subject}
                </Link>
              </td>
              <td>{props.side === 'patient' ? c.professional.name : c.patient.name}</td>
              <td>{formatWhen(c.lastMessageAt)}</td>
              <td>
                {c.unread > 0 && (
                  <Badge severity="info" small noIcon>
                    {unreadLabel(c.unread)}
                  </Badge>
                )}{' '}
                {c.closed && (
                  <Badge severity="new" small noIcon>
                    Échange clôturé
                  </Badge>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

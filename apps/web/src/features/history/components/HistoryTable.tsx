/** The lines of the history, one table per month, newest first. */
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { HistoryEntry } from '@carnet/shared';
import { formatDateTime, groupByMonth } from '../period.ts';

function Who({ entry }: { entry: HistoryEntry }) {
  return (
    <>
      {entry.actor.name}
      {entry.actor.profession && (
        <>
          <br />
          <span className="fr-text--sm">{entry.actor.profession}</span>
        </>
      )}
    </>
  );
}

function What({ entry }: { entry: HistoryEntry }) {
  return (
    <>
      {entry.label}
      {entry.mode === 'urgence' && (
        <>
          <br />
          <Badge small severity="warning">
            Mode urgence
          </Badge>
          {entry.reason && <span className="fr-text--sm"> Motif : {entry.reason}</span>}
        </>
      )}
    </>
  );
}

/** Props: the lines loaded so far. */
export function HistoryTable({ entries }: { entries: HistoryEntry[] }) {
  return (
    <>
      {groupByMonth(entries).map((group) => (
        <div key={group.key} className="fr-table fr-mb-2w">
          <h3 className="fr-h6 fr-mb-1w" id={`mois-${group.key}`}>
            {group.label}
          </h3>
          <table aria-labelledby={`mois-${group.key}`}>
            <thead>
              <tr>
                <th scope="col">Date et heure</th>
                <th scope="col">Qui</th>
                <th scope="col">Action</th>
                <th scope="col">Sur quoi</th>
              </tr>
            </thead>
            <tbody>
              {group.entries.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                  </td>
                  <td>
                    <Who entry={entry} />
                  </td>
                  <td>
                    <What entry={entry} />
                  </td>
                  <td>{entry.target ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </>
  );
}

/** "Mes appareils connectés": active sessions, each other one with "Déconnecter". */
import { useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { SessionInfo } from '@carnet/shared';
import { errorMessage } from '../../../ui/server-errors.ts';
import { useEndSession, useSessions } from '../hooks.ts';
import './info-row.css';

const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short' });

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/** The current device is flagged and cannot be disconnected from here (use "Se déconnecter"). */
export function SessionsList() {
  const sessions = useSessions();
  const end = useEndSession();
  const [notice, setNotice] = useState<{ ok: boolean; message: string }>();

  const disconnect = (session: SessionInfo) => {
    setNotice(undefined);
    end.mutate(session.id, {
      onSuccess: () =>
        setNotice({ ok: true, message: `L'appareil « ${session.device} » a été déconnecté.` }),
      onError: (error) => setNotice({ ok: false, message: errorMessage(error) }),
    });
  };

  return (
    <section aria-labelledby="appareils">
      <h3 id="appareils">Mes appareils connectés</h3>
      {notice && (
        <Alert
          className="fr-mb-3w"
          severity={notice.ok ? 'success' : 'error'}
          small
          description={notice.message}
        />
      )}
      {sessions.isPending && <p>Chargement en cours…</p>}
      {sessions.isError && (
        <Alert severity="error" small description={errorMessage(sessions.error)} />
      )}
      {sessions.isSuccess && (
        <ul className="fr-raw-list">
          {sessions.data.map((session) => (
            <li key={session.id} className="fr-grid-row fr-grid-row--middle carnet-info-row">
              <div className="fr-col">
                <p className="fr-text--bold fr-mb-0">
                  {session.device}{' '}
                  {session.current && (
                    <Badge small noIcon severity="info">
                      Cet appareil
                    </Badge>
                  )}
                </p>
                <p className="fr-text--sm fr-mb-0">
                  Connecté le {formatDate(session.createdAt)} · dernière activité le{' '}
                  {formatDate(session.lastSeenAt)}
                </p>
              </div>
              {!session.current && (
                <div className="fr-col-auto">
                  <Button priority="secondary" size="small" onClick={() => disconnect(session)}>
                    Déconnecter<span className="fr-sr-only"> l'appareil {session.device}</span>
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * /profil-medical/synthese: choose the rubriques, download the PDF, or "Enregistrer dans mes
 * documents" (a "Synthèse médicale" document); also the FHIR IPS export.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import type { ProfileRubrique } from '@carnet/shared';
import { profileRubriqueCodes, profileRubriques } from '@carnet/shared';
import { ApiError, unavailableMessage } from '../../../app/http.ts';
import { usePageTitle } from '../../../ui/use-page-title.ts';
import { saveSynthese, syntheseUrls } from '../api.ts';
import { useProfileMutation } from '../hooks.ts';

/** The synthèse page. */
export function SynthesePage() {
  usePageTitle('Synthèse du profil médical');
  const [chosen, setChosen] = useState<ProfileRubrique[]>([...profileRubriqueCodes]);
  const save = useProfileMutation(() => saveSynthese(chosen));
  const urls = syntheseUrls(chosen);
  const none = chosen.length === 0;
  const toggle = (code: ProfileRubrique, on: boolean) =>
    setChosen((c) => profileRubriqueCodes.filter((r) => (r === code ? on : c.includes(r))));
  return (
    <>
      <p>
        <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" to="/profil-medical">
          Profil médical
        </Link>
      </p>
      <h1>Synthèse du profil médical</h1>
      <Checkbox
        legend="Rubriques à inclure dans la synthèse"
        state={none ? 'error' : 'default'}
        stateRelatedMessage={none ? 'Choisissez au moins une rubrique' : undefined}
        options={profileRubriqueCodes.map((code) => ({
          label: profileRubriques[code],
          nativeInputProps: {
            checked: chosen.includes(code),
            onChange: (e) => toggle(code, e.target.checked),
          },
        }))}
      />
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <DownloadLink href={urls.pdf} disabled={none} className="fr-btn--secondary">
            Télécharger la synthèse (PDF)
          </DownloadLink>
        </li>
        <li>
          <Button disabled={none || save.isPending} onClick={() => save.mutate()}>
            Enregistrer dans mes documents
          </Button>
        </li>
        <li>
          <DownloadLink href={urls.ips} disabled={none} className="fr-btn--tertiary">
            Exporter au format FHIR (IPS)
          </DownloadLink>
        </li>
      </ul>
      <div role="status">
        {save.isSuccess && (
          <Alert
            severity="success"
            small
            description={
              <>
                La synthèse médicale a été enregistrée dans vos documents.{' '}
                <Link to={`/documents/${save.data.documentId}`}>Voir le document</Link>
              </>
            }
          />
        )}
      </div>
      {save.isError && (
        <Alert
          severity="error"
          small
          description={save.error instanceof ApiError ? save.error.message : unavailableMessage}
        />
      )}
    </>
  );
}

/** A download styled as a button; a disabled button when nothing is chosen. */
function DownloadLink(props: {
  href: string;
  disabled: boolean;
  className: string;
  children: string;
}) {
  if (props.disabled)
    return (
      <button type="button" className={`fr-btn ${props.className}`} disabled>
        {props.children}
      </button>
    );
  return (
    <a className={`fr-btn ${props.className}`} href={props.href} download>
      {props.children}
    </a>
  );
}

/**
 * /pro: "Rechercher un patient" by INS + date de naissance (ACCESS.md "Professional side").
 * A record readable now opens at once; otherwise the result offers the consent given at the
 * consultation and "Accès en urgence", then opens the record.
 */
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { patientSearchRequestSchema } from '@carnet/shared';
import type { PatientSearchResult } from '@carnet/shared';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { TextField } from '../../../ui/TextField.tsx';
import { applyServerError } from '../../../ui/server-errors.ts';
import { bind, rootError, useZodForm } from '../../../ui/zod-form.ts';
import { usePageTitle } from '../../../ui/use-page-title.ts';
import { formatDay, professionText } from '../../access/format.ts';
import { useSearchPatient } from '../hooks.ts';
import { AccessPanel } from '../components/AccessPanel.tsx';
import { useProProfile } from '../pro-context.ts';
import { patientPagePath } from '../paths.ts';
import type { RecordArrival } from '../paths.ts';

/** "Not found" is the server's one message for every miss (unknown, wrong date, blocked). */
export function PatientSearchPage() {
  usePageTitle('Rechercher un patient - Espace professionnel');
  const profile = useProProfile();
  const navigate = useNavigate();
  const form = useZodForm(patientSearchRequestSchema, {
    defaultValues: { ins: '', birthDate: '' },
  });
  const search = useSearchPatient();
  const [found, setFound] = useState<PatientSearchResult>();
  const resultHeading = useRef<HTMLHeadingElement>(null);

  const open = (patientId: string, notice?: string) => {
    const state: RecordArrival | undefined = notice === undefined ? undefined : { notice };
    void navigate(patientPagePath(patientId), { state });
  };

  return (
    <>
      <h1>Rechercher un patient</h1>
      <p>
        Connecté en tant que {profile.lastName} {profile.firstName}, {professionText(profile)}
        {profile.isRegulator && ', régulateur SAMU'} (RPPS {profile.rpps}).
      </p>
      <div className="fr-grid-row fr-mb-6w">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <form
            role="search"
            aria-label="Rechercher un patient"
            noValidate
            onSubmit={(event) => {
              setFound(undefined);
              void form.handleSubmit((body) => {
                if (search.isPending) return;
                search.mutate(body, {
                  onSuccess: (result) => {
                    if (result.access.readMode !== null) return open(result.patientId);
                    setFound(result);
                    requestAnimationFrame(() => resultHeading.current?.focus());
                  },
                  onError: (error) => applyServerError(form.setError, error),
                });
              })(event);
            }}
          >
            <p className="fr-hint-text">Tous les champs sont obligatoires</p>
            <FormAlert message={rootError(form.formState.errors)} />
            <TextField
              {...bind(form, 'ins', { inputMode: 'numeric', autoComplete: 'off' })}
              label="INS du patient"
              hintText="15 chiffres (matricule INS). Ex : 2 88 04 75 123 456 17"
            />
            <TextField
              {...bind(form, 'birthDate', { type: 'date', autoComplete: 'off' })}
              label="Date de naissance"
              hintText="Format attendu : JJ/MM/AAAA"
            />
            <Button type="submit" iconId="fr-icon-search-line" iconPosition="left">
              Rechercher
            </Button>
          </form>
        </div>
      </div>
      {found && (
        <section aria-labelledby="patient-trouve">
          <h2 id="patient-trouve" ref={resultHeading} tabIndex={-1}>
            {found.lastName} {found.firstName}
          </h2>
          <p>Date de naissance : {formatDay(found.birthDate)}</p>
          <AccessPanel
            patientId={found.patientId}
            access={found.access}
            rubriques={[]}
            level={3}
            onChanged={(message) => open(found.patientId, message)}
          />
        </section>
      )}
    </>
  );
}

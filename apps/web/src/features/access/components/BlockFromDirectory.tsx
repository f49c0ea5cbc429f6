/**
 * "Bloquer un professionnel de santé": search of the directory to block a professional who
 * never accessed the record (ACCESS.md: "Bloquer l'accès … also a PS who never accessed").
 */
import { useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { directoryQuerySchema } from '@carnet/shared';
import type { AccessEntry, ProfessionalSummary } from '@carnet/shared';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { TextField } from '../../../ui/TextField.tsx';
import { errorMessage } from '../../../ui/server-errors.ts';
import { bind, onValidSubmit, rootError, useZodForm } from '../../../ui/zod-form.ts';
import { useDirectorySearch } from '../hooks.ts';
import { fullName, professionText, statusLabels } from '../format.ts';

/** Props: the current status of each listed professional, and the confirmation to open. */
export interface BlockFromDirectoryProps {
  statusOf: (psId: string) => AccessEntry['status'] | undefined;
  onAskBlock: (professional: ProfessionalSummary, triggerId: string) => void;
}

/** Id of a result's "Bloquer l'accès" button (focus goes back to it if the dialog is cancelled). */
export const directoryBlockId = (psId: string) => `annuaire-bloquer-${psId}`;

/** A search field, then one line per professional found with "Bloquer l'accès". */
export function BlockFromDirectory({ statusOf, onAskBlock }: BlockFromDirectoryProps) {
  const form = useZodForm(directoryQuerySchema, { defaultValues: { q: '' } });
  const [submitted, setSubmitted] = useState<string>();
  const search = useDirectorySearch(submitted);
  const results = search.data;
  return (
    <section aria-labelledby="bloquer-un-professionnel" className="fr-mt-6w">
      <h2 id="bloquer-un-professionnel" className="fr-h4">
        Bloquer un professionnel de santé
      </h2>
      <p>
        Je peux aussi bloquer un professionnel de santé qui n'a encore jamais accédé à mes rubriques
        : je le recherche dans l'annuaire des professionnels de santé.
      </p>
      <form role="search" noValidate onSubmit={onValidSubmit(form, ({ q }) => setSubmitted(q))}>
        <FormAlert
          message={
            rootError(form.formState.errors) ??
            (search.isError ? errorMessage(search.error) : undefined)
          }
        />
        <div className="fr-grid-row fr-grid-row--bottom fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-8">
            <TextField
              {...bind(form, 'q', { type: 'search', autoComplete: 'off' })}
              label="Rechercher un professionnel de santé"
              hintText="Nom, prénom ou numéro RPPS (au moins 2 caractères)"
            />
          </div>
          <div className="fr-col-12 fr-col-md-4 fr-mb-3w">
            <Button type="submit" iconId="fr-icon-search-line" iconPosition="left">
              Rechercher
            </Button>
          </div>
        </div>
      </form>
      <p aria-live="polite" className={results === undefined ? 'fr-sr-only' : undefined}>
        {results && resultsSummary(results.length)}
      </p>
      {results && results.length > 0 && (
        <ul className="fr-raw-list">
          {results.map((professional) => {
            const status = statusOf(professional.id);
            const name = fullName(professional);
            return (
              <li key={professional.id} className="carnet-access-line">
                <span className="carnet-access-line__name">
                  {name}
                  <span className="fr-text--sm fr-text--regular fr-mb-0 fr-ml-1w">
                    {professionText(professional)} · RPPS {professional.rpps}
                  </span>
                </span>
                <span className="carnet-access-line__action">
                  {status === 'bloque' ? (
                    statusLabels.bloque
                  ) : (
                    <Button
                      id={directoryBlockId(professional.id)}
                      priority="secondary"
                      size="small"
                      onClick={() => onAskBlock(professional, directoryBlockId(professional.id))}
                    >
                      Bloquer l'accès<span className="fr-sr-only"> de {name}</span>
                    </Button>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function resultsSummary(count: number): string {
  if (count === 0) return 'Aucun professionnel de santé ne correspond à cette recherche.';
  return count === 1
    ? '1 professionnel de santé trouvé.'
    : `${count} professionnels de santé trouvés.`;
}

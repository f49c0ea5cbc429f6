/**
 * An administrator blocks another professional on this record (ACCESS.md "block another PS":
 * `grant = administrator` only). Search the directory, then confirm.
 */
import { useRef, useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { directoryQuerySchema } from '@carnet/shared';
import type { ProfessionalSummary } from '@carnet/shared';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { TextField } from '../../../ui/TextField.tsx';
import { errorMessage } from '../../../ui/server-errors.ts';
import { bind, onValidSubmit, rootError, useZodForm } from '../../../ui/zod-form.ts';
import { fullName, professionText } from '../../access/format.ts';
import { useBlockOtherProfessional, useProfessionalSearch } from '../hooks.ts';

/** Props: the record, and what to do once the block is made. */
export interface BlockOtherProfessionalProps {
  patientId: string;
  onBlocked: () => void;
}

/** Each result has "Bloquer l'accès", which asks for confirmation in place. */
export function BlockOtherProfessional({ patientId, onBlocked }: BlockOtherProfessionalProps) {
  const form = useZodForm(directoryQuerySchema, { defaultValues: { q: '' } });
  const [submitted, setSubmitted] = useState<string>();
  const search = useProfessionalSearch(submitted);
  const block = useBlockOtherProfessional(patientId);
  const results = submitted === undefined ? undefined : search.data;
  const [confirming, setConfirming] = useState<ProfessionalSummary>();
  const confirmHeading = useRef<HTMLParagraphElement>(null);
  const sectionHeading = useRef<HTMLHeadingElement>(null);

  const ask = (professional: ProfessionalSummary) => {
    block.reset();
    setConfirming(professional);
    requestAnimationFrame(() => confirmHeading.current?.focus());
  };
  const cancel = () => {
    const id = confirming?.id;
    setConfirming(undefined);
    if (id) requestAnimationFrame(() => document.getElementById(blockButtonId(id))?.focus());
  };
  const confirm = (professional: ProfessionalSummary) =>
    block.mutate(professional.id, {
      onSuccess: () => {
        setConfirming(undefined);
        setSubmitted(undefined);
        onBlocked();
        // The confirmation is gone with its buttons: focus goes back to the top of the section.
        requestAnimationFrame(() => sectionHeading.current?.focus());
      },
    });

  return (
    <section aria-labelledby="bloquer-un-professionnel" className="fr-mb-6w">
      <h2 id="bloquer-un-professionnel" ref={sectionHeading} tabIndex={-1} className="fr-h4">
        Bloquer un professionnel de santé
      </h2>
      <p>
        En tant qu'administrateur de ce dossier, je peux bloquer l'accès d'un autre professionnel de
        santé. Le patient le verra dans sa liste des professionnels bloqués.
      </p>
      <form
        role="search"
        aria-label="Rechercher un professionnel de santé à bloquer"
        noValidate
        onSubmit={onValidSubmit(form, ({ q }) => {
          setConfirming(undefined);
          setSubmitted(q);
        })}
      >
        <FormAlert
          message={
            rootError(form.formState.errors) ??
            (search.isError ? errorMessage(search.error) : undefined)
          }
        />
        <TextField
          {...bind(form, 'q', { type: 'search', autoComplete: 'off' })}
          label="Rechercher un professionnel de santé"
          hintText="Nom, prénom ou numéro RPPS (au moins 2 caractères)"
        />
        <Button type="submit" priority="secondary" iconId="fr-icon-search-line" iconPosition="left">
          Rechercher
        </Button>
      </form>
      <p aria-live="polite" className="fr-mt-2w">
        {results &&
          (results.length === 0
            ? 'Aucun professionnel de santé ne correspond à cette recherche.'
            : `${results.length} professionnel(s) de santé trouvé(s).`)}
      </p>
      {results && results.length > 0 && (
        <ul>
          {results.map((professional) => (
            <li key={professional.id} className="fr-mb-2w">
              {fullName(professional)} — {professionText(professional)} ·{' '}
              <Button
                id={blockButtonId(professional.id)}
                priority="tertiary"
                size="small"
                onClick={() => ask(professional)}
              >
                Bloquer l'accès<span className="fr-sr-only"> de {fullName(professional)}</span>
              </Button>
              {confirming?.id === professional.id && (
                <div className="fr-mt-2w">
                  <p ref={confirmHeading} tabIndex={-1} className="fr-text--bold">
                    Bloquer l'accès de {fullName(professional)} à ce dossier ?
                  </p>
                  <FormAlert message={block.isError ? errorMessage(block.error) : undefined} />
                  <ul className="fr-btns-group fr-btns-group--inline-sm">
                    <li>
                      <Button onClick={() => confirm(professional)}>Confirmer le blocage</Button>
                    </li>
                    <li>
                      <Button priority="secondary" onClick={cancel}>
                        Annuler
                      </Button>
                    </li>
                  </ul>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function blockButtonId(psId: string): string {
  return `pro-bloquer-${psId}`;
}

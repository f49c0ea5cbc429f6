/**
 * "Accès en urgence": mode SAMU (régulateurs only) or "Bris de glace", and a required "Motif"
 * (ACCESS.md "open an emergency window": rows 1–3 with the requested mode, and a non-empty reason).
 */
import { Input } from '@codegouvfr/react-dsfr/Input';
import { emergencyAccessRequestSchema } from '@carnet/shared';
import type { ProAccess } from '@carnet/shared';
import { FormActions } from '../../../ui/FormActions.tsx';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { RadioField } from '../../../ui/RadioField.tsx';
import { applyServerError } from '../../../ui/server-errors.ts';
import { bind, errorOf, onValidSubmit, rootError, useZodForm } from '../../../ui/zod-form.ts';
import { useOpenEmergencyAccess } from '../hooks.ts';
import type { EmergencyAccessRequest } from '../api.ts';

/** Props: the record, whether SAMU mode is offered, what happens next. */
export interface EmergencyAccessFormProps {
  id: string;
  patientId: string;
  isRegulator: boolean;
  onOpened: (access: ProAccess) => void;
  onCancel: () => void;
}

const modeOptions = [
  { value: 'samu', label: 'Mode SAMU (régulation médicale)' },
  { value: 'bris-de-glace', label: 'Bris de glace' },
] as const;

/** A régulateur chooses the mode; any other professional can only break the glass. */
export function EmergencyAccessForm(props: EmergencyAccessFormProps) {
  const { id, patientId, isRegulator, onOpened, onCancel } = props;
  const form = useZodForm(emergencyAccessRequestSchema, {
    defaultValues: { mode: isRegulator ? undefined : 'bris-de-glace', reason: '' },
  });
  const emergency = useOpenEmergencyAccess(patientId);
  const reasonError = errorOf(form.formState.errors, 'reason');
  const open = (body: EmergencyAccessRequest) => {
    if (emergency.isPending) return;
    emergency.mutate(body, {
      onSuccess: onOpened,
      onError: (error) => applyServerError(form.setError, error),
    });
  };
  return (
    <form id={id} noValidate aria-labelledby={`${id}-titre`} onSubmit={onValidSubmit(form, open)}>
      <h3 id={`${id}-titre`} className="fr-h5">
        Ouvrir un accès en urgence
      </h3>
      <p>
        L'accès en urgence est limité dans le temps. Il est tracé, et le patient ainsi que son
        médecin traitant en sont informés par e-mail immédiatement.
      </p>
      <p className="fr-hint-text">Tous les champs sont obligatoires</p>
      <FormAlert message={rootError(form.formState.errors)} />
      <RadioField
        {...bind(form, 'mode')}
        legend="Mode d'accès"
        options={isRegulator ? modeOptions : modeOptions.filter((o) => o.value !== 'samu')}
      />
      <Input
        textArea
        label="Motif"
        hintText="Pourquoi l'état du patient nécessite cet accès (au moins 3 caractères)"
        state={reasonError === undefined ? 'default' : 'error'}
        stateRelatedMessage={reasonError}
        nativeTextAreaProps={{
          ...form.register('reason'),
          rows: 3,
          'aria-invalid': reasonError === undefined ? undefined : true,
        }}
      />
      <FormActions
        submitLabel="Ouvrir l'accès en urgence"
        onCancel={onCancel}
        pending={emergency.isPending}
      />
    </form>
  );
}

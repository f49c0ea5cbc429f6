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
import { useForm } from '../../../ui/use-form.ts';
import { openEmergencyAccess } from '../api.ts';

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
  const form = useForm({ mode: isRegulator ? '' : 'bris-de-glace', reason: '' });
  const reason = form.field('reason');
  return (
    <form
      id={id}
      noValidate
      aria-labelledby={`${id}-titre`}
      onSubmit={(event) =>
        form.submit(event, {
          schema: emergencyAccessRequestSchema,
          input: form.values,
          action: (body) => openEmergencyAccess(patientId, body),
          onSuccess: onOpened,
        })
      }
    >
      <h3 id={`${id}-titre`} className="fr-h5">
        Ouvrir un accès en urgence
      </h3>
      <p>
        L'accès en urgence est limité dans le temps. Il est tracé, et le patient ainsi que son
        médecin traitant en sont informés par e-mail immédiatement.
      </p>
      <p className="fr-hint-text">Tous les champs sont obligatoires</p>
      <FormAlert errors={form.errors} />
      <RadioField
        {...form.field('mode')}
        legend="Mode d'accès"
        options={isRegulator ? modeOptions : modeOptions.filter((o) => o.value !== 'samu')}
      />
      <Input
        textArea
        label="Motif"
        hintText="Pourquoi l'état du patient nécessite cet accès (au moins 3 caractères)"
        state={reason.error === undefined ? 'default' : 'error'}
        stateRelatedMessage={reason.error}
        nativeTextAreaProps={{
          name: reason.name,
          value: reason.value,
          rows: 3,
          onChange: (event) => reason.onChange(event.target.value),
          'aria-invalid': reason.error === undefined ? undefined : true,
        }}
      />
      <FormActions
        submitLabel="Ouvrir l'accès en urgence"
        onCancel={onCancel}
        pending={form.pending}
      />
    </form>
  );
}

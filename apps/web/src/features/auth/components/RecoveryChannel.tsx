/** Where a recovery message goes: the e-mail or the mobile stored on the profile. */
import { RadioField } from '../../../ui/RadioField.tsx';
import type { BoundInput } from '../../../ui/zod-form.ts';

const options = [
  { value: 'email', label: 'Par e-mail' },
  { value: 'sms', label: 'Par SMS' },
] as const;

/** `what`: "mon identifiant", "mon code à usage unique"… */
export function RecoveryChannel({ field, what }: { field: BoundInput; what: string }) {
  return <RadioField {...field} legend={`Je souhaite recevoir ${what} :`} options={options} />;
}

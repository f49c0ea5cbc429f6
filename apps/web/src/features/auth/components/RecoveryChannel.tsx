/** Where a recovery message goes: the e-mail or the mobile stored on the profile. */
import { RadioField } from '../../../ui/RadioField.tsx';
import type { BoundField } from '../../../ui/use-form.ts';

const options = [
  { value: 'email', label: 'Par e-mail' },
  { value: 'sms', label: 'Par SMS' },
] as const;

/** `what`: "mon identifiant", "mon code à usage unique"… */
export function RecoveryChannel({ field, what }: { field: BoundField; what: string }) {
  return <RadioField {...field} legend={`Je souhaite recevoir ${what} :`} options={options} />;
}

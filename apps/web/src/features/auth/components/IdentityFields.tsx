/** INS and birth date: how activation, opposition and recovery recognise a person. */
import type { BoundField } from '../../../ui/use-form.ts';
import { TextField } from '../../../ui/TextField.tsx';

/** Two fields bound to the form's `ins` and `birthDate`. */
export function IdentityFields({ ins, birthDate }: { ins: BoundField; birthDate: BoundField }) {
  return (
    <>
      <TextField
        {...ins}
        label="Mon numéro de sécurité sociale (INS)"
        hintText="15 chiffres, figurant sur ma carte Vitale. Ex : 2 88 05 75 123 456 78"
        input={{ inputMode: 'numeric', autoComplete: 'off' }}
      />
      <TextField
        {...birthDate}
        label="Ma date de naissance"
        hintText="Format attendu : JJ/MM/AAAA"
        input={{ type: 'date', autoComplete: 'bday' }}
      />
    </>
  );
}

/** INS and birth date: how activation, opposition and recovery recognise a person. */
import { TextField } from '../../../ui/TextField.tsx';
import type { BoundInput } from '../../../ui/zod-form.ts';

/** Two fields bound to the form's `ins` and `birthDate` (see `bind`). */
export function IdentityFields({ ins, birthDate }: { ins: BoundInput; birthDate: BoundInput }) {
  return (
    <>
      <TextField
        error={ins.error}
        input={{ ...ins.input, inputMode: 'numeric', autoComplete: 'off' }}
        label="Mon numéro de sécurité sociale (INS)"
        hintText="15 chiffres, figurant sur ma carte Vitale. Ex : 2 88 05 75 123 456 78"
      />
      <TextField
        error={birthDate.error}
        input={{ ...birthDate.input, type: 'date', autoComplete: 'bday' }}
        label="Ma date de naissance"
        hintText="Format attendu : JJ/MM/AAAA"
      />
    </>
  );
}

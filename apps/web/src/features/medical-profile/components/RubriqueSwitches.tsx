/** "Je ne suis pas concerné(e)" and "Masquer aux professionnels de santé" of one rubrique. */
import { useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { ToggleSwitch } from '@codegouvfr/react-dsfr/ToggleSwitch';
import type { ProfileRubriqueView } from '@carnet/shared';
import { rubriquesReadableByProfessionals } from '@carnet/shared';
import { ApiError, unavailableMessage } from '../../../app/http.ts';
import { setRubrique } from '../api.ts';
import { useProfileMutation } from '../hooks.ts';

/** The two switches; a refusal is announced and the switch stays as the server has it. */
export function RubriqueSwitches({ rubrique }: { rubrique: ProfileRubriqueView }) {
  const [failure, setFailure] = useState<string>();
  const save = useProfileMutation((s: { notConcerned?: boolean; masked?: boolean }) =>
    setRubrique(rubrique.code, s),
  );
  const change = (s: { notConcerned?: boolean; masked?: boolean }) => {
    setFailure(undefined);
    save.mutate(s, {
      onError: (error) =>
        setFailure(error instanceof ApiError ? error.message : unavailableMessage),
    });
  };
  const shared = rubriquesReadableByProfessionals.includes(rubrique.code);
  return (
    <div className="fr-mb-4w">
      <ToggleSwitch
        label="Je ne suis pas concerné(e)"
        checked={rubrique.notConcerned}
        disabled={save.isPending}
        onChange={(checked) => change({ notConcerned: checked })}
        showCheckedHint={false}
      />
      <ToggleSwitch
        label="Masquer cette rubrique aux professionnels de santé"
        helperText={
          shared
            ? 'Les professionnels de santé autorisés ne verront plus cette rubrique.'
            : 'Cette rubrique n’est pas consultable par les professionnels de santé ; vous pouvez la partager avec la synthèse du profil médical.'
        }
        checked={rubrique.masked}
        disabled={save.isPending}
        onChange={(checked) => change({ masked: checked })}
        showCheckedHint={false}
      />
      <p role="status" className="fr-sr-only">
        {save.isSuccess ? 'Mise à jour effectuée' : ''}
      </p>
      {failure && <Alert severity="error" small description={failure} />}
    </div>
  );
}

/** /profil-medical/:rubrique: one rubrique's switches, entries, forms (and charts for Mesures). */
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { ProfileEntry, ProfileEntryType, ProfileRubriqueView } from '@carnet/shared';
import { profileRubriqueSchema, profileRubriques } from '@carnet/shared';
import { usePageTitle } from '../../../ui/use-page-title.ts';
import { addEntry, getDirectiveDocuments } from '../api.ts';
import { EntryForm } from '../components/EntryForm.tsx';
import { EntryItem } from '../components/EntryItem.tsx';
import { MeasuresPanel } from '../components/MeasuresPanel.tsx';
import { RubriqueSwitches } from '../components/RubriqueSwitches.tsx';
import { useProfile, useProfileMutation } from '../hooks.ts';
import { rubriqueForms } from '../rubriques.ts';

/** The page of one rubrique. */
export function RubriquePage() {
  const parsed = profileRubriqueSchema.safeParse(useParams().rubrique);
  const code = parsed.success ? parsed.data : undefined;
  usePageTitle(code ? `${profileRubriques[code]} - Profil médical` : 'Page non trouvée');
  const profile = useProfile();
  const rubrique = profile.data?.rubriques.find((r) => r.code === code);
  return (
    <>
      <p>
        <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" to="/profil-medical">
          Profil médical
        </Link>
      </p>
      <h1>{code ? profileRubriques[code] : 'Page non trouvée'}</h1>
      {!code && <p>Cette rubrique n’existe pas.</p>}
      {profile.isPending && <p role="status">Chargement en cours…</p>}
      {profile.isError && <Alert severity="error" small description={profile.error.message} />}
      {rubrique && profile.data && (
        <>
          <RubriqueSwitches rubrique={rubrique} />
          {rubrique.code === 'mesures' && <MeasuresPanel profile={profile.data} />}
          <RubriqueBody rubrique={rubrique} />
        </>
      )}
    </>
  );
}

function RubriqueBody({ rubrique }: { rubrique: ProfileRubriqueView }) {
  const directives = useQuery({
    queryKey: ['documents', 'DIR_ANT'],
    queryFn: getDirectiveDocuments,
    enabled: rubrique.code === 'entourage',
  });
  const options = {
    documentId: Object.fromEntries(
      (directives.data?.items ?? []).map((d) => [d.id, `${d.title} (${d.date})`]),
    ),
  };
  const add = useProfileMutation((input: Parameters<typeof addEntry>[0]) => addEntry(input));
  const forms = rubriqueForms[rubrique.code];
  const byType = (type: ProfileEntryType): ProfileEntry[] =>
    rubrique.entries.filter((e) => e.data.type === type);
  return (
    <>
      {forms.map(({ type, title }) => (
        <section key={type} className="fr-mb-6w" aria-labelledby={`section-${type}`}>
          <h2 id={`section-${type}`} className={forms.length > 1 ? undefined : 'fr-sr-only'}>
            {forms.length > 1 ? title : 'Ajouter et consulter'}
          </h2>
          {type === 'directives' && (
            <p>
              Vos directives anticipées sont un document de la catégorie « Directives anticipées ».{' '}
              <Link to="/documents/ajouter">Ajouter un document</Link>
            </p>
          )}
          {(type !== 'directives' || Object.keys(options.documentId).length > 0) && (
            <div className="fr-p-3w fr-mb-4w fr-background-alt--grey">
              <h3 className="fr-h5">{forms.length > 1 ? 'Ajouter' : title}</h3>
              <EntryForm
                type={type}
                options={options}
                submitLabel="Ajouter"
                onSubmit={(entry) => add.mutateAsync(entry)}
              />
              <p role="status" className="fr-sr-only">
                {add.isSuccess ? 'Information ajoutée' : ''}
              </p>
            </div>
          )}
          <h3 className={forms.length > 1 ? 'fr-sr-only' : undefined}>Mes informations</h3>
          {byType(type).length === 0 ? (
            <p>{rubrique.notConcerned ? 'Je ne suis pas concerné(e).' : 'Aucune information.'}</p>
          ) : (
            <ul className="fr-raw-list">
              {[...byType(type)].reverse().map((entry) => (
                <EntryItem key={entry.id} entry={entry} options={options} />
              ))}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}

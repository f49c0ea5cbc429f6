/**
 * "Mon accès à ce dossier": the professional's grant, the consent button, the rubriques readable
 * now and "Accès en urgence". Shown on the record page and on a search result without access.
 */
import { useRef, useState } from 'react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { rubriqueLabels } from '@carnet/shared';
import type { ProAccess, Rubrique } from '@carnet/shared';
import { formatDateTime, formatDay } from '../../access/format.ts';
import { useProProfile } from '../pro-context.ts';
import { ConsentPanel } from './ConsentPanel.tsx';
import { EmergencyAccessForm } from './EmergencyAccessForm.tsx';

const grantLabels = {
  aucun: "Vous n'êtes pas autorisé à accéder à ce dossier.",
  autorise: 'Autorisé',
  administrateur: 'Administrateur',
} as const;

const emergencyFormId = 'acces-en-urgence';

/** Props: the record, this professional's access, its rubriques, what to do after a change. */
export interface AccessPanelProps {
  patientId: string;
  access: ProAccess;
  rubriques: readonly Rubrique[];
  /** After a consent or an emergency access: a message for the toast and the new access. */
  onChanged: (message: string, access: ProAccess) => void;
  /** h2 on the record page, h3 under a search result's name. */
  level?: 2 | 3;
}

/** The emergency form opens in place; "Annuler" puts focus back on "Accès en urgence". */
export function AccessPanel(props: AccessPanelProps) {
  const { patientId, access, rubriques, onChanged, level = 2 } = props;
  const Heading = level === 2 ? 'h2' : 'h3';
  const SubHeading = level === 2 ? 'h3' : 'h4';
  const profile = useProProfile();
  const [emergencyOpen, setEmergencyOpen] = useState(false);
  const emergencyButton = useRef<HTMLButtonElement>(null);
  const inEmergency = access.readMode === 'urgence';
  const readable = access.readMode === null ? [] : rubriques;

  return (
    <section aria-labelledby="mon-acces" className="fr-mb-6w">
      <Heading id="mon-acces" className="fr-h4">
        Mon accès à ce dossier
      </Heading>
      <p>
        {grantLabels[access.grant]}
        {access.since && access.grant !== 'aucun' && ` depuis le ${formatDay(access.since)}`}
        {access.isMedecinTraitant && ' · médecin traitant'}
      </p>
      <ConsentPanel
        patientId={patientId}
        onRecorded={(next) => onChanged('Autorisation enregistrée', next)}
      />
      <SubHeading className="fr-h5">Rubriques accessibles</SubHeading>
      {readable.length === 0 ? (
        <p>Aucune rubrique de ce dossier ne vous est accessible.</p>
      ) : (
        <ul>
          {readable.map((rubrique) => (
            <li key={rubrique}>{rubriqueLabels[rubrique]}</li>
          ))}
        </ul>
      )}
      {!inEmergency && (
        <Button
          ref={emergencyButton}
          priority="secondary"
          iconId="fr-icon-alarm-warning-line"
          iconPosition="left"
          onClick={() => setEmergencyOpen((open) => !open)}
          nativeButtonProps={{ 'aria-expanded': emergencyOpen, 'aria-controls': emergencyFormId }}
        >
          Accès en urgence
        </Button>
      )}
      {emergencyOpen && !inEmergency && (
        <div className="fr-mt-3w">
          <EmergencyAccessForm
            id={emergencyFormId}
            patientId={patientId}
            isRegulator={profile.isRegulator}
            onOpened={(opened) => {
              setEmergencyOpen(false);
              onChanged(
                opened.emergency
                  ? `Accès en urgence ouvert jusqu'au ${formatDateTime(opened.emergency.until)}`
                  : 'Accès en urgence ouvert',
                opened,
              );
            }}
            onCancel={() => {
              setEmergencyOpen(false);
              emergencyButton.current?.focus();
            }}
          />
        </div>
      )}
    </section>
  );
}

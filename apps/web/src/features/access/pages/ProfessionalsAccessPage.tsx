/**
 * /parametres/confidentialite/professionnels: "← Accès des professionnels de santé" of the guide,
 * both cases (no professional yet, professionals already authorized or blocked).
 */
import { useRef, useState } from 'react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Tabs } from '@codegouvfr/react-dsfr/Tabs';
import type { AccessEntry, ProfessionalSummary } from '@carnet/shared';
import { usePageTitle } from '../../../ui/use-page-title.ts';
import type { AccessChange } from '../api.ts';
import { AccessLine, lineActionId } from '../components/AccessLine.tsx';
import { AdministratorInfo } from '../components/AdministratorInfo.tsx';
import { BackTitle } from '../components/BackTitle.tsx';
import { BlockConfirmModal, blockModal } from '../components/BlockConfirmModal.tsx';
import { BlockFromDirectory } from '../components/BlockFromDirectory.tsx';
import { StatusToast } from '../../../ui/StatusToast.tsx';
import { errorMessage } from '../../../ui/server-errors.ts';
import { useToast } from '../../../ui/use-toast.ts';
import { useAccessList, useChangeAccess } from '../hooks.ts';

type TabId = 'autorises' | 'bloques';

const tabs = [
  { tabId: 'autorises', label: 'Autorisé(s)' },
  { tabId: 'bloques', label: 'Bloqué(s)' },
];

const emptyStates: Record<TabId, string> = {
  autorises: "Aucun professionnel de santé n'a encore accédé à mes rubriques.",
  bloques: "Aucun professionnel de santé n'est bloqué.",
};

/** Who the confirmation dialog is about, and which button opened it. */
interface BlockRequest {
  professional: ProfessionalSummary;
  triggerId: string;
}

/** The lists, their "⋮" menus, the confirmation of a block and the directory search. */
export function ProfessionalsAccessPage() {
  usePageTitle('Accès des professionnels de santé - Paramètres');
  const access = useAccessList();
  const change = useChangeAccess();
  const { toast, show, hide } = useToast();
  const [tab, setTab] = useState<TabId>('autorises');
  const [blockRequest, setBlockRequest] = useState<BlockRequest>();
  const toastRef = useRef<HTMLDivElement>(null);

  /** Focus stays on the button used when it is still there, else goes to the toast. */
  const refocus = (triggerId: string) =>
    requestAnimationFrame(() => {
      const trigger = document.getElementById(triggerId);
      if (trigger) trigger.focus();
      else toastRef.current?.focus();
    });

  const apply = (psId: string, what: AccessChange, triggerId = lineActionId(psId)) => {
    change.mutate(
      { psId, change: what },
      {
        onSuccess: () => {
          show('success', 'Mise à jour effectuée');
          refocus(triggerId);
        },
        onError: (error) => {
          show('error', errorMessage(error));
          refocus(triggerId);
        },
      },
    );
  };

  const askBlock = (professional: ProfessionalSummary, triggerId: string) => {
    setBlockRequest({ professional, triggerId });
    blockModal.open();
  };

  const list = access.data;
  const entries: AccessEntry[] = list ? (tab === 'autorises' ? list.authorized : list.blocked) : [];
  const nobody = list !== undefined && list.authorized.length === 0 && list.blocked.length === 0;

  return (
    <>
      <BackTitle
        title="Accès des professionnels de santé"
        to="/parametres/confidentialite"
        backLabel="Retour à Confidentialité"
      />
      {nobody && tab === 'bloques' ? <RubriquesIntro /> : <ConsultationsIntro />}
      <StatusToast ref={toastRef} toast={toast} onClose={hide} />
      {access.isPending && <p role="status">Chargement en cours…</p>}
      {access.isError && <Alert severity="error" small description={errorMessage(access.error)} />}
      {list && (
        <Tabs
          label="Professionnels de santé"
          tabs={tabs}
          selectedTabId={tab}
          onTabChange={(id) => setTab(id === 'bloques' ? 'bloques' : 'autorises')}
        >
          {entries.length === 0 ? (
            <p className="fr-mb-0">{emptyStates[tab]}</p>
          ) : (
            <ul className="fr-raw-list">
              {entries.map((entry) => (
                <AccessLine
                  key={entry.professional.id}
                  entry={entry}
                  onChange={(psId, what) => apply(psId, what)}
                  onAskBlock={({ professional }) =>
                    askBlock(professional, lineActionId(professional.id))
                  }
                />
              ))}
            </ul>
          )}
        </Tabs>
      )}
      {list && (
        <BlockFromDirectory
          statusOf={(psId) =>
            [...list.authorized, ...list.blocked].find((e) => e.professional.id === psId)?.status
          }
          onAskBlock={askBlock}
        />
      )}
      <BlockConfirmModal
        target={blockRequest?.professional}
        onConfirm={(professional) =>
          apply(professional.id, 'block', blockRequest?.triggerId ?? lineActionId(professional.id))
        }
        onClosed={() => {
          if (blockRequest) document.getElementById(blockRequest.triggerId)?.focus();
        }}
      />
    </>
  );
}

/** The guide's text when professionals are listed (and on "Autorisé(s)" when none is). */
function ConsultationsIntro() {
  return (
    <>
      <p className="fr-mb-1w">
        Lors de mes consultations, j'ai autorisé les professionnels de santé suivants à accéder à :
      </p>
      <ul>
        <li>
          mes <strong>Documents</strong> ;
        </li>
        <li>
          mes rubriques <strong>Vaccinations, Historique de soins, Entourage et volontés</strong> du
          Profil médical.
        </li>
      </ul>
      <p>
        Pour chaque professionnel de santé de cette liste, je peux attribuer le statut
        d'administrateur ou bloquer leur accès en cliquant sur "⋮".
      </p>
      <AdministratorInfo />
      <p>
        Un professionnel de santé débloqué pourra à nouveau être dans ma liste des autorisés, si je
        lui donne l'autorisation lors d'une consultation.
      </p>
    </>
  );
}

/** The guide's text on "Bloqué(s)" when no professional has accessed the record yet. */
function RubriquesIntro() {
  return (
    <>
      <p className="fr-mb-1w">
        Je visualise et je gère les accès des professionnels de santé aux rubriques suivantes :
      </p>
      <ul>
        <li>Documents,</li>
        <li>Vaccinations,</li>
        <li>Historique de soins,</li>
        <li>Entourage et dons d'organes,</li>
        <li>Directives anticipées.</li>
      </ul>
    </>
  );
}

/**
 * /parametres/historique-activite (PRODUCT.md "Historique d'activité"): three tabs, a period
 * filter, lines grouped by month, "Afficher plus" by 100, exports of the visible selection.
 */
import { useState } from 'react';
import { Tabs } from '@codegouvfr/react-dsfr/Tabs';
import { historyTabs } from '@carnet/shared';
import type { HistoryFilter, HistoryTab } from '@carnet/shared';
import { usePageTitle } from '../../../ui/use-page-title.ts';
import { ExportLinks } from '../components/ExportLinks.tsx';
import { linesShown, PagedHistory } from '../components/PagedHistory.tsx';
import type { Period } from '../components/PeriodFilter.tsx';
import { PeriodFilter } from '../components/PeriodFilter.tsx';
import { useHistory } from '../hooks.ts';
import { formatDay } from '../period.ts';

const tabIds = Object.keys(historyTabs) as HistoryTab[];

const emptyText: Record<HistoryTab, string> = {
  professionnels: 'Aucun professionnel de santé n’a accédé à votre profil sur cette période.',
  'mes-activites': 'Aucune activité sur cette période.',
  proches: 'Aucun représentant légal ni aidant n’a agi sur votre profil sur cette période.',
};

function describePeriod({ from, to }: Period): string {
  if (from && to) return `du ${formatDay(from)} au ${formatDay(to)}`;
  if (from) return `depuis le ${formatDay(from)}`;
  if (to) return `jusqu’au ${formatDay(to)}`;
  return 'sur toute la période';
}

/** The tab and the period are the selection; the exports follow it. */
export function HistoryPage() {
  usePageTitle("Historique d'activité - Paramètres");
  const [tab, setTab] = useState<HistoryTab>('professionnels');
  const [period, setPeriod] = useState<Period>({});
  const filter: HistoryFilter = { tab, ...period };
  const history = useHistory(filter);

  return (
    <>
      <h2 data-route-heading="">Historique d'activité</h2>
      <p>
        Je retrouve toutes les actions effectuées sur mon profil : les accès des professionnels de
        santé, y compris les tentatives refusées et les accès en urgence, et mes propres activités.
      </p>
      <Tabs
        label="Historique d'activité"
        selectedTabId={tab}
        onTabChange={(id) => setTab(id as HistoryTab)}
        tabs={tabIds.map((id) => ({ tabId: id, label: historyTabs[id] }))}
      >
        <PeriodFilter period={period} onChange={setPeriod} />
        <ExportLinks filter={filter} />
        <PagedHistory
          query={history}
          summary={(count) =>
            count === 0 ? emptyText[tab] : `${linesShown(count)}, ${describePeriod(period)}.`
          }
        />
      </Tabs>
    </>
  );
}

/**
 * Trace lines read by pages of 100 (the patient's Historique d'activité, a record's traces in
 * the professional space): the count, the table, "Afficher plus" and what it announces.
 */
import { useRef, useState } from 'react';
import type { UseInfiniteQueryResult } from '@tanstack/react-query';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { HistoryEntry } from '@carnet/shared';
import { errorMessage } from '../../../ui/server-errors.ts';
import { HistoryTable } from './HistoryTable.tsx';

/** Props: the paged query (its data: every line loaded) and the sentence above the table. */
export interface PagedHistoryProps {
  query: UseInfiniteQueryResult<HistoryEntry[]>;
  summary: (count: number) => string;
}

/** Focus stays in the list's status line after "Afficher plus" (the button may disappear). */
export function PagedHistory({ query, summary }: PagedHistoryProps) {
  const [announce, setAnnounce] = useState('');
  const status = useRef<HTMLParagraphElement>(null);
  const entries = query.data;

  const more = () => {
    if (query.isFetchingNextPage) return;
    const before = entries?.length ?? 0;
    void query.fetchNextPage().then((result) => {
      if (result.isError) return;
      const added = (result.data?.length ?? 0) - before;
      setAnnounce(added > 0 ? `${added} lignes supplémentaires affichées.` : '');
      if (added > 0) status.current?.focus();
    });
  };

  if (query.isPending) return <p role="status">Chargement en cours…</p>;
  if (query.isError && !query.isFetchNextPageError) {
    return <Alert severity="error" small description={errorMessage(query.error)} />;
  }
  if (!entries) return null;
  return (
    <>
      <p ref={status} tabIndex={-1} className="fr-text--sm">
        {summary(entries.length)}
      </p>
      <HistoryTable entries={entries} />
      {query.isFetchNextPageError && (
        <Alert severity="error" small description={errorMessage(query.error)} />
      )}
      {query.hasNextPage && (
        <Button priority="secondary" disabled={query.isFetchingNextPage} onClick={more}>
          Afficher plus
        </Button>
      )}
      <p className="fr-sr-only" aria-live="polite">
        {announce}
      </p>
    </>
  );
}

/** "3 lignes affichées" (and what follows, e.g. the period). */
export function linesShown(count: number): string {
  const s = count > 1 ? 's' : '';
  return `${count} ligne${s} affichée${s}`;
}

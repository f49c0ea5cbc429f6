/** /documents, "Mes documents": folders, search, filters, sort, selection, pages of 50. */
import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import type { DocumentSummary } from '@carnet/shared';
import { errorMessage } from '../../../ui/server-errors.ts';
import { usePageTitle } from '../../../ui/use-page-title.ts';
import { DocumentFilters } from '../components/DocumentFilters.tsx';
import { DocumentItem } from '../components/DocumentItem.tsx';
import { FolderHeader } from '../components/FolderHeader.tsx';
import { FoldersMenu } from '../components/FoldersMenu.tsx';
import { SelectionActions } from '../components/SelectionActions.tsx';
import type { ActionOutcome } from '../components/SelectionActions.tsx';
import { useDocumentList, useFolders, useUpdateDocument } from '../hooks.ts';
import { queryFromParams, sortValue, withParam } from '../list-query.ts';
import { readNotice } from '../notice.ts';
import { documentCount } from '../wording.ts';
import '../documents.css';

/** Newest first by default; every filter is in the URL. */
export function DocumentsPage() {
  usePageTitle('Mes documents');
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const query = useMemo(() => queryFromParams(params), [params]);
  const list = useDocumentList(query);
  const folders = useFolders();
  const update = useUpdateDocument();
  const [selection, setSelection] = useState<ReadonlySet<string>>(new Set());
  const [outcome, setOutcome] = useState<ActionOutcome>();
  const arrival = readNotice(location.state);

  const folderList = folders.data ?? [];
  const activeFolder = folderList.find((f) => f.id === query.folderId);
  const items = list.data?.items ?? [];
  const selected = items.filter((d) => selection.has(d.id));

  const change = (key: string, value: string) => {
    setOutcome(undefined);
    setSelection(new Set());
    setParams(withParam(params, key, value));
  };
  const linkTo = (name: string, value: string | undefined) =>
    `/documents?${withParam(params, name, value ?? '').toString()}`;
  // The mutations have invalidated the list and the folders: they are read again.
  const finish = (result: ActionOutcome) => {
    setOutcome(result);
    setSelection(new Set());
  };
  const select = (id: string, on: boolean) => {
    const next = new Set(selection);
    if (on) next.add(id);
    else next.delete(id);
    setSelection(next);
  };
  const togglePin = (document: DocumentSummary) => {
    update.mutate(
      { id: document.id, update: { pinned: !document.pinned } },
      {
        onSuccess: (updated) =>
          finish({
            ok: true,
            message: updated.pinned
              ? 'Le document a été épinglé.'
              : 'Le document a été désépinglé.',
          }),
        onError: (error) => setOutcome({ ok: false, message: errorMessage(error) }),
      },
    );
  };
  const addLink = query.folderId
    ? `/documents/ajouter?folderId=${encodeURIComponent(query.folderId)}`
    : '/documents/ajouter';

  return (
    <>
      <div className="fr-grid-row fr-grid-row--middle fr-grid-row--gutters fr-mb-2w">
        <div className="fr-col">
          <h1 className="fr-mb-0">Mes documents</h1>
        </div>
        <div className="fr-col-auto">
          <Button iconId="fr-icon-add-line" linkProps={{ to: addLink }}>
            Ajouter un document
          </Button>
        </div>
      </div>
      <div aria-live="polite">
        {outcome === undefined && arrival !== undefined && (
          <Alert className="fr-mb-3w" severity="success" small description={arrival} />
        )}
        {outcome && (
          <Alert
            className="fr-mb-3w"
            severity={outcome.ok ? 'success' : 'error'}
            small
            description={outcome.message}
          />
        )}
      </div>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-3">
          <FoldersMenu
            folders={folderList}
            activeId={query.folderId}
            linkTo={(id) => linkTo('folderId', id)}
            onCreated={(name) =>
              finish({ ok: true, message: `Le dossier « ${name} » a été créé.` })
            }
          />
        </div>
        <div className="fr-col-12 fr-col-md-9">
          {activeFolder && (
            <FolderHeader
              key={activeFolder.id}
              folder={activeFolder}
              onRenamed={finish}
              onDeleted={(result) => {
                finish(result);
                if (result.ok) setParams(withParam(params, 'folderId', ''));
              }}
            />
          )}
          <DocumentFilters
            key={query.q ?? ''}
            values={{ ...query, sort: sortValue(query) }}
            onChange={change}
            category={{ label: 'Catégorie', all: 'Toutes les catégories' }}
            authorAndSort
          />
          {list.isPending && <p role="status">Chargement en cours…</p>}
          {list.isError && <Alert severity="error" small description={errorMessage(list.error)} />}
          {list.isSuccess && (
            <DocumentsResults
              items={items}
              total={list.data.total}
              page={list.data.page}
              pageSize={list.data.pageSize}
              selection={selection}
              onSelect={select}
              onSelectAll={(on) => setSelection(new Set(on ? items.map((d) => d.id) : []))}
              onTogglePin={togglePin}
              pageLink={(n) => linkTo('page', String(n))}
              filtered={Boolean(query.q || query.category || query.author || query.folderId)}
              actions={
                <SelectionActions selected={selected} folders={folderList} onDone={finish} />
              }
            />
          )}
        </div>
      </div>
    </>
  );
}

interface DocumentsResultsProps {
  items: readonly DocumentSummary[];
  total: number;
  page: number;
  pageSize: number;
  selection: ReadonlySet<string>;
  onSelect: (id: string, on: boolean) => void;
  onSelectAll: (on: boolean) => void;
  onTogglePin: (document: DocumentSummary) => void;
  pageLink: (n: number) => string;
  actions: ReactNode;
  filtered: boolean;
}

/** The count, the selection actions, the list and the pagination. */
function DocumentsResults(props: DocumentsResultsProps) {
  const { items, total, page, pageSize, selection } = props;
  const pages = Math.max(1, Math.ceil(total / Math.max(1, pageSize)));
  if (total === 0) {
    return (
      <p className="fr-mt-2w">
        {props.filtered
          ? 'Aucun document ne correspond à votre recherche.'
          : "Vous n'avez encore aucun document."}
      </p>
    );
  }
  const allSelected = items.length > 0 && items.every((d) => selection.has(d.id));
  return (
    <>
      <p className="fr-text--bold fr-mb-2w">
        {documentCount(total)}
        {pages > 1 && ` · Page ${page} sur ${pages}`}
      </p>
      <div className="fr-checkbox-group fr-checkbox-group--sm fr-mb-1w">
        <input
          type="checkbox"
          id="tout-selectionner"
          checked={allSelected}
          onChange={(event) => props.onSelectAll(event.target.checked)}
        />
        <label className="fr-label" htmlFor="tout-selectionner">
          Tout sélectionner sur cette page
        </label>
      </div>
      {props.actions}
      <h2 className="fr-sr-only">Liste des documents</h2>
      <ul className="fr-raw-list carnet-documents">
        {items.map((document) => (
          <DocumentItem
            key={document.id}
            document={document}
            selected={selection.has(document.id)}
            onSelect={(on) => props.onSelect(document.id, on)}
            onTogglePin={() => props.onTogglePin(document)}
          />
        ))}
      </ul>
      {pages > 1 && (
        <>
          <p className="fr-mt-3w fr-mb-1w">
            Page {page} sur {pages}
          </p>
          <Pagination
            count={pages}
            defaultPage={page}
            getPageLinkProps={(n) => ({ to: props.pageLink(n) })}
          />
        </>
      )}
    </>
  );
}

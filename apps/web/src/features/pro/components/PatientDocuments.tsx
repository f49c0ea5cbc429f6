/**
 * The documents of a record this professional may see (ACCESS.md "which documents"): search,
 * type filter and pages of 50 kept in the URL, a document opened in place, "Ajouter un document".
 * The server is the only judge: a list answered 404 means no access now (blocked, window over).
 */
import { useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { documentCategorySchema, isMinorOn } from '@carnet/shared';
import type { ProDocumentList, ProDocumentSummary } from '@carnet/shared';
import { Panel } from '../../../ui/Panel.tsx';
import { DocumentFilters } from '../../documents/components/DocumentFilters.tsx';
import { withParam } from '../../documents/list-query.ts';
import { documentCount, todayIso } from '../../documents/wording.ts';
import { StatusToast } from '../../../ui/StatusToast.tsx';
import { errorMessage, isNotFound } from '../../../ui/server-errors.ts';
import { useToast } from '../../../ui/use-toast.ts';
import type { ProDocumentQuery } from '../api.ts';
import { noDocumentAccessMessage } from '../documents-wording.ts';
import { usePatientDocuments } from '../hooks.ts';
import { ProAddDocumentForm } from './ProAddDocumentForm.tsx';
import { ProDocumentItem } from './ProDocumentItem.tsx';
import { ProDocumentPanel } from './ProDocumentPanel.tsx';
import '../../documents/documents.css';
import '../pro.css';

/** Props: the record and the mode of the reads (the record page's own reading). */
export interface PatientDocumentsProps {
  patientId: string;
  /** The patient's birth date: "invisible aux représentants légaux" is for minors only. */
  birthDate: string;
  readMode: 'normal' | 'urgence';
}

const addFormId = 'ajouter-un-document';

/** Reads the list query from the URL; unknown values are ignored rather than sent. */
function queryOf(params: URLSearchParams): ProDocumentQuery {
  const category = documentCategorySchema.safeParse(params.get('category'));
  const page = Number(params.get('page') ?? '1');
  return {
    category: category.success ? category.data : undefined,
    q: params.get('q')?.trim() || undefined,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** Every change made here is applied to the list in place; the toast says what happened. */
export function PatientDocuments({ patientId, birthDate, readMode }: PatientDocumentsProps) {
  const [params, setParams] = useSearchParams();
  const query = queryOf(params);
  const list = usePatientDocuments(patientId, query);
  const [openId, setOpenId] = useState<string>();
  const [adding, setAdding] = useState(false);
  const { toast, show, hide } = useToast();
  const toastRegion = useRef<HTMLDivElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const data = list.isError ? undefined : list.data;

  const announce = (message: string) => {
    show('success', message);
    requestAnimationFrame(() => toastRegion.current?.focus());
  };
  const change = (key: string, value: string) => {
    setOpenId(undefined);
    void setParams(withParam(params, key, value));
  };
  // The update mutation has put the document in the list already (no traced re-read).
  const updated = (_: ProDocumentSummary, message: string) => show('success', message);

  if (list.isError && isNotFound(list.error)) {
    return (
      <DocumentsSection>
        <Alert severity="info" small description={noDocumentAccessMessage} />
      </DocumentsSection>
    );
  }

  return (
    <DocumentsSection>
      {(data?.mode ?? readMode) === 'urgence' && (
        <p className="fr-text--sm">
          Vous consultez ces documents en mode urgence : chaque consultation est tracée et le
          patient en est informé.
        </p>
      )}
      <StatusToast ref={toastRegion} toast={toast} onClose={hide} />
      <Button
        ref={addButton}
        className="fr-mb-3w"
        iconId="fr-icon-add-line"
        iconPosition="left"
        onClick={() => setAdding((open) => !open)}
        nativeButtonProps={{ 'aria-expanded': adding, 'aria-controls': addFormId }}
      >
        Ajouter un document
      </Button>
      {adding && (
        <Panel className="fr-p-3w fr-mb-4w">
          <ProAddDocumentForm
            id={addFormId}
            patientId={patientId}
            minor={isMinorOn(birthDate, todayIso())}
            onAdded={(added) => {
              setAdding(false);
              announce(`Le document « ${added.title} » a été ajouté au dossier.`);
            }}
            onCancel={() => {
              setAdding(false);
              addButton.current?.focus();
            }}
          />
        </Panel>
      )}
      <DocumentFilters
        key={query.q ?? ''}
        values={query}
        onChange={change}
        searchLabel="Rechercher dans les documents du patient"
        category={{ label: 'Filtrer par type de document', all: 'Tous les types de document' }}
      />
      {list.isPending && <p role="status">Chargement en cours…</p>}
      {list.isError && <Alert severity="error" small description={errorMessage(list.error)} />}
      {data && (
        <Results
          patientId={patientId}
          data={data}
          filtered={Boolean(query.q || query.category)}
          pageLink={(n) => `?${withParam(params, 'page', String(n)).toString()}`}
          openId={openId}
          onToggle={(id) => setOpenId((current) => (current === id ? undefined : id))}
          onUpdated={updated}
          onDeleted={(document) => {
            setOpenId(undefined);
            announce(`Le document « ${document.title} » a été supprimé du dossier.`);
          }}
        />
      )}
    </DocumentsSection>
  );
}

function DocumentsSection({ children }: { children: ReactNode }) {
  return (
    <section aria-labelledby="documents-du-patient" className="fr-mb-6w">
      <h2 id="documents-du-patient" className="fr-h4">
        Documents
      </h2>
      {children}
    </section>
  );
}

interface ResultsProps {
  patientId: string;
  data: ProDocumentList;
  filtered: boolean;
  pageLink: (n: number) => string;
  openId: string | undefined;
  onToggle: (id: string) => void;
  onUpdated: (document: ProDocumentSummary, message: string) => void;
  onDeleted: (document: ProDocumentSummary) => void;
}

/** The count, the list and the pagination. */
function Results(props: ResultsProps) {
  const { patientId, data, openId } = props;
  const pages = Math.max(1, Math.ceil(data.total / Math.max(1, data.pageSize)));
  if (data.total === 0) {
    return (
      <p className="fr-mt-2w">
        {props.filtered
          ? 'Aucun document ne correspond à votre recherche.'
          : 'Aucun document de ce dossier ne vous est accessible.'}
      </p>
    );
  }
  return (
    <>
      <p className="fr-mb-1w" role="status">
        {documentCount(data.total)}
        {pages > 1 && ` · page ${data.page} sur ${pages}`}
      </p>
      <ul className="carnet-documents carnet-pro-documents" aria-label="Documents du patient">
        {data.items.map((document) => (
          <ProDocumentItem
            key={document.id}
            document={document}
            open={openId === document.id}
            onToggle={() => props.onToggle(document.id)}
          >
            <ProDocumentPanel
              patientId={patientId}
              document={document}
              onUpdated={props.onUpdated}
              onDeleted={props.onDeleted}
            />
          </ProDocumentItem>
        ))}
      </ul>
      {pages > 1 && (
        <Pagination
          className="fr-mt-3w"
          count={pages}
          defaultPage={data.page}
          getPageLinkProps={(n) => ({ to: props.pageLink(n) })}
        />
      )}
    </>
  );
}

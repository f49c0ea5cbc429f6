/**
 * Server state of the professional space (TanStack Query): the profile, a record, its documents
 * and traces, and the mutations that change them.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProDocumentList } from '@carnet/shared';
import type { UploadProgress } from '../../app/http.ts';
import {
  blockOtherProfessional,
  deletePatientDocument,
  getPatientRecord,
  getProProfile,
  listPatientDocuments,
  listPatientTraces,
  openEmergencyAccess,
  recordConsent,
  searchPatient,
  searchProfessionals,
  updatePatientDocument,
  uploadPatientDocument,
} from './api.ts';
import type {
  EmergencyAccessRequest,
  ProDocumentQuery,
  ProDocumentUpdate,
  ProUploadFields,
  TraceScope,
} from './api.ts';

const proKeys = {
  profile: ['pro', 'me'] as const,
  record: (patientId: string) => ['pro', 'patients', patientId] as const,
  documents: (patientId: string) => ['pro', 'patients', patientId, 'documents'] as const,
  traces: (patientId: string) => ['pro', 'patients', patientId, 'traces'] as const,
  directory: (q: string) => ['pro', 'directory', q] as const,
};

/** The signed-in professional. */
export function useProProfileQuery() {
  return useQuery({ queryKey: proKeys.profile, queryFn: getProProfile });
}

/** "Rechercher un patient". */
export function useSearchPatient() {
  return useMutation({ mutationFn: searchPatient });
}

/** A record the professional may read now (404 otherwise). */
export function usePatientRecord(patientId: string) {
  return useQuery({
    queryKey: proKeys.record(patientId),
    queryFn: () => getPatientRecord(patientId),
  });
}

/**
 * The record is read again after a change: the server is the only judge of access. Only the
 * record itself: its documents and traces are read on demand (each read is traced).
 */
function useInvalidateRecord(patientId: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: proKeys.record(patientId), exact: true });
}

/** "Le patient m'autorise à accéder à son dossier". */
export function useRecordConsent(patientId: string) {
  const invalidate = useInvalidateRecord(patientId);
  return useMutation({ mutationFn: () => recordConsent(patientId), onSuccess: invalidate });
}

/** "Accès en urgence". */
export function useOpenEmergencyAccess(patientId: string) {
  const invalidate = useInvalidateRecord(patientId);
  return useMutation({
    mutationFn: (body: EmergencyAccessRequest) => openEmergencyAccess(patientId, body),
    onSuccess: invalidate,
  });
}

/** The directory search of an administrator (nothing until a search is made). */
export function useProfessionalSearch(q: string | undefined) {
  return useQuery({
    queryKey: proKeys.directory(q ?? ''),
    queryFn: () => searchProfessionals(q ?? ''),
    enabled: q !== undefined,
  });
}

/** An administrator blocks another professional on the record. */
export function useBlockOtherProfessional(patientId: string) {
  const invalidate = useInvalidateRecord(patientId);
  return useMutation({
    mutationFn: (psId: string) => blockOtherProfessional(patientId, psId),
    onSuccess: invalidate,
  });
}

/**
 * One page of the record's documents. Never polled: each read of the list is traced on the
 * patient's record (ACCESS.md "every decision … is traced"), so it is read on demand only.
 */
export function usePatientDocuments(patientId: string, query: ProDocumentQuery) {
  return useQuery({
    queryKey: [...proKeys.documents(patientId), query],
    queryFn: () => listPatientDocuments(patientId, query),
  });
}

/** Masks, unmasks, hides or shows one of the professional's documents; the list shows it in place. */
export function useUpdatePatientDocument(patientId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ docId, update }: { docId: string; update: ProDocumentUpdate }) =>
      updatePatientDocument(patientId, docId, update),
    // In place rather than read again: each read of the list is traced on the record.
    onSuccess: (document) =>
      client.setQueriesData<ProDocumentList>(
        { queryKey: proKeys.documents(patientId) },
        (list) =>
          list && { ...list, items: list.items.map((d) => (d.id === document.id ? document : d)) },
      ),
  });
}

/** Deletes one of the professional's documents; the list is read again. */
export function useDeletePatientDocument(patientId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (docId: string) => deletePatientDocument(patientId, docId),
    onSuccess: () => client.invalidateQueries({ queryKey: proKeys.documents(patientId) }),
  });
}

/** Adds a document to the record; the list is read again. */
export function useUploadPatientDocument(patientId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (upload: { file: File; fields: ProUploadFields; onProgress: UploadProgress }) =>
      uploadPatientDocument(patientId, upload.file, upload.fields, upload.onProgress),
    onSuccess: () => client.invalidateQueries({ queryKey: proKeys.documents(patientId) }),
  });
}

/** The pages of a scope and period; `fetchNextPage` appends the next one ("Afficher plus"). */
export function usePatientTraces(
  patientId: string,
  scope: TraceScope,
  period: { from?: string | undefined; to?: string | undefined },
) {
  const { from, to } = period;
  return useInfiniteQuery({
    queryKey: [...proKeys.traces(patientId), scope, from ?? '', to ?? ''],
    queryFn: ({ pageParam }) =>
      listPatientTraces(patientId, { scope, from, to, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    select: (data) => data.pages.flatMap((page) => page.entries),
  });
}

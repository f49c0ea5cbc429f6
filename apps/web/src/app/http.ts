/**
 * The one fetch wrapper of the web app: JSON in and out, same-origin cookies, the anti-CSRF
 * header on every state change (SECURITY.md "Sessions and requests"), typed API errors.
 * Only `features/<domain>/api.ts` modules call it.
 */
import type { z } from 'zod';
import type { ApiErrorBody } from '@carnet/shared';

/** Shown when the server cannot be reached or answers something unexpected. */
export const unavailableMessage =
  'Le service est momentanément indisponible. Veuillez réessayer dans quelques instants.';

/** An error answered by the API (`{ error: { code, message, fields? } }`), or a transport failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The profile this tab shows (issue 13). Sent with every request as `X-Carnet-Profile`: if
 * another tab switched the session to another profile, the server refuses (409
 * `profile.changed`) rather than act on a person this tab does not show.
 */
let shownProfile: string | undefined;

/** Sets the profile the tab shows (the profile switcher, once /api/profiles answered). */
export function setShownProfile(patientId: string | undefined): void {
  shownProfile = patientId;
}

/** Fired on `window` when the server answers 409 `profile.changed`. */
export const profileChangedEvent = 'carnet:profile-changed';

/** GET a JSON resource and check it against its wire schema. */
export async function getJson<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> {
  const response = await request('GET', path);
  return parseBody(response, schema);
}

/** Send a state-changing request and check the JSON answer against its wire schema. */
export async function sendJson<S extends z.ZodType>(
  method: Method,
  path: string,
  body: unknown,
  schema: S,
): Promise<z.output<S>> {
  const response = await request(method, path, body);
  return parseBody(response, schema);
}

/** Send a state-changing request whose answer body is not needed (204, 201, 202…). */
export async function send(method: Method, path: string, body?: unknown): Promise<void> {
  await request(method, path, body);
}

/** GET a text resource (a document's text preview). */
export async function getText(path: string): Promise<string> {
  const response = await request('GET', path);
  return response.text();
}

/** Reports how many bytes of an upload were sent. */
export type UploadProgress = (sent: number, total: number) => void;

/**
 * POST a multipart form (a file upload) and check the JSON answer against its wire schema.
 * XMLHttpRequest rather than fetch: only it reports upload progress in every browser.
 */
export function sendForm<S extends z.ZodType>(
  path: string,
  form: FormData,
  schema: S,
  onProgress?: UploadProgress,
): Promise<z.output<S>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('X-Carnet-Request', '1');
    if (shownProfile) xhr.setRequestHeader('X-Carnet-Profile', shownProfile);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded, event.total);
    });
    xhr.addEventListener('load', () => {
      const empty = xhr.status === 204 || xhr.status === 205 || xhr.status === 304;
      const response = new Response(empty ? null : xhr.responseText, { status: xhr.status });
      if (response.ok) {
        parseBody(response, schema).then(resolve, reject);
        return;
      }
      void toApiError(response).then(reject);
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'network', unavailableMessage)));
    xhr.addEventListener('abort', () => reject(new ApiError(0, 'network', unavailableMessage)));
    xhr.send(form);
  });
}

async function request(method: 'GET' | Method, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  // A cross-site form cannot set this header: the server's CSRF guard requires it.
  if (method !== 'GET') headers['X-Carnet-Request'] = '1';
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (shownProfile) headers['X-Carnet-Profile'] = shownProfile;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', unavailableMessage);
  }
  if (response.ok) return response;
  // A 401 `auth.required` ends the session in one place: the query client (query-client.ts).
  const error = await toApiError(response);
  // Another tab switched the selected profile: the profile provider reloads (issue 13).
  if (error.code === 'profile.changed') window.dispatchEvent(new Event(profileChangedEvent));
  throw error;
}

async function parseBody<S extends z.ZodType>(response: Response, schema: S): Promise<z.output<S>> {
  const json: unknown = await response.json().catch(() => undefined);
  const result = schema.safeParse(json);
  if (!result.success) throw new ApiError(response.status, 'internal', unavailableMessage);
  return result.data;
}

async function toApiError(response: Response): Promise<ApiError> {
  const json: unknown = await response.json().catch(() => undefined);
  if (!isApiErrorBody(json)) return new ApiError(response.status, 'internal', unavailableMessage);
  const { code, message, fields } = json.error;
  return new ApiError(response.status, code, message, fields);
}

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error: unknown = value.error;
  if (typeof error !== 'object' || error === null) return false;
  if (!('code' in error) || !('message' in error)) return false;
  if (typeof error.code !== 'string' || typeof error.message !== 'string') return false;
  if (!('fields' in error) || error.fields === undefined) return true;
  const fields: unknown = error.fields;
  return (
    typeof fields === 'object' &&
    fields !== null &&
    Object.values(fields).every((v) => typeof v === 'string')
  );
}

/** Send a state-changing request whose answer is a file (a PDF made on demand). */
export async function sendForBlob(method: Method, path: string, body: unknown): Promise<Blob> {
  const response = await request(method, path, body);
  return response.blob();
}

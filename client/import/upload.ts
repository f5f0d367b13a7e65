/**
 * POST a file's bytes with upload progress (fetch has no upload progress events; XHR does).
 * Resolves with the status and the parsed JSON body whatever the status.
 */
export interface UploadResponse { status: number; body: unknown }

export function uploadFile(
  url: string, file: Blob, onProgress: (fraction: number) => void, signal?: AbortSignal, headers: Record<string, string> = {},
): Promise<UploadResponse> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.upload.onload = () => onProgress(1);
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.response as unknown });
    xhr.onerror = () => reject(new Error(`network error posting to ${url}`));
    xhr.onabort = () => reject(new DOMException('upload aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

/** The query string of the import routes, without empty values. */
export function importQuery(params: Record<string, string | boolean | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '' && v !== false) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** What the server reports while it reads and writes an import (GET /api/import/progress/:token). */
export interface ServerProgress { phase: 'parse' | 'write' | 'commit'; bytes: number; totalBytes: number; features: number }

/** A fresh token for `?progress=` (letters, digits and -). */
export function progressToken(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/**
 * Listen to the server's progress for `token` (Server-Sent Events) until `done` or the
 * returned function is called. Open it before sending the file so no event is missed.
 */
export function watchImportProgress(token: string, onProgress: (p: ServerProgress) => void): () => void {
  const source = new EventSource(`/api/import/progress/${encodeURIComponent(token)}`);
  source.addEventListener('progress', (e) => onProgress(JSON.parse((e as MessageEvent<string>).data) as ServerProgress));
  source.addEventListener('done', () => source.close());
  return () => source.close();
}

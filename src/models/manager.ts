/**
 * Model manager: downloads catalogue models with progress, verifies size and sha256, keeps them in Cache
 * Storage, reports status, deletes. No DOM: works on the main thread and in workers. Every browser API
 * (fetch, caches, crypto.subtle) can be injected, for tests and for non-default environments.
 *
 * Cache keys are the absolute download URLs. A file is found in the cache whichever source it came from
 * (self-hosted /models/, a custom base URL or the public host), so switching the source does not orphan
 * files that are already downloaded and verified.
 */
import { CATALOGUE_ENTRIES, type CatalogueEntry, type CatalogueFile } from './catalogue';

export const DEFAULT_CACHE_NAME = 'models-v1';
/** Where a self-hosted copy is looked for (same origin). */
export const SELF_HOSTED_PREFIX = '/models/';

export interface DownloadProgress {
  /** Bytes of the model present so far (already-cached files included). */
  loaded: number;
  /** Bytes of the whole model: catalogue sizes where known, else Content-Length once seen. */
  total: number;
  /** The file being downloaded (its catalogue path). */
  file: string;
  /** 0–100. */
  percent: number;
}

export interface DownloadOptions {
  signal?: AbortSignal;
  onProgress?: (p: DownloadProgress) => void;
}

export interface ModelStatus {
  cachedFiles: number;
  totalFiles: number;
  cachedBytes: number;
  complete: boolean;
}

export interface ModelManagerOptions {
  /** A models base URL ("/models/", "https://my.host/models/"), or null for the public hosts. */
  baseUrl: string | null;
  cacheName?: string;
  fetch?: typeof fetch;
  caches?: CacheStorage;
  subtle?: SubtleCrypto;
  /** Entries that listCached() looks at (default: the whole catalogue). */
  catalogue?: readonly CatalogueEntry[];
}

/** The downloaded bytes do not match the catalogue (size or sha256). Nothing was cached for the file. */
export class ModelIntegrityError extends Error {
  override name = 'ModelIntegrityError';
  constructor(
    readonly file: string,
    readonly check: 'size' | 'sha256',
    readonly expected: string,
    readonly actual: string,
  ) {
    super(
      `${file} failed its ${check === 'size' ? 'size' : 'SHA-256'} check: expected ${expected}, got ${actual}. ` +
        'The file is corrupt or is not the version in the catalogue; nothing was saved. Retry, or use another model source.',
    );
  }
}

/** The file could not be fetched (network, HTTP status, wrong content). `status` is the HTTP status if any. */
export class ModelDownloadError extends Error {
  override name = 'ModelDownloadError';
  constructor(
    message: string,
    readonly file: string,
    readonly url: string,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

/** The browser refused to store the file (quota) or Cache Storage is unavailable. */
export class ModelStorageError extends Error {
  override name = 'ModelStorageError';
}

/** "40.9 MB" (decimal units, like download sizes are usually shown). */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '? B';
  if (n < 1000) return `${Math.round(n)} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n / 1000;
  let i = 0;
  while (v >= 999.95 && i < units.length - 1) {
    v /= 1000;
    i += 1;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

/** "/models" → "/models/"; "" or null → null. */
export function normaliseBaseUrl(url: string | null | undefined): string | null {
  const t = url?.trim() ?? '';
  if (t === '') return null;
  return t.endsWith('/') ? t : `${t}/`;
}

/** The public URL of a file, or null for host "local" (no public copy). */
export function publicUrlFor(entry: CatalogueEntry, file: CatalogueFile): string | null {
  if (file.url) return file.url;
  if (entry.host === 'huggingface') return `https://huggingface.co/${entry.repo}/resolve/${entry.revision}/${file.path}`;
  return null;
}

function abortError(): DOMException {
  return new DOMException('The model download was cancelled.', 'AbortError');
}

function isAbort(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'AbortError';
}

/** Relative URLs resolved against the page/worker location (Cache Storage keys are absolute). */
function absolute(url: string): string {
  const base = (globalThis as { location?: { href: string } }).location?.href;
  if (!base) return url;
  try {
    return new URL(url, base).href;
  } catch {
    return url;
  }
}

function contentTypeFor(path: string): string {
  return path.endsWith('.json') ? 'application/json' : 'application/octet-stream';
}

function hex(buf: ArrayBuffer): string {
  return Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
}

function isOffline(): boolean {
  return (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine === false;
}

function httpMessage(entry: CatalogueEntry, file: CatalogueFile, url: string, status: number, selfHosted: boolean): string {
  const what = `${entry.label}: ${file.path}`;
  if (status === 404) {
    return selfHosted
      ? `${what} was not found at ${url} (HTTP 404). The model source must hold the files in the same folder layout (${entry.localPath}/${file.path}); copy them there, or clear "Model source" to use the public host.`
      : `${what} was not found on the public host (HTTP 404). The catalogue may be out of date; try again later or use a self-hosted copy.`;
  }
  if (status === 401 || status === 403) return `${what}: the host refused access (HTTP ${status}). Check the model source or try again later.`;
  if (status === 429) return `${what}: the host is rate-limiting downloads (HTTP 429). Wait a minute and retry.`;
  if (status >= 500) return `${what}: the host had a server error (HTTP ${status}). Try again later.`;
  return `${what}: unexpected answer from the host (HTTP ${status}).`;
}

/** Reads a stream to the end, counting bytes; rejects with AbortError as soon as the signal fires. */
async function readAll(body: ReadableStream<Uint8Array>, expected: number | null, signal: AbortSignal | undefined, onChunk: (n: number) => void, file: string): Promise<Uint8Array<ArrayBuffer>> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  let rejectAbort: (e: DOMException) => void = () => undefined;
  const aborted = new Promise<never>((_, reject) => {
    rejectAbort = reject;
  });
  aborted.catch(() => undefined);
  const onAbort = (): void => rejectAbort(abortError());
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      if (signal?.aborted) throw abortError();
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      // Stop early instead of buffering a wrong (e.g. much larger) file.
      if (expected !== null && received > expected) throw new ModelIntegrityError(file, 'size', `${expected} bytes`, `more than ${expected} bytes`);
      onChunk(value.byteLength);
    }
  } catch (err) {
    void reader.cancel().catch(() => undefined);
    throw err;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  const out = new Uint8Array(received);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

export class ModelManager {
  readonly baseUrl: string | null;
  readonly cacheName: string;
  private readonly fetchFn: typeof fetch;
  private readonly cachesApi: CacheStorage | undefined;
  private readonly subtle: SubtleCrypto | undefined;
  private readonly catalogue: readonly CatalogueEntry[];

  constructor(options: ModelManagerOptions) {
    this.baseUrl = normaliseBaseUrl(options.baseUrl);
    this.cacheName = options.cacheName ?? DEFAULT_CACHE_NAME;
    this.fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.cachesApi = options.caches ?? (globalThis as { caches?: CacheStorage }).caches;
    this.subtle = options.subtle ?? globalThis.crypto?.subtle;
    this.catalogue = options.catalogue ?? CATALOGUE_ENTRIES;
  }

  /** Where a file is downloaded from with this manager's base URL. */
  urlFor(entry: CatalogueEntry, file: CatalogueFile): string {
    if (this.baseUrl) return `${this.baseUrl}${entry.localPath}/${file.path}`;
    const url = publicUrlFor(entry, file);
    if (!url) {
      throw new ModelDownloadError(
        `${entry.label} is not on any public host: it is only available from a models folder. Set "Model source" to a URL that serves it.`,
        file.path,
        '',
      );
    }
    return url;
  }

  private async openCache(): Promise<Cache> {
    if (!this.cachesApi) throw new ModelStorageError('This browser has no Cache Storage here (private mode or an insecure http:// page?): models cannot be kept offline.');
    return this.cachesApi.open(this.cacheName);
  }

  /** Does a cache key hold this file (from any source)? */
  private keyMatches(entry: CatalogueEntry, file: CatalogueFile, key: string): boolean {
    const pub = publicUrlFor(entry, file);
    if (pub !== null && key === pub) return true;
    const hf = `https://huggingface.co/${entry.repo}/resolve/`;
    if (entry.host === 'huggingface' && key.startsWith(hf) && key.endsWith(`/${file.path}`)) {
      // Any revision form ("main" or a pinned commit) of the same repo file.
      const revision = key.slice(hf.length, key.length - file.path.length - 1);
      if (revision.length > 0 && !revision.includes('/')) return true;
    }
    return key.endsWith(`/${entry.localPath}/${file.path}`);
  }

  private async cachedKeys(cache: Cache): Promise<string[]> {
    return (await cache.keys()).map((r) => r.url);
  }

  /** The cache key holding a file, preferring this manager's URL. */
  private findKey(entry: CatalogueEntry, file: CatalogueFile, keys: readonly string[]): string | undefined {
    let own: string | null = null;
    try {
      own = absolute(this.urlFor(entry, file));
    } catch {
      own = null;
    }
    if (own !== null && keys.includes(own)) return own;
    return keys.find((k) => this.keyMatches(entry, file, k));
  }

  private async sizeOf(cache: Cache, key: string, file: CatalogueFile): Promise<number> {
    if (file.bytes !== null) return file.bytes;
    const res = await cache.match(key);
    return Number(res?.headers.get('Content-Length') ?? 0) || 0;
  }

  async status(entry: CatalogueEntry): Promise<ModelStatus> {
    const cache = await this.openCache();
    const keys = await this.cachedKeys(cache);
    let cachedFiles = 0;
    let cachedBytes = 0;
    for (const file of entry.files) {
      const key = this.findKey(entry, file, keys);
      if (key === undefined) continue;
      cachedFiles += 1;
      cachedBytes += await this.sizeOf(cache, key, file);
    }
    return { cachedFiles, totalFiles: entry.files.length, cachedBytes, complete: cachedFiles === entry.files.length };
  }

  /** Every catalogue entry with at least one cached file. */
  async listCached(): Promise<{ entry: CatalogueEntry; status: ModelStatus }[]> {
    const out: { entry: CatalogueEntry; status: ModelStatus }[] = [];
    for (const entry of this.catalogue) {
      const status = await this.status(entry);
      if (status.cachedFiles > 0) out.push({ entry, status });
    }
    return out;
  }

  /** Removes every cached copy of the entry's files; returns how many cache entries were deleted. */
  async delete(entry: CatalogueEntry): Promise<number> {
    const cache = await this.openCache();
    const keys = await this.cachedKeys(cache);
    let n = 0;
    for (const key of keys) {
      if (entry.files.some((f) => this.keyMatches(entry, f, key)) && (await cache.delete(key))) n += 1;
    }
    return n;
  }

  /**
   * The cached response for a URL: an exact match, else (for a URL of a catalogue file in any source form,
   * e.g. what transformers.js asks for) that file from whichever source it was downloaded. A fresh Response
   * each call.
   */
  async cachedResponse(url: string): Promise<Response | undefined> {
    const cache = await this.openCache();
    const abs = absolute(url);
    const exact = await cache.match(abs);
    if (exact) return exact;
    const keys = await this.cachedKeys(cache);
    for (const entry of this.catalogue) {
      for (const file of entry.files) {
        if (!this.keyMatches(entry, file, abs)) continue;
        const key = this.findKey(entry, file, keys);
        if (key !== undefined) return cache.match(key);
      }
    }
    return undefined;
  }

  /** The cached response of one catalogue file, from any source. */
  async cachedFile(entry: CatalogueEntry, file: CatalogueFile): Promise<Response | undefined> {
    const cache = await this.openCache();
    const key = this.findKey(entry, file, await this.cachedKeys(cache));
    return key === undefined ? undefined : cache.match(key);
  }

  /**
   * Downloads the files not cached yet, one by one, verifying each before caching it. Calling it again
   * after a failure or cancel resumes: verified files are skipped. Rejects with ModelIntegrityError,
   * ModelDownloadError, ModelStorageError, or a DOMException named AbortError.
   */
  async download(entry: CatalogueEntry, options: DownloadOptions = {}): Promise<ModelStatus> {
    const { signal, onProgress } = options;
    if (signal?.aborted) throw abortError();
    const cache = await this.openCache();
    const keys = await this.cachedKeys(cache);
    const pending: CatalogueFile[] = [];
    let loaded = 0;
    const learned = new Map<string, number>(); // sizes of files whose catalogue size is null
    for (const file of entry.files) {
      const key = this.findKey(entry, file, keys);
      if (key === undefined) pending.push(file);
      else {
        const size = await this.sizeOf(cache, key, file);
        loaded += size;
        if (file.bytes === null) learned.set(file.path, size);
      }
    }
    const total = (): number => entry.files.reduce((s, f) => s + (f.bytes ?? learned.get(f.path) ?? 0), 0);
    const report = (file: string, done = false): void => {
      if (!onProgress) return;
      const t = Math.max(total(), loaded);
      onProgress({ loaded, total: t, file, percent: done ? 100 : t > 0 ? Math.min(100, (loaded / t) * 100) : 0 });
    };
    report(pending[0]?.path ?? entry.files[0]?.path ?? '');

    for (const file of pending) {
      const url = this.urlFor(entry, file);
      const start = loaded;
      try {
        const bytes = await this.fetchVerified(entry, file, url, signal, (n) => {
          loaded += n;
          report(file.path);
        }, (len) => {
          if (file.bytes === null && len !== null) learned.set(file.path, len);
        });
        if (signal?.aborted) throw abortError();
        await this.store(cache, entry, file, url, bytes);
        if (file.bytes === null) learned.set(file.path, bytes.byteLength);
        loaded = start + bytes.byteLength;
      } catch (err) {
        loaded = start;
        if (signal?.aborted || isAbort(err)) throw abortError();
        throw err;
      }
    }
    report(pending.at(-1)?.path ?? entry.files.at(-1)?.path ?? '', true);
    return this.status(entry);
  }

  private async fetchVerified(
    entry: CatalogueEntry,
    file: CatalogueFile,
    url: string,
    signal: AbortSignal | undefined,
    onChunk: (n: number) => void,
    onLength: (n: number | null) => void,
  ): Promise<Uint8Array<ArrayBuffer>> {
    const selfHosted = this.baseUrl !== null;
    let res: Response;
    try {
      res = await this.fetchFn(url, { signal, cache: 'no-store' });
    } catch (err) {
      if (signal?.aborted || isAbort(err)) throw abortError();
      const why = isOffline()
        ? 'this device is offline. Connect to the internet and retry'
        : selfHosted
          ? `the model source ${this.baseUrl} could not be reached (is the URL right, is the host up, does it allow cross-origin requests?)`
          : `the host ${new URL(url).host} could not be reached (offline, a firewall or a content blocker?). Retry, or set a self-hosted model source`;
      throw new ModelDownloadError(`Could not download ${entry.label} (${file.path}): ${why}.`, file.path, url);
    }
    if (!res.ok) {
      void res.body?.cancel().catch(() => undefined);
      throw new ModelDownloadError(httpMessage(entry, file, url, res.status, selfHosted), file.path, url, res.status);
    }
    const type = res.headers.get('Content-Type') ?? '';
    if (type.startsWith('text/html') && !file.path.endsWith('.html')) {
      void res.body?.cancel().catch(() => undefined);
      throw new ModelDownloadError(
        `${entry.label}: ${url} answered with a web page instead of ${file.path}. The host probably serves its index page for missing files: put the model files at ${entry.localPath}/ under the model source, or clear "Model source".`,
        file.path,
        url,
        res.status,
      );
    }
    const lengthHeader = Number(res.headers.get('Content-Length') ?? NaN);
    onLength(Number.isFinite(lengthHeader) && lengthHeader > 0 ? lengthHeader : null);
    if (!res.body) throw new ModelDownloadError(`${entry.label}: the host sent an empty answer for ${file.path}.`, file.path, url, res.status);
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = await readAll(res.body, file.bytes, signal, onChunk, file.path);
    } catch (err) {
      if (signal?.aborted || isAbort(err) || err instanceof ModelIntegrityError) throw err;
      throw new ModelDownloadError(`The download of ${entry.label} (${file.path}) was interrupted (${err instanceof Error ? err.message : String(err)}). Retry to resume.`, file.path, url);
    }
    if (file.bytes !== null && bytes.byteLength !== file.bytes) throw new ModelIntegrityError(file.path, 'size', `${file.bytes} bytes`, `${bytes.byteLength} bytes`);
    if (file.sha256 !== null) {
      if (!this.subtle) throw new ModelDownloadError(`Cannot verify ${file.path}: crypto.subtle is unavailable (the page must be served over HTTPS or from localhost).`, file.path, url);
      const got = hex(await this.subtle.digest('SHA-256', bytes));
      if (got !== file.sha256) throw new ModelIntegrityError(file.path, 'sha256', file.sha256, got);
    }
    return bytes;
  }

  private async store(cache: Cache, entry: CatalogueEntry, file: CatalogueFile, url: string, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
    const response = new Response(bytes, { headers: { 'Content-Type': contentTypeFor(file.path), 'Content-Length': String(bytes.byteLength) } });
    try {
      await cache.put(absolute(url), response);
    } catch (err) {
      const quota = typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'QuotaExceededError';
      throw new ModelStorageError(
        quota
          ? `Not enough storage to keep ${entry.label} (${file.path}, ${formatBytes(bytes.byteLength)}). Free some space or delete other models, then retry.`
          : `Could not store ${file.path} in the model cache: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
}

/** The small file used to probe a models folder: the smallest .json, else the smallest file. */
function probeFile(entry: CatalogueEntry): CatalogueFile {
  const bySize = [...entry.files].sort((a, b) => (a.bytes ?? Infinity) - (b.bytes ?? Infinity));
  const file = bySize.find((f) => f.path.endsWith('.json')) ?? bySize[0];
  if (!file) throw new Error(`${entry.id} has no files`);
  return file;
}

/**
 * Is the entry served by this site under /models/? True only for a 200 whose body looks like the file:
 * JSON that parses for .json files, a Content-Type other than text/html otherwise (static hosts often
 * answer unknown paths with index.html). Never throws.
 */
export async function detectSelfHosted(entry: CatalogueEntry, fetchFn: typeof fetch = (i, init) => globalThis.fetch(i, init), prefix = SELF_HOSTED_PREFIX): Promise<boolean> {
  const file = probeFile(entry);
  try {
    const res = await fetchFn(`${normaliseBaseUrl(prefix) ?? SELF_HOSTED_PREFIX}${entry.localPath}/${file.path}`, { cache: 'no-cache', credentials: 'same-origin' });
    if (res.status !== 200) {
      void res.body?.cancel().catch(() => undefined);
      return false;
    }
    const type = (res.headers.get('Content-Type') ?? '').toLowerCase();
    if (type.startsWith('text/html')) {
      void res.body?.cancel().catch(() => undefined);
      return false;
    }
    if (file.path.endsWith('.json')) {
      JSON.parse(await res.text());
      return true;
    }
    void res.body?.cancel().catch(() => undefined); // headers are enough; do not download a big file
    return true;
  } catch {
    return false;
  }
}

/** The base URL to use for an entry: the user's setting, else this site's /models/ if it serves the entry, else null (public hosts). */
export async function resolveBaseUrl(setting: string | null, entry: CatalogueEntry, fetchFn?: typeof fetch, prefix = SELF_HOSTED_PREFIX): Promise<string | null> {
  const chosen = normaliseBaseUrl(setting);
  if (chosen) return chosen;
  return (await detectSelfHosted(entry, fetchFn, prefix)) ? normaliseBaseUrl(prefix) : null;
}

type StorageManagerLike = { persist?: () => Promise<boolean>; persisted?: () => Promise<boolean> };
function storageManager(): StorageManagerLike | undefined {
  return (globalThis as { navigator?: { storage?: StorageManagerLike } }).navigator?.storage;
}

/** Asks the browser not to evict downloaded models. False when refused or unavailable (e.g. in workers); never throws. */
export async function requestPersistentStorage(): Promise<boolean> {
  try {
    const storage = storageManager();
    if (typeof storage?.persist !== 'function') return false;
    return (await storage.persist()) === true;
  } catch {
    return false;
  }
}

/** Whether storage is already persistent; false when unknown. Never throws. */
export async function isStoragePersisted(): Promise<boolean> {
  try {
    const storage = storageManager();
    if (typeof storage?.persisted !== 'function') return false;
    return (await storage.persisted()) === true;
  } catch {
    return false;
  }
}

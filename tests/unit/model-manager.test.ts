import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import catalogueJson from '../../models/catalogue.json';
import { CATALOGUE_ENTRIES, entriesOfKind, getEntry, totalBytes, validateCatalogue, type CatalogueEntry } from '../../src/models/catalogue';
import {
  ModelDownloadError,
  ModelIntegrityError,
  ModelManager,
  ModelStorageError,
  detectSelfHosted,
  formatBytes,
  isStoragePersisted,
  requestPersistentStorage,
  resolveBaseUrl,
  type DownloadProgress,
} from '../../src/models/manager';
import { findModelsDir } from '../models-dir.mjs';
import { FakeCacheStorage } from './fakes/cache-storage';

const BASE = 'https://mirror.test/models/';
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

interface Served {
  status?: number;
  body: Uint8Array;
  type?: string;
  /** Send this many bytes, then never send more (until the request is aborted). */
  stallAfter?: number;
  /** Omit Content-Length. */
  noLength?: boolean;
}

/** A fake fetch over a URL → file map; bodies are ReadableStreams sent in small chunks. */
function makeFetch(files: Map<string, Served>, chunk = 1024) {
  const calls: string[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    calls.push(url);
    const signal = init?.signal ?? undefined;
    if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const f = files.get(url);
    if (!f) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (f.stallAfter !== undefined && sent >= f.stallAfter) return new Promise<void>(() => undefined); // stalled
        if (sent >= f.body.byteLength) return controller.close();
        const end = Math.min(f.body.byteLength, sent + chunk, f.stallAfter ?? Infinity);
        controller.enqueue(f.body.slice(sent, end));
        sent = end;
      },
    });
    const headers: Record<string, string> = { 'Content-Type': f.type ?? 'application/octet-stream' };
    if (!f.noLength) headers['Content-Length'] = String(f.body.byteLength);
    return new Response(f.status === 204 ? null : body, { status: f.status ?? 200, headers });
  });
  return { fetch: fn as unknown as typeof fetch, calls, mock: fn };
}

function makeEntry(overrides: Partial<CatalogueEntry> = {}): { entry: CatalogueEntry; data: Map<string, Uint8Array> } {
  const data = new Map<string, Uint8Array>([
    ['config.json', new TextEncoder().encode(JSON.stringify({ model_type: 'test', hidden: 64 }))],
    ['onnx/a.onnx', new Uint8Array(randomBytes(5000))],
    ['onnx/b.onnx', new Uint8Array(randomBytes(3000))],
  ]);
  const entry: CatalogueEntry = {
    id: 'test-model',
    kind: 'stt',
    label: 'Test model',
    repo: 'Org/test-model',
    revision: 'abc123',
    host: 'huggingface',
    localPath: 'Org/test-model',
    files: [...data].map(([path, body]) => ({ path, bytes: body.byteLength, sha256: sha(body) })),
    licence: 'MIT',
    memoryMB: 10,
    default: false,
    notes: '',
    ...overrides,
  };
  return { entry, data };
}

function setup(opts: { baseUrl?: string | null; chunk?: number; entry?: Partial<CatalogueEntry> } = {}) {
  const { entry, data } = makeEntry(opts.entry);
  const baseUrl = opts.baseUrl === undefined ? BASE : opts.baseUrl;
  const storage = new FakeCacheStorage();
  const served = new Map<string, Served>();
  const probe = new ModelManager({ baseUrl });
  for (const f of entry.files) served.set(probe.urlFor(entry, f), { body: data.get(f.path)!, type: f.path.endsWith('.json') ? 'application/json' : undefined });
  const net = makeFetch(served, opts.chunk);
  const manager = new ModelManager({ baseUrl, fetch: net.fetch, caches: storage.asCacheStorage(), subtle: globalThis.crypto.subtle, catalogue: [entry] });
  const urlOf = (path: string): string => manager.urlFor(entry, entry.files.find((f) => f.path === path)!);
  return { entry, data, storage, served, net, manager, urlOf, cache: storage.cache() };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('ModelManager.download', () => {
  it('caches verified files and reports monotonic progress ending at 100%', async () => {
    const { entry, data, manager, cache, urlOf } = setup();
    const events: DownloadProgress[] = [];
    const status = await manager.download(entry, { onProgress: (p) => events.push(p) });
    expect(status).toEqual({ cachedFiles: 3, totalFiles: 3, cachedBytes: 8000 + data.get('config.json')!.byteLength, complete: true });
    const total = totalBytes(entry)!;
    expect(events.length).toBeGreaterThan(5);
    for (let i = 1; i < events.length; i++) {
      expect(events[i]!.loaded).toBeGreaterThanOrEqual(events[i - 1]!.loaded);
      expect(events[i]!.percent).toBeGreaterThanOrEqual(events[i - 1]!.percent);
    }
    expect(events.every((e) => e.total === total)).toBe(true);
    expect(events.at(-1)).toMatchObject({ loaded: total, total, percent: 100 });
    const stored = await cache.match(urlOf('onnx/a.onnx'));
    expect(new Uint8Array(await stored!.arrayBuffer())).toEqual(data.get('onnx/a.onnx'));
    expect(stored!.headers.get('Content-Length')).toBe('5000');
    expect(stored!.headers.get('Content-Type')).toBe('application/octet-stream');
    expect((await cache.match(urlOf('config.json')))!.headers.get('Content-Type')).toBe('application/json');
  });

  it('rejects a file with one flipped byte, caches nothing for it, and a later good download succeeds', async () => {
    const { entry, data, manager, cache, served, net, urlOf } = setup();
    const bad = data.get('onnx/a.onnx')!.slice();
    bad[1234] = bad[1234]! ^ 0xff;
    served.set(urlOf('onnx/a.onnx'), { body: bad });
    const err = await manager.download(entry).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelIntegrityError);
    const e = err as ModelIntegrityError;
    expect(e.name).toBe('ModelIntegrityError');
    expect(e.check).toBe('sha256');
    expect(e.message).toContain('onnx/a.onnx');
    expect(e.message).toContain(sha(data.get('onnx/a.onnx')!));
    expect(e.message).toContain(sha(bad));
    expect(cache.entries.has(urlOf('onnx/a.onnx'))).toBe(false);
    expect(cache.entries.has(urlOf('onnx/b.onnx'))).toBe(false); // never reached
    expect((await manager.status(entry)).complete).toBe(false);

    served.set(urlOf('onnx/a.onnx'), { body: data.get('onnx/a.onnx')! });
    net.calls.length = 0;
    expect((await manager.download(entry)).complete).toBe(true);
    expect(net.calls).toEqual([urlOf('onnx/a.onnx'), urlOf('onnx/b.onnx')]); // config.json was kept
  });

  it.each([
    ['one byte short', (b: Uint8Array) => b.slice(0, -1)],
    ['one byte too many', (b: Uint8Array) => new Uint8Array([...b, 0])],
  ])('rejects a wrong size (%s) and caches nothing for the file', async (_name, mutate) => {
    const { entry, data, manager, cache, served, urlOf } = setup();
    served.set(urlOf('onnx/b.onnx'), { body: mutate(data.get('onnx/b.onnx')!) });
    const err = await manager.download(entry).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelIntegrityError);
    expect((err as ModelIntegrityError).check).toBe('size');
    expect((err as Error).message).toMatch(/onnx\/b\.onnx.*expected 3000 bytes/);
    expect(cache.entries.has(urlOf('onnx/b.onnx'))).toBe(false);
    expect(cache.entries.has(urlOf('onnx/a.onnx'))).toBe(true);
  });

  it('turns a 404 from a self-hosted source into a ModelDownloadError that says where the file must be', async () => {
    const { entry, manager, served, urlOf } = setup();
    served.delete(urlOf('onnx/b.onnx'));
    const err = await manager.download(entry).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelDownloadError);
    const e = err as ModelDownloadError;
    expect(e.name).toBe('ModelDownloadError');
    expect(e.status).toBe(404);
    expect(e.file).toBe('onnx/b.onnx');
    expect(e.message).toContain('404');
    expect(e.message).toContain('Org/test-model/onnx/b.onnx');
    expect(e.message).toContain('Model source');
  });

  it('turns a 500 from the public host into a ModelDownloadError saying to try later', async () => {
    const { entry, manager, served, urlOf } = setup({ baseUrl: null });
    expect(urlOf('config.json')).toBe('https://huggingface.co/Org/test-model/resolve/abc123/config.json');
    served.set(urlOf('config.json'), { status: 500, body: new TextEncoder().encode('oops'), type: 'text/plain' });
    const err = await manager.download(entry).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelDownloadError);
    expect((err as ModelDownloadError).status).toBe(500);
    expect((err as Error).message).toMatch(/server error \(HTTP 500\).*Try again later/);
  });

  it('explains a network failure and an index.html answer', async () => {
    const { entry, manager, net, served, urlOf, cache } = setup();
    net.mock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const err = await manager.download(entry).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelDownloadError);
    expect((err as Error).message).toContain('could not be reached');

    served.set(urlOf('config.json'), { body: new TextEncoder().encode('<!doctype html><title>App</title>'), type: 'text/html; charset=utf-8' });
    const err2 = await manager.download(entry).catch((e: unknown) => e);
    expect(err2).toBeInstanceOf(ModelDownloadError);
    expect((err2 as Error).message).toContain('web page');
    expect(cache.entries.size).toBe(0);
  });

  it('aborts mid-stream with an AbortError and leaves no partial file in the cache', async () => {
    const { entry, data, manager, cache, served, urlOf } = setup();
    served.set(urlOf('onnx/a.onnx'), { body: data.get('onnx/a.onnx')!, stallAfter: 2048 });
    const ac = new AbortController();
    const err = await manager
      .download(entry, {
        signal: ac.signal,
        onProgress: (p) => {
          // Cancel while the stream is stalled (the user clicks Cancel on a hung connection).
          if (p.file === 'onnx/a.onnx' && p.loaded > data.get('config.json')!.byteLength) setTimeout(() => ac.abort(), 20);
        },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DOMException);
    expect((err as DOMException).name).toBe('AbortError');
    expect([...cache.entries.keys()]).toEqual([urlOf('config.json')]);
    expect(await manager.status(entry)).toMatchObject({ cachedFiles: 1, complete: false });
  });

  it('rejects at once with an AbortError when the signal is already aborted', async () => {
    const { entry, manager, net } = setup();
    const ac = new AbortController();
    ac.abort();
    await expect(manager.download(entry, { signal: ac.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(net.calls).toEqual([]);
  });

  it('restarts where it stopped: cached files are not fetched again, progress starts from them', async () => {
    const { entry, data, manager, served, net, urlOf } = setup();
    served.delete(urlOf('onnx/b.onnx'));
    await expect(manager.download(entry)).rejects.toBeInstanceOf(ModelDownloadError);
    served.set(urlOf('onnx/b.onnx'), { body: data.get('onnx/b.onnx')! });
    net.calls.length = 0;
    const events: DownloadProgress[] = [];
    await manager.download(entry, { onProgress: (p) => events.push(p) });
    expect(net.calls).toEqual([urlOf('onnx/b.onnx')]);
    expect(events[0]!.loaded).toBe(data.get('config.json')!.byteLength + 5000);
    expect(events.at(-1)!.percent).toBe(100);

    net.calls.length = 0;
    expect((await manager.download(entry)).complete).toBe(true); // everything cached: nothing fetched
    expect(net.calls).toEqual([]);
  });

  it('uses Content-Length for the total when the catalogue size is unknown, and stores unverified files', async () => {
    const { entry, data, manager, served, urlOf } = setup({ chunk: 700 });
    const unknown: CatalogueEntry = { ...entry, files: entry.files.map((f) => ({ ...f, bytes: null, sha256: null })) };
    served.set(urlOf('onnx/b.onnx'), { body: data.get('onnx/b.onnx')!, noLength: true });
    const events: DownloadProgress[] = [];
    const status = await manager.download(unknown, { onProgress: (p) => events.push(p) });
    const size = data.get('config.json')!.byteLength + 8000;
    expect(status).toMatchObject({ complete: true, cachedBytes: size });
    expect(events.at(-1)).toMatchObject({ loaded: size, total: size, percent: 100 });
  });

  it('reports a full quota as ModelStorageError', async () => {
    const { entry, manager, cache } = setup();
    cache.failNextPut = new DOMException('quota', 'QuotaExceededError');
    const err = await manager.download(entry).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelStorageError);
    expect((err as Error).message).toContain('Not enough storage');
  });
});

describe('ModelManager cache queries', () => {
  it('status, listCached and delete', async () => {
    const { entry, manager, cache } = setup();
    expect(await manager.status(entry)).toEqual({ cachedFiles: 0, totalFiles: 3, cachedBytes: 0, complete: false });
    expect(await manager.listCached()).toEqual([]);
    await manager.download(entry);
    const listed = await manager.listCached();
    expect(listed.map((l) => l.entry.id)).toEqual(['test-model']);
    expect(listed[0]!.status.complete).toBe(true);
    await cache.put('https://other.test/unrelated.bin', new Response('x'));
    expect(await manager.delete(entry)).toBe(3);
    expect(await manager.status(entry)).toMatchObject({ cachedFiles: 0, complete: false });
    expect([...cache.entries.keys()]).toEqual(['https://other.test/unrelated.bin']);
  });

  it('finds files downloaded from another source (switching the model source keeps them)', async () => {
    const { entry, storage, manager, net } = setup({ baseUrl: BASE });
    await manager.download(entry);
    const publicManager = new ModelManager({ baseUrl: null, fetch: net.fetch, caches: storage.asCacheStorage(), catalogue: [entry] });
    expect((await publicManager.status(entry)).complete).toBe(true);
    net.calls.length = 0;
    await publicManager.download(entry);
    expect(net.calls).toEqual([]);
    // What transformers.js would ask for (revision "main", or the self-hosted path) maps to the cached file.
    const viaHub = await publicManager.cachedResponse('https://huggingface.co/Org/test-model/resolve/main/config.json');
    expect(JSON.parse(await viaHub!.text())).toEqual({ model_type: 'test', hidden: 64 });
    expect(await publicManager.cachedResponse('https://elsewhere.test/m/Org/test-model/onnx/a.onnx')).toBeDefined();
    expect(await publicManager.cachedResponse('https://huggingface.co/Org/test-model/resolve/main/missing.json')).toBeUndefined();
    const file = entry.files[0]!;
    expect(await publicManager.cachedFile(entry, file)).toBeDefined();
    expect(await publicManager.delete(entry)).toBe(3);
  });
});

describe('urlFor', () => {
  const tiny = getEntry('whisper-tiny')!;
  const enc = tiny.files.find((f) => f.path === 'onnx/encoder_model_quantized.onnx')!;
  const face = getEntry('face-landmarker')!;
  const llama = getEntry('tiny-random-llama')!;

  it('uses the base URL with the local folder layout', () => {
    expect(new ModelManager({ baseUrl: '/models/' }).urlFor(tiny, enc)).toBe('/models/Xenova/whisper-tiny/onnx/encoder_model_quantized.onnx');
    expect(new ModelManager({ baseUrl: 'https://my.host/models' }).urlFor(face, face.files[0]!)).toBe('https://my.host/models/mediapipe/face_landmarker.task');
    expect(new ModelManager({ baseUrl: '/models/' }).urlFor(llama, llama.files[0]!)).toBe('/models/test/tiny-random-llama/config.json');
  });

  it('uses the public hosts without a base URL', () => {
    const m = new ModelManager({ baseUrl: null });
    expect(m.urlFor(tiny, enc)).toBe('https://huggingface.co/Xenova/whisper-tiny/resolve/5332fcc35e32a33b86612b9a57a89be7906102b1/onnx/encoder_model_quantized.onnx');
    expect(m.urlFor(face, face.files[0]!)).toBe('https://storage.googleapis.com/mediapipe-models/face_landmarker/face_landmarker/float16/1/face_landmarker.task');
    expect(new ModelManager({ baseUrl: '  ' }).baseUrl).toBeNull();
    expect(() => m.urlFor(llama, llama.files[0]!)).toThrow(ModelDownloadError);
  });
});

describe('detectSelfHosted / resolveBaseUrl', () => {
  const tiny = getEntry('whisper-tiny')!;
  const face = getEntry('face-landmarker')!;
  const answer = (body: string, status: number, type: string) => vi.fn(async () => new Response(body, { status, headers: { 'Content-Type': type } })) as unknown as typeof fetch;

  it('is true for a JSON 200 and probes a small file same-origin', async () => {
    const f = answer('{"model_type":"whisper"}', 200, 'application/json');
    expect(await detectSelfHosted(tiny, f)).toBe(true);
    expect(vi.mocked(f).mock.calls[0]![0]).toBe('/models/Xenova/whisper-tiny/preprocessor_config.json');
  });

  it('is false for an index.html 200, a 404, a network error', async () => {
    expect(await detectSelfHosted(tiny, answer('<!doctype html><html></html>', 200, 'text/html'))).toBe(false);
    expect(await detectSelfHosted(tiny, answer('<!doctype html><html></html>', 200, 'application/json'))).toBe(false); // does not parse
    expect(await detectSelfHosted(tiny, answer('not found', 404, 'text/plain'))).toBe(false);
    expect(await detectSelfHosted(tiny, vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch)).toBe(false);
  });

  it('checks the Content-Type for a non-JSON file', async () => {
    expect(await detectSelfHosted(face, answer('binary', 200, 'application/octet-stream'))).toBe(true);
    expect(await detectSelfHosted(face, answer('<!doctype html>', 200, 'text/html; charset=utf-8'))).toBe(false);
  });

  it('resolveBaseUrl: the setting wins, else /models/ when detected, else null', async () => {
    const yes = answer('{}', 200, 'application/json');
    expect(await resolveBaseUrl('https://my.host/models', tiny, yes)).toBe('https://my.host/models/');
    expect(vi.mocked(yes).mock.calls).toHaveLength(0);
    expect(await resolveBaseUrl(null, tiny, yes)).toBe('/models/');
    expect(await resolveBaseUrl('', tiny, answer('<html>', 200, 'text/html'))).toBeNull();
  });
});

describe('helpers', () => {
  it('formatBytes', () => {
    expect(formatBytes(40_852_675)).toBe('40.9 MB');
    expect(formatBytes(3_758_596)).toBe('3.8 MB');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(2248)).toBe('2.2 kB');
    expect(formatBytes(1_500_000_000)).toBe('1.5 GB');
  });

  it('requestPersistentStorage never throws and is false when unavailable', async () => {
    vi.stubGlobal('navigator', {});
    expect(await requestPersistentStorage()).toBe(false);
    expect(await isStoragePersisted()).toBe(false);
    vi.stubGlobal('navigator', { storage: { persist: () => Promise.reject(new Error('denied')) } });
    expect(await requestPersistentStorage()).toBe(false);
    vi.stubGlobal('navigator', { storage: { persist: () => Promise.resolve(true), persisted: () => Promise.resolve(true) } });
    expect(await requestPersistentStorage()).toBe(true);
    expect(await isStoragePersisted()).toBe(true);
  });
});

describe('catalogue', () => {
  it('is valid: files everywhere, unique ids, pinned whisper-tiny hashes', () => {
    expect(validateCatalogue(catalogueJson)).toEqual([]);
    const ids = CATALOGUE_ENTRIES.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['whisper-tiny', 'whisper-base', 'face-landmarker', 'tiny-random-llama']));
    for (const e of CATALOGUE_ENTRIES) expect(e.files.length > 0 || e.host === 'webllm', e.id).toBe(true);
    const tiny = getEntry('whisper-tiny')!;
    expect(tiny.files).toHaveLength(7);
    for (const f of tiny.files) expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(totalBytes(tiny)).toBe(43_622_127);
    expect(totalBytes(getEntry('whisper-base')!)).toBeNull();
    expect(getEntry('tiny-random-llama')!.testOnly).toBe(true);
    const llms = entriesOfKind('llm');
    expect(llms.map((e) => e.id)).not.toContain('tiny-random-llama');
    expect(entriesOfKind('llm', true).map((e) => e.id)).toContain('tiny-random-llama');
    // One default per engine (the selection table picks within an engine), with a context window.
    for (const engine of ['webllm', 'transformers'] as const) {
      expect(llms.filter((e) => e.llm?.engine === engine && e.default), engine).toHaveLength(1);
    }
    for (const e of llms) expect(e.llm!.contextTokens).toBeGreaterThanOrEqual(1024);
    // web-llm ids exist in web-llm's prebuilt list in two variants, with their memory needs.
    for (const e of llms.filter((x) => x.host === 'webllm')) {
      expect(e.llm!.webllm!.f16).toMatch(/-q4f16_1-MLC$/);
      expect(e.llm!.webllm!.f32).toMatch(/-q4f32_1-MLC$/);
      expect(e.llm!.webllm!.vramMB.f32).toBeGreaterThan(e.llm!.webllm!.vramMB.f16);
    }
    // Every entry a user can pick has a public source.
    const m = new ModelManager({ baseUrl: null });
    for (const e of CATALOGUE_ENTRIES.filter((x) => !x.testOnly)) for (const f of e.files) expect(m.urlFor(e, f)).toMatch(/^https:\/\//);
  });

  it('rejects llm entries without a runtime, and web-llm entries with files', () => {
    const doc = JSON.parse(JSON.stringify(catalogueJson)) as { models: Record<string, unknown>[] };
    const wl = doc.models.find((m) => m.host === 'webllm')!;
    wl.files = [{ path: 'x.bin', bytes: 1, sha256: null }];
    const cpu = doc.models.find((m) => m.kind === 'llm' && m.host === 'huggingface')!;
    delete cpu.llm;
    const problems = validateCatalogue(doc).join('\n');
    expect(problems).toContain('lists no files');
    expect(problems).toContain('needs "llm"');
  });

  it('validation reports problems', () => {
    const doc = JSON.parse(JSON.stringify(catalogueJson)) as { models: Record<string, unknown>[] };
    doc.models.push({ ...doc.models[0], files: [] });
    (doc.models[1]!.files as Record<string, unknown>[])[0]!.sha256 = 'XYZ';
    doc.models[2]!.host = 'ftp';
    const problems = validateCatalogue(doc).join('\n');
    expect(problems).toContain('duplicate id');
    expect(problems).toContain('has no files');
    expect(problems).toContain('sha256 must be 64');
    expect(problems).toContain('host must be one of');
    expect(validateCatalogue(null)).not.toEqual([]);
  });

  it('matches the local model files (sizes and sha256) when a models folder exists', () => {
    const dir = findModelsDir();
    const tiny = getEntry('whisper-tiny')!;
    expect(tiny.localPath).toBe('Xenova/whisper-tiny');
    if (!dir) {
      console.warn('No models folder (MODELS_DIR, ../shared/models, .cache/models): only the catalogue shape was checked.');
      expect(tiny.files.every((f) => typeof f.bytes === 'number' && typeof f.sha256 === 'string')).toBe(true);
      return;
    }
    let checked = 0;
    for (const e of CATALOGUE_ENTRIES) {
      for (const f of e.files) {
        const p = join(dir, e.localPath, f.path);
        if (e.id === 'whisper-tiny') expect(existsSync(p), p).toBe(true);
        if (!existsSync(p) || f.bytes === null) continue;
        expect(statSync(p).size, p).toBe(f.bytes);
        expect(sha(readFileSync(p)), p).toBe(f.sha256);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(7);
  });

  it('downloads and verifies the real whisper-tiny files through the manager (from the local folder)', async () => {
    const dir = findModelsDir();
    const tiny = getEntry('whisper-tiny')!;
    if (!dir) {
      console.warn('No models folder: the real-file download check was not run.');
      expect(tiny.files.every((f) => f.bytes !== null)).toBe(true);
      return;
    }
    const served = new Map<string, Served>();
    const pub = new ModelManager({ baseUrl: null });
    for (const f of tiny.files) served.set(pub.urlFor(tiny, f), { body: new Uint8Array(readFileSync(join(dir, tiny.localPath, f.path))) });
    const net = makeFetch(served, 256 * 1024);
    const storage = new FakeCacheStorage();
    const manager = new ModelManager({ baseUrl: null, fetch: net.fetch, caches: storage.asCacheStorage() });
    const status = await manager.download(tiny);
    expect(status).toEqual({ cachedFiles: 7, totalFiles: 7, cachedBytes: 43_622_127, complete: true });
    expect((await manager.listCached()).map((l) => l.entry.id)).toEqual(['whisper-tiny']);
  }, 30_000);
});

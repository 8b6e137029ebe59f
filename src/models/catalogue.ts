/**
 * The model catalogue (models/catalogue.json): which models the app can use, where their files come from,
 * their sizes and sha256, licence and memory needs. Pure data + validation: no DOM, usable in workers.
 */
import catalogueJson from '../../models/catalogue.json';

export type ModelKind = 'stt' | 'llm' | 'vision';
/**
 * `local`: not on any public host (generated test data); only available from a models folder / base URL.
 * `webllm`: a web-llm prebuilt model: web-llm downloads and caches its files itself (no `files` listed).
 */
export type ModelHost = 'huggingface' | 'mediapipe' | 'local' | 'webllm';

/** How an LLM entry runs. */
export interface LlmRuntime {
  engine: 'transformers' | 'webllm';
  /** Context window used for prompts, tokens. */
  contextTokens: number;
  /** transformers.js weights variant (which onnx/model_<dtype>.onnx file). */
  dtype?: 'q4' | 'q8' | 'fp32' | 'q4f16' | 'fp16';
  /** web-llm prebuilt model ids: q4f16 needs the adapter's shader-f16; q4f32 runs everywhere. */
  webllm?: { f16: string; f32: string; vramMB: { f16: number; f32: number }; downloadMB: number };
}

export interface CatalogueFile {
  /** Path inside the model folder (and inside the Hugging Face repo). */
  path: string;
  /** Exact size in bytes, or null when unknown (then the size is not checked). */
  bytes: number | null;
  /** Lower-case hex SHA-256, or null when unknown (then the content is not checked). */
  sha256: string | null;
  /** Public URL, required for hosts other than huggingface and local. */
  url?: string;
}

export interface CatalogueEntry {
  id: string;
  kind: ModelKind;
  label: string;
  repo: string;
  revision: string;
  host: ModelHost;
  /** Folder under a models directory (`/models/<localPath>/<file.path>` when self-hosted). */
  localPath: string;
  files: CatalogueFile[];
  licence: string;
  memoryMB: number;
  default: boolean;
  testOnly?: boolean;
  /** LLM entries: which engine runs them. */
  llm?: LlmRuntime;
  notes: string;
}

export interface Catalogue {
  version: 1;
  models: CatalogueEntry[];
}

const KINDS: readonly string[] = ['stt', 'llm', 'vision'];
const HOSTS: readonly string[] = ['huggingface', 'mediapipe', 'local', 'webllm'];
const SHA256 = /^[0-9a-f]{64}$/;

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
const isNonEmptyString = (x: unknown): x is string => typeof x === 'string' && x.trim().length > 0;
/** A relative path with no '..', no leading slash and no backslashes. */
const isSafePath = (p: string): boolean => !p.startsWith('/') && !p.includes('\\') && !p.split('/').some((s) => s === '..' || s === '' || s === '.');

/** Every problem found in a catalogue document (empty array = valid). */
export function validateCatalogue(data: unknown): string[] {
  const problems: string[] = [];
  if (!isRecord(data)) return ['the catalogue is not a JSON object'];
  if (data.version !== 1) problems.push(`unsupported catalogue version ${String(data.version)}`);
  if (!Array.isArray(data.models) || data.models.length === 0) return [...problems, '"models" must be a non-empty array'];
  const ids = new Set<string>();
  const folders = new Set<string>();
  data.models.forEach((m: unknown, i) => {
    if (!isRecord(m)) return void problems.push(`models[${i}] is not an object`);
    const where = isNonEmptyString(m.id) ? `model "${m.id}"` : `models[${i}]`;
    const bad = (msg: string): void => void problems.push(`${where}: ${msg}`);
    if (!isNonEmptyString(m.id)) bad('missing id');
    else if (ids.has(m.id)) bad('duplicate id');
    else ids.add(m.id);
    for (const key of ['label', 'repo', 'revision', 'licence', 'localPath'] as const) if (!isNonEmptyString(m[key])) bad(`missing ${key}`);
    if (typeof m.notes !== 'string') bad('notes must be a string');
    if (typeof m.kind !== 'string' || !KINDS.includes(m.kind)) bad(`kind must be one of ${KINDS.join(', ')}`);
    if (typeof m.host !== 'string' || !HOSTS.includes(m.host)) bad(`host must be one of ${HOSTS.join(', ')}`);
    if (isNonEmptyString(m.localPath)) {
      if (!isSafePath(m.localPath)) bad('localPath must be a relative folder without ".." or a trailing slash');
    }
    if (typeof m.memoryMB !== 'number' || !(m.memoryMB > 0)) bad('memoryMB must be a positive number');
    if (typeof m.default !== 'boolean') bad('default must be true or false');
    if (m.testOnly !== undefined && typeof m.testOnly !== 'boolean') bad('testOnly must be true or false');
    if (m.kind === 'llm') {
      const l = m.llm;
      if (!isRecord(l)) bad('an llm entry needs "llm" (engine, contextTokens)');
      else {
        if (l.engine !== 'transformers' && l.engine !== 'webllm') bad('llm.engine must be transformers or webllm');
        if (typeof l.contextTokens !== 'number' || !(l.contextTokens >= 256)) bad('llm.contextTokens must be a number ≥ 256');
        if ((l.engine === 'webllm') !== (m.host === 'webllm')) bad('web-llm models (and only they) use host "webllm"');
        if (l.engine === 'webllm') {
          const w = l.webllm;
          if (!isRecord(w) || !isNonEmptyString(w.f16) || !isNonEmptyString(w.f32) || !isRecord(w.vramMB) || typeof w.downloadMB !== 'number') {
            bad('llm.webllm needs f16, f32, vramMB {f16, f32} and downloadMB');
          }
        }
      }
    }
    if (m.host === 'webllm') {
      if (!Array.isArray(m.files) || m.files.length !== 0) bad('host "webllm" lists no files (web-llm fetches them)');
      return;
    }
    if (!Array.isArray(m.files) || m.files.length === 0) return void bad('has no files');
    const paths = new Set<string>();
    m.files.forEach((f: unknown, j) => {
      if (!isRecord(f)) return void bad(`files[${j}] is not an object`);
      const fileBad = (msg: string): void => bad(`file ${isNonEmptyString(f.path) ? f.path : `[${j}]`}: ${msg}`);
      if (!isNonEmptyString(f.path) || !isSafePath(f.path)) fileBad('path must be a relative path without ".."');
      else if (paths.has(f.path)) fileBad('listed twice');
      else paths.add(f.path);
      if (f.bytes !== null && !(typeof f.bytes === 'number' && Number.isInteger(f.bytes) && f.bytes > 0)) fileBad('bytes must be a positive integer or null');
      if (f.sha256 !== null && !(typeof f.sha256 === 'string' && SHA256.test(f.sha256))) fileBad('sha256 must be 64 lower-case hex characters or null');
      if (f.url !== undefined && !(typeof f.url === 'string' && /^https:\/\//.test(f.url))) fileBad('url must be an https:// URL');
      if (m.host !== 'huggingface' && m.host !== 'local' && f.url === undefined) fileBad(`host "${String(m.host)}" needs a url for every file`);
    });
    if (isNonEmptyString(m.localPath)) {
      // Two entries may share a folder (e.g. "mediapipe") but not a file inside it.
      for (const p of paths) {
        const key = `${m.localPath}/${p}`;
        if (folders.has(key)) bad(`file ${p} is also listed by another model in ${m.localPath}/`);
        folders.add(key);
      }
    }
  });
  for (const kind of KINDS) {
    const defaults = data.models.filter((m: unknown) => isRecord(m) && m.kind === kind && m.default === true);
    // LLMs: one default per engine (web-llm on WebGPU, transformers.js on CPU).
    const groups = new Map<string, number>();
    for (const m of defaults) {
      const key = kind === 'llm' && isRecord(m) && isRecord(m.llm) ? String(m.llm.engine) : kind;
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    for (const [key, n] of groups) if (n > 1) problems.push(`more than one default model of kind ${kind}${key === kind ? '' : ` for engine ${key}`}`);
  }
  return problems;
}

export class CatalogueError extends Error {
  override name = 'CatalogueError';
}

/** Validates and returns a typed catalogue; throws CatalogueError listing every problem. */
export function parseCatalogue(data: unknown): Catalogue {
  const problems = validateCatalogue(data);
  if (problems.length > 0) throw new CatalogueError(`Invalid model catalogue:\n- ${problems.join('\n- ')}`);
  return data as Catalogue;
}

export const CATALOGUE: Catalogue = parseCatalogue(catalogueJson);

/** All entries, including test-only ones. */
export const CATALOGUE_ENTRIES: readonly CatalogueEntry[] = CATALOGUE.models;

export function getEntry(id: string): CatalogueEntry | undefined {
  return CATALOGUE.models.find((m) => m.id === id);
}

/** Entries of one kind; test-only entries are left out unless asked for. */
export function entriesOfKind(kind: ModelKind, includeTestOnly = false): CatalogueEntry[] {
  return CATALOGUE.models.filter((m) => m.kind === kind && (includeTestOnly || !m.testOnly));
}

/** The entry marked default for a kind (never a test-only one); for LLMs, of one engine. */
export function defaultEntry(kind: ModelKind, engine?: LlmRuntime['engine']): CatalogueEntry | undefined {
  return entriesOfKind(kind).find((m) => m.default && (engine === undefined || m.llm?.engine === engine));
}

/** Entries whose files the model manager downloads and caches (web-llm caches its own). */
export function managedEntries(includeTestOnly = false): CatalogueEntry[] {
  return CATALOGUE.models.filter((m) => m.host !== 'webllm' && (includeTestOnly || !m.testOnly));
}

/** Sum of the file sizes, or null when any size is unknown. */
export function totalBytes(entry: CatalogueEntry): number | null {
  let sum = 0;
  for (const f of entry.files) {
    if (f.bytes === null) return null;
    sum += f.bytes;
  }
  return sum;
}

/**
 * Speech-to-text worker: Whisper (transformers.js + onnxruntime-web WASM) behind a Comlink API.
 * The main thread only imports the `SttApi` type from here (see src/bridges/stt-client.ts).
 *
 * - load(): memoised; concurrent callers share one load (and all get progress). Warms up on 1 s of silence.
 * - transcribe(): one inference at a time through an explicit FIFO queue; partials are "latest wins",
 *   finals are never dropped. Silence never reaches the model; known phantom phrases on quiet audio are
 *   dropped (workers/stt/phantom.ts).
 */
import * as Comlink from 'comlink';
import { pipeline, Tensor } from '@huggingface/transformers';
import type { AutomaticSpeechRecognitionPipeline, ProgressInfo } from '@huggingface/transformers';
import { InferenceQueue } from './stt/queue';
import { runWithPhantomGuard } from './stt/phantom';
import { configureTransformersEnv } from './shared/transformers-env';
import { reportWorkerRequests } from '../src/vision/network-log';
import {
  SAMPLE_RATE,
  installPromptStripping,
  promptDecoderInputIds,
  toChunks,
  whisperCallOptions,
  whisperSpecialIds,
  type SttChunk,
  type WhisperSpecialIds,
} from './stt/whisper';

export { DISFLUENCY_PROMPT } from './stt/whisper';
export type { SttChunk } from './stt/whisper';

export type SttDevice = 'wasm' | 'webgpu';

export interface SttLoadOptions {
  /** Model id, e.g. 'Xenova/whisper-tiny'. */
  model: string;
  /** '/models/' = self-hosted same-origin path; null = Hugging Face Hub. */
  baseUrl: string | null;
  /** Default 'wasm'. 'webgpu' falls back to 'wasm' when unavailable (the result says which one ran). */
  device?: SttDevice;
}

export interface SttProgress {
  file: string;
  loaded: number;
  total: number;
  /** 0–100 */
  percent: number;
  /** transformers.js status: 'initiate' | 'download' | 'progress' | 'progress_total' | 'done' | 'ready' */
  status: string;
}

export type SttProgressCallback = (p: SttProgress) => void;

export interface SttLoadResult {
  device: string;
  threads: number;
  loadMs: number;
}

export interface SttTranscribeOptions {
  /** Interim result: superseded by a newer partial while still queued. */
  partial?: boolean;
  /** Return segment timestamps (`chunks`). */
  timestamps?: boolean;
  /** Previous-context prompt, e.g. DISFLUENCY_PROMPT to keep "um"/"uh" in the text. */
  prompt?: string;
}

export interface SttResult {
  text: string;
  chunks?: SttChunk[];
  /** Time spent in this job (queue wait excluded). */
  ms: number;
  audioMs: number;
  /** Silence or a phantom phrase on quiet audio: text is ''. */
  droppedPhantom?: boolean;
  /** A partial superseded by a newer one before it ran: text is ''. */
  skipped?: boolean;
}

export interface SttApi {
  load(opts: SttLoadOptions, onProgress?: SttProgressCallback): Promise<SttLoadResult>;
  transcribe(pcm16k: Float32Array, opts?: SttTranscribeOptions): Promise<SttResult>;
  unload(): Promise<void>;
}

interface Loaded {
  asr: AutomaticSpeechRecognitionPipeline;
  ids: WhisperSpecialIds | null;
}

interface LoadState {
  key: string;
  promise: Promise<SttLoadResult>;
  loaded: Loaded | null;
  listeners: Set<SttProgressCallback>;
}

let state: LoadState | null = null;
const queue = new InferenceQueue<SttResult>(() => ({ text: '', ms: 0, audioMs: 0, skipped: true }));

function releaseProxy(cb: SttProgressCallback): void {
  const release = (cb as unknown as Partial<Record<typeof Comlink.releaseProxy, () => void>>)[Comlink.releaseProxy];
  try {
    release?.();
  } catch {
    /* already released */
  }
}

/** transformers.js progress → the app's progress shape, throttled to ~10 per second per file. */
function progressForwarder(listeners: Set<SttProgressCallback>): (info: ProgressInfo) => void {
  const last = new Map<string, number>();
  return (info) => {
    let p: SttProgress;
    switch (info.status) {
      case 'progress':
        p = { file: info.file, loaded: info.loaded, total: info.total, percent: info.progress, status: info.status };
        break;
      case 'progress_total':
        p = { file: '', loaded: info.loaded, total: info.total, percent: info.progress, status: info.status };
        break;
      case 'ready':
        p = { file: '', loaded: 0, total: 0, percent: 100, status: info.status };
        break;
      case 'done':
        p = { file: info.file, loaded: 0, total: 0, percent: 100, status: info.status };
        break;
      default:
        p = { file: info.file, loaded: 0, total: 0, percent: 0, status: info.status };
    }
    if (info.status === 'progress' || info.status === 'progress_total') {
      const now = performance.now();
      const key = `${info.status}:${p.file}`;
      if (p.percent < 100 && now - (last.get(key) ?? -Infinity) < 100) return;
      last.set(key, now);
    }
    for (const cb of listeners) {
      // A Comlink proxy returns a promise; a dead caller must not break the load.
      Promise.resolve()
        .then(() => cb(p))
        .catch(() => undefined);
    }
  };
}

async function createPipeline(
  model: string,
  device: SttDevice,
  onProgress: (info: ProgressInfo) => void,
): Promise<AutomaticSpeechRecognitionPipeline> {
  return (await pipeline('automatic-speech-recognition', model, {
    device,
    dtype: 'q8',
    progress_callback: onProgress,
  })) as AutomaticSpeechRecognitionPipeline;
}

async function hasWebGpu(): Promise<boolean> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return false;
  try {
    return (await gpu.requestAdapter()) != null;
  } catch {
    return false;
  }
}

async function doLoad(opts: SttLoadOptions, s: LoadState): Promise<SttLoadResult> {
  const t0 = performance.now();
  const threads = configureTransformersEnv(opts.baseUrl);
  const forward = progressForwarder(s.listeners);
  let device: SttDevice = opts.device ?? 'wasm';
  let asr: AutomaticSpeechRecognitionPipeline | null = null;
  if (device === 'webgpu') {
    // This build aliases onnxruntime-web/webgpu to the wasm-only bundle (vite.config.ts), so WebGPU
    // normally fails here and we fall back to WASM; kept so an app without the alias can use it.
    try {
      if (await hasWebGpu()) asr = await createPipeline(opts.model, 'webgpu', forward);
    } catch (e) {
      console.warn('[stt] WebGPU unavailable, falling back to WASM:', e);
    }
    if (!asr) device = 'wasm';
  }
  asr ??= await createPipeline(opts.model, 'wasm', forward);

  let ids: WhisperSpecialIds | null = null;
  try {
    ids = whisperSpecialIds(asr.tokenizer);
    installPromptStripping(asr.model, Tensor, ids);
  } catch (e) {
    console.warn('[stt] prompting disabled:', e);
  }
  // Warm-up: the first run compiles kernels and allocates; do it before reporting "ready".
  try {
    await asr(new Float32Array(SAMPLE_RATE), { language: 'english', task: 'transcribe' });
  } catch (e) {
    await asr.dispose().catch(() => undefined);
    throw e;
  }
  s.loaded = { asr, ids };
  return { device, threads, loadMs: Math.round(performance.now() - t0) };
}

async function load(opts: SttLoadOptions, onProgress?: SttProgressCallback): Promise<SttLoadResult> {
  const key = JSON.stringify([opts.model, opts.baseUrl, opts.device ?? 'wasm']);
  if (state && state.key !== key) await unload();
  if (state) {
    if (onProgress) {
      if (state.loaded) releaseProxy(onProgress);
      else state.listeners.add(onProgress);
    }
    return state.promise;
  }
  const s: LoadState = { key, promise: Promise.resolve({ device: '', threads: 0, loadMs: 0 }), loaded: null, listeners: new Set() };
  if (onProgress) s.listeners.add(onProgress);
  s.promise = doLoad(opts, s).finally(() => {
    for (const cb of s.listeners) releaseProxy(cb);
    s.listeners.clear();
  });
  state = s;
  s.promise.catch(() => {
    if (state === s) state = null; // a failed load can be retried
  });
  return s.promise;
}

async function ready(): Promise<Loaded> {
  const s = state;
  if (!s) throw new Error('STT model not loaded: call load() first');
  await s.promise;
  if (!s.loaded) throw new Error('STT model not loaded: call load() first');
  return s.loaded;
}

async function runTranscription(pcm: Float32Array, opts: SttTranscribeOptions, audioMs: number): Promise<SttResult> {
  const { asr, ids } = await ready();
  const t0 = performance.now();
  const prompt = opts.prompt?.trim();
  const decoderInputIds = prompt && ids ? promptDecoderInputIds(asr.tokenizer, ids, prompt, !!opts.timestamps) : undefined;
  const callOptions = whisperCallOptions(pcm.length, { timestamps: opts.timestamps, decoderInputIds });
  const outcome = await runWithPhantomGuard(pcm, async () => {
    const out = await asr(pcm, callOptions);
    return out as { text: string; chunks?: unknown };
  });
  const ms = Math.round(performance.now() - t0);
  if (outcome.dropped) return { text: '', ...(opts.timestamps ? { chunks: [] } : {}), ms, audioMs, droppedPhantom: true };
  const result: SttResult = { text: outcome.result.text.trim(), ms, audioMs };
  if (opts.timestamps) result.chunks = toChunks(outcome.result.chunks);
  return result;
}

function transcribe(pcm16k: Float32Array, opts: SttTranscribeOptions = {}): Promise<SttResult> {
  const audioMs = Math.round((pcm16k.length / SAMPLE_RATE) * 1000);
  return queue.enqueue(() => runTranscription(pcm16k, opts, audioMs), {
    partial: opts.partial === true,
    skipped: () => ({ text: '', ms: 0, audioMs, skipped: true }),
  });
}

async function unload(): Promise<void> {
  const s = state;
  state = null;
  queue.clear(new Error('STT model unloaded'));
  if (!s) return;
  try {
    await s.promise;
  } catch {
    return; // nothing was loaded
  }
  await queue.onIdle(); // never dispose under a running inference
  const loaded = s.loaded;
  s.loaded = null;
  await loaded?.asr.dispose();
}

const api: SttApi = { load, transcribe, unload };

// ORT's pthread workers are named 'em-pthread…'; they must not expose the API.
if (!self.name?.startsWith('em-pthread')) {
  Comlink.expose(api);
  reportWorkerRequests('stt'); // for the privacy receipt
}

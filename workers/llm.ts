/**
 * LLM worker: one engine at a time behind a Comlink API — web-llm on WebGPU or transformers.js on
 * WASM/WebGPU. The main thread only imports the `LlmApi` type from here (src/bridges/llm-client.ts).
 * web-llm is imported lazily, only when its engine is loaded (its chunk is 6 MB).
 */
import * as Comlink from 'comlink';
import * as transformers from '@huggingface/transformers';
import { configureTransformersEnv, workerThreads } from './shared/transformers-env';
import { reportWorkerRequests } from '../src/vision/network-log';
import { TransformersEngine } from './llm/transformers-engine';
import { WebLlmEngine, type MlcEngineLike } from './llm/webllm-engine';
import {
  LlmError,
  type ChatEngine,
  type ChatMessage,
  type GenerateOptions,
  type GenerateResult,
  type LlmLoadResult,
  type LlmLoadSpec,
  type LlmProgress,
} from '../src/llm/types';

export interface LlmApi {
  load(spec: LlmLoadSpec, onProgress?: (p: LlmProgress) => void): Promise<LlmLoadResult>;
  generate(messages: ChatMessage[], opts: GenerateOptions, onToken?: (piece: string) => void): Promise<GenerateResult>;
  abort(): void;
  unload(): Promise<void>;
}

async function createMlcEngine(): Promise<MlcEngineLike> {
  const webllm = await import('@mlc-ai/web-llm');
  return new webllm.MLCEngine();
}

/** A macrotask yield (faster than setTimeout, which is clamped): lets Comlink messages (abort) in between steps. */
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
/** At most every YIELD_EVERY_MS: a fast model (hundreds of tokens/s) would otherwise pay a task per token. */
const YIELD_EVERY_MS = 8;
let lastYield = 0;
function yieldToEventLoop(): Promise<void> {
  const now = performance.now();
  if (now - lastYield < YIELD_EVERY_MS) return Promise.resolve();
  lastYield = now;
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(0);
  });
}

let engine: ChatEngine | null = null;
let loading: Promise<LlmLoadResult> | null = null;

function release(cb: unknown): void {
  const r = (cb as Partial<Record<typeof Comlink.releaseProxy, () => void>> | undefined)?.[Comlink.releaseProxy];
  try {
    r?.();
  } catch {
    /* already released */
  }
}

async function load(spec: LlmLoadSpec, onProgress?: (p: LlmProgress) => void): Promise<LlmLoadResult> {
  if (loading) await loading.catch(() => undefined);
  await engine?.unload();
  engine = null;
  let last = 0;
  const progress = (p: LlmProgress): void => {
    const t = performance.now();
    if (!onProgress || (p.fraction !== 1 && t - last < 100)) return;
    last = t;
    Promise.resolve(onProgress(p)).catch(() => undefined);
  };
  const next: ChatEngine =
    spec.engine === 'webllm'
      ? new WebLlmEngine(createMlcEngine)
      : new TransformersEngine(transformers, (d) => (d === 'wasm' ? `wasm (${workerThreads()} thread${workerThreads() === 1 ? '' : 's'})` : d), yieldToEventLoop);
  if (spec.engine === 'transformers') configureTransformersEnv(spec.baseUrl);
  loading = next.load(spec, progress);
  try {
    const result = await loading;
    engine = next;
    return result;
  } finally {
    loading = null;
    release(onProgress);
  }
}

async function generate(messages: ChatMessage[], opts: GenerateOptions, onToken?: (piece: string) => void): Promise<GenerateResult> {
  if (!engine) throw new LlmError('LlmEngineError', 'No model is loaded.');
  try {
    return await engine.generate(messages, opts, (piece) => {
      if (onToken) Promise.resolve(onToken(piece)).catch(() => undefined);
    });
  } finally {
    release(onToken);
  }
}

function abort(): void {
  engine?.abort();
}

async function unload(): Promise<void> {
  const e = engine;
  engine = null;
  await e?.unload();
}

const api: LlmApi = { load, generate, abort, unload };
if (!self.name?.startsWith('em-pthread')) {
  Comlink.expose(api);
  reportWorkerRequests('llm'); // for the privacy receipt (model downloads by web-llm show up there)
}

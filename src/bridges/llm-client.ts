/**
 * Main-thread client for the LLM worker (workers/llm.ts). Never imports an LLM library: only types
 * cross this boundary. Implements the interviewer's ChatBackend once a model is loaded.
 *
 * Abort: the worker's engine stops at the next token; if it has not answered within `abortGraceMs`
 * (a hung GPU, a long prompt step), the worker is terminated and recreated on the next load.
 */
import * as Comlink from 'comlink';
import type { LlmApi } from '../../workers/llm';
import { trackBusy } from './worker-activity';
import type { ChatBackend } from '../llm/llm-interviewer';
import {
  LlmError,
  errorMessage,
  llmErrorName,
  type ChatMessage,
  type GenerateOptions,
  type GenerateResult,
  type LlmLoadResult,
  type LlmLoadSpec,
  type LlmProgress,
} from '../llm/types';

export interface LlmClientOptions {
  createWorker?: () => Worker;
  abortGraceMs?: number;
}

const defaultWorker = (): Worker => new Worker(new URL('../../workers/llm.ts', import.meta.url), { type: 'module', name: 'llm' });

/** A user-facing sentence for a load failure. */
export function describeLlmLoadError(e: unknown, online = typeof navigator === 'undefined' ? true : navigator.onLine): string {
  const name = llmErrorName(e);
  const detail = errorMessage(e);
  const other = typeof e === 'object' && e !== null ? (e as { name?: unknown }).name : undefined;
  // The model manager's verified download failed (network, 404, wrong size or sha256): nothing was cached.
  if (name === 'LlmDownloadError' || other === 'ModelDownloadError' || other === 'ModelIntegrityError') {
    return online
      ? `The AI model could not be downloaded. Check your connection and try again. ${detail}`
      : 'The AI model is not on this device yet and you are offline. Connect once to download it.';
  }
  if (name === 'LlmUnsupportedError') return `This device cannot run the AI model. ${detail}`;
  if (name === 'LlmDeviceLostError') return `The graphics device stopped (often out of memory). Try a smaller model. ${detail}`;
  return `The AI model could not start. ${detail}`;
}

export class LlmClient implements ChatBackend {
  private worker: Worker | null = null;
  private api: Comlink.Remote<LlmApi> | null = null;
  private loaded: LlmLoadResult | null = null;
  private spec: LlmLoadSpec | null = null;
  private readonly createWorker: () => Worker;
  private readonly abortGraceMs: number;
  private generating: { reject: (e: unknown) => void } | null = null;

  constructor(options: LlmClientOptions = {}) {
    this.createWorker = options.createWorker ?? defaultWorker;
    this.abortGraceMs = options.abortGraceMs ?? 2000;
  }

  get id(): string {
    return this.spec ? `${this.spec.engine}:${this.spec.catalogueId}` : 'llm:none';
  }

  get contextTokens(): number {
    return this.loaded?.contextTokens ?? this.spec?.contextTokens ?? 512;
  }

  get info(): LlmLoadResult | null {
    return this.loaded;
  }

  private ensure(): Comlink.Remote<LlmApi> {
    if (!this.api) {
      this.worker = this.createWorker();
      this.api = Comlink.wrap<LlmApi>(this.worker);
    }
    return this.api;
  }

  async load(spec: LlmLoadSpec, onProgress?: (p: LlmProgress) => void): Promise<LlmLoadResult> {
    if (typeof Worker === 'undefined' || typeof WebAssembly === 'undefined') {
      throw new LlmError('LlmUnsupportedError', 'Web Workers or WebAssembly are not available.');
    }
    this.spec = spec;
    this.loaded = null;
    const api = this.ensure();
    try {
      this.loaded = await trackBusy('llm', api.load(spec, onProgress ? Comlink.proxy(onProgress) : undefined));
    } catch (e) {
      // Comlink keeps name and message; rebuild an LlmError so callers can classify it.
      throw new LlmError(llmErrorName(e) ?? 'LlmEngineError', errorMessage(e), { cause: e });
    }
    return this.loaded;
  }

  generate(messages: ChatMessage[], opts: GenerateOptions, onToken: (piece: string) => void): Promise<GenerateResult> {
    if (!this.loaded || !this.api) return Promise.reject(new LlmError('LlmEngineError', 'No model is loaded.'));
    const api = this.api;
    return new Promise<GenerateResult>((resolve, reject) => {
      const run = { reject };
      this.generating = run;
      // Marked busy so that the camera lowers its frame rate while the model writes.
      trackBusy('llm', api.generate(messages, opts, Comlink.proxy(onToken)))
        .then(resolve, (e: unknown) => reject(new LlmError(llmErrorName(e) ?? 'LlmEngineError', errorMessage(e), { cause: e })))
        .finally(() => {
          if (this.generating === run) this.generating = null;
        });
    });
  }

  /** Stops the running generation (it resolves with finishReason 'abort'). */
  abort(): void {
    const run = this.generating;
    if (!run || !this.api) return;
    void this.api.abort();
    setTimeout(() => {
      if (this.generating !== run) return;
      // The engine did not stop: kill the worker so the app is never stuck behind it.
      this.terminate();
      run.reject(new LlmError('LlmEngineError', 'The model did not stop; it was shut down.'));
    }, this.abortGraceMs);
  }

  async unload(): Promise<void> {
    const api = this.api;
    this.loaded = null;
    if (api) await api.unload().catch(() => undefined);
  }

  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
    this.loaded = null;
    this.generating = null;
  }
}

/**
 * Main-thread client for the speech-to-text worker (workers/stt.ts). Never imports transformers.js:
 * only the worker's types cross this boundary.
 *
 * Cancelling: WASM inference cannot be interrupted, so aborting a call terminates the worker. Every
 * pending call then rejects with an AbortError; the next call recreates the worker lazily and, if a
 * model was loaded, loads it again before transcribing.
 */
import * as Comlink from 'comlink';
import type {
  SttApi,
  SttDevice,
  SttLoadOptions,
  SttLoadResult,
  SttProgress,
  SttProgressCallback,
  SttResult,
  SttTranscribeOptions,
} from '../../workers/stt';
import { DISFLUENCY_PROMPT } from '../../workers/stt/whisper';
import { trackBusy } from './worker-activity';

export type { SttDevice, SttLoadOptions, SttLoadResult, SttProgress, SttProgressCallback, SttResult, SttTranscribeOptions };
export { DISFLUENCY_PROMPT };

export const DEFAULT_STT_MODEL = 'Xenova/whisper-tiny';

export type SttLoadErrorKind = 'offline' | 'download' | 'unsupported' | 'unknown';

/** The model could not be loaded; `message` says what the user can do about it. */
export class SttLoadError extends Error {
  override readonly name = 'SttLoadError';
  constructor(
    readonly kind: SttLoadErrorKind,
    message: string,
    /** The underlying error message, for logs. */
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
}

/** Maps whatever the worker threw during load() to an actionable {@link SttLoadError}. */
export function classifySttLoadError(error: unknown, online: boolean = typeof navigator === 'undefined' ? true : navigator.onLine): SttLoadError {
  if (error instanceof SttLoadError) return error;
  const detail = errorText(error);
  const d = detail.toLowerCase();
  const network = /failed to fetch|networkerror|network error|load failed|err_internet|err_network|fetch failed/.test(d);
  const missing =
    /could not locate file|file was not found locally|local file missing|unauthorized access|forbidden access|error occurred while trying to load file|attempted to load a remote file|\b40[134]\b/.test(
      d,
    );
  const unsupported =
    /webassembly|wasm|sharedarraybuffer|out of memory|memory access out of bounds|no available backend|not supported|unsupported|worker/.test(
      d,
    );
  const opts = { cause: error };
  if (network && !online) {
    return new SttLoadError(
      'offline',
      'The speech recognition model is not on this device yet and you are offline. Connect to the internet once so it can be downloaded (about 41 MB), or answer by typing.',
      detail,
      opts,
    );
  }
  if (network || missing) {
    return new SttLoadError(
      'download',
      'The speech recognition model could not be downloaded. Check your connection and try again. If you host the models yourself, make sure they are served under /models/ (for local development run `npm run models:fetch`).',
      detail,
      opts,
    );
  }
  if (unsupported) {
    return new SttLoadError(
      'unsupported',
      'This browser cannot run speech recognition on the device (WebAssembly in a Web Worker is missing or out of memory). Answer by typing, or use a recent Chrome, Edge, Firefox or Safari on a device with more memory.',
      detail,
      opts,
    );
  }
  return new SttLoadError('unknown', `Speech recognition could not start (${detail}). Reload the page to try again, or answer by typing.`, detail, opts);
}

function abortError(message: string): DOMException {
  return new DOMException(message, 'AbortError');
}

export function isAbortError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}

export interface SttTranscribeCallOptions extends SttTranscribeOptions {
  /** Aborting terminates the worker: every pending call rejects with an AbortError. */
  signal?: AbortSignal;
  /** Transfer (detach) the caller's buffer instead of copying it (only when `pcm16k` spans its whole buffer). */
  transfer?: boolean;
}

export interface SttClientOptions {
  /** For tests: how to create the worker (for the device the model is loaded on). */
  createWorker?: (device: SttDevice) => Worker;
}

/**
 * WebGPU runs in its own worker build (workers/stt-gpu.ts, with ORT's WebGPU bundle and its 27 MB runtime);
 * WASM in the light one.
 */
const defaultWorker = (device: SttDevice): Worker =>
  device === 'webgpu'
    ? new Worker(new URL('../../workers/stt-gpu.ts', import.meta.url), { type: 'module', name: 'stt-gpu' })
    : new Worker(new URL('../../workers/stt.ts', import.meta.url), { type: 'module', name: 'stt' });

export class SttClient {
  private worker: Worker | null = null;
  private api: Comlink.Remote<SttApi> | null = null;
  /** Load on the current worker (null: none yet, or the worker was recreated). */
  private loading: Promise<SttLoadResult> | null = null;
  /** Last requested model, reloaded lazily after an abort. */
  private loadOpts: SttLoadOptions | null = null;
  private readonly pending = new Set<(reason: unknown) => void>();
  private disposed = false;
  private readonly createWorker: (device: SttDevice) => Worker;
  /** The device the current worker was built for. */
  private workerDevice: SttDevice = 'wasm';

  constructor(options: SttClientOptions = {}) {
    this.createWorker = options.createWorker ?? defaultWorker;
  }

  /** True once load() has been asked for (the model may still be loading). */
  get hasModel(): boolean {
    return this.loadOpts !== null;
  }

  /**
   * Loads (and warms up) the model in the worker. Concurrent calls share one load.
   * Rejects with {@link SttLoadError} (download failed / offline / unsupported) or an AbortError.
   */
  load(opts: SttLoadOptions, onProgress?: (p: SttProgress) => void, { signal }: { signal?: AbortSignal } = {}): Promise<SttLoadResult> {
    if (this.disposed) return Promise.reject(new Error('SttClient is disposed'));
    if (signal?.aborted) return Promise.reject(abortError('Speech model load was cancelled'));
    if (typeof Worker === 'undefined' || typeof WebAssembly === 'undefined') {
      return Promise.reject(classifySttLoadError(new Error('Web Workers or WebAssembly are not supported')));
    }
    const device = opts.device ?? 'wasm';
    // Another device needs the other worker build: swap workers (only between calls, never under one).
    if (this.worker && device !== this.workerDevice && this.pending.size === 0) this.terminate(abortError('Switching speech recognition device'));
    const api = this.ensureWorker(device);
    const same = this.loadOpts !== null && JSON.stringify(this.loadOpts) === JSON.stringify(opts);
    this.loadOpts = opts;
    let p: Promise<SttLoadResult>;
    if (same && this.loading && !onProgress) {
      p = this.loading;
    } else {
      // The worker memoises too: a second caller with a progress callback joins the running load.
      p = api.load(opts, onProgress ? Comlink.proxy(onProgress) : undefined).catch((e: unknown) => {
        if (isAbortError(e)) throw e;
        if (this.loading === p) this.loading = null;
        if (this.loadOpts === opts) this.loadOpts = null;
        throw classifySttLoadError(e);
      });
      this.loading = p;
    }
    return this.track(p, signal);
  }

  /**
   * Transcribes 16 kHz mono PCM. One inference runs at a time in the worker; partials are "latest wins"
   * (a superseded one resolves with `skipped: true`).
   */
  transcribe(pcm16k: Float32Array, opts: SttTranscribeCallOptions = {}): Promise<SttResult> {
    if (this.disposed) return Promise.reject(new Error('SttClient is disposed'));
    const { signal, transfer, ...workerOpts } = opts;
    if (signal?.aborted) return Promise.reject(abortError('Transcription was cancelled'));
    const api = this.ensureWorker(this.loadOpts?.device ?? this.workerDevice);
    // After an abort the worker is new: load the model again first.
    if (!this.loading && this.loadOpts) {
      const reloadOpts = this.loadOpts;
      const p: Promise<SttLoadResult> = api.load(reloadOpts).catch((e: unknown) => {
        if (isAbortError(e)) throw e;
        if (this.loading === p) this.loading = null;
        throw classifySttLoadError(e);
      });
      this.loading = p;
    }
    const loading = this.loading;
    const run = async (): Promise<SttResult> => {
      if (loading) await loading;
      // A view (e.g. subarray) would clone or detach its whole backing buffer: send a copy of just the
      // samples instead, moved rather than cloned.
      const whole = pcm16k.byteOffset === 0 && pcm16k.byteLength === pcm16k.buffer.byteLength && pcm16k.buffer instanceof ArrayBuffer;
      const data = transfer && whole ? pcm16k : pcm16k.slice();
      return api.transcribe(Comlink.transfer(data, [data.buffer]), workerOpts);
    };
    // Other workers (the camera) slow down while speech is being transcribed.
    return this.track(trackBusy('stt', run()), signal);
  }

  /** Frees the model in the worker (the worker stays up). */
  async unload(): Promise<void> {
    this.loadOpts = null;
    this.loading = null;
    if (this.api) await this.track(this.api.unload());
  }

  /**
   * Cancels everything: terminates the worker (WASM cannot be interrupted) and rejects every pending
   * call with an AbortError. The next call starts a fresh worker.
   */
  abort(reason?: unknown): void {
    const message = typeof reason === 'string' ? reason : 'Speech recognition was cancelled';
    this.terminate(abortError(message));
  }

  /** Terminates the worker for good; pending calls reject with an AbortError. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.loadOpts = null;
    this.terminate(abortError('Speech recognition was closed'));
  }

  private ensureWorker(device: SttDevice): Comlink.Remote<SttApi> {
    if (this.api) return this.api;
    const worker = this.createWorker(device);
    this.workerDevice = device;
    worker.addEventListener('error', (ev: ErrorEvent) => {
      // Script failed to load, or an uncaught error killed the worker's event loop.
      if (this.worker !== worker) return;
      ev.preventDefault?.();
      this.terminate(classifySttLoadError(new Error(ev.message || 'Speech recognition worker failed to start')));
    });
    this.worker = worker;
    this.api = Comlink.wrap<SttApi>(worker);
    this.loading = null;
    return this.api;
  }

  private terminate(reason: unknown): void {
    const worker = this.worker;
    this.worker = null;
    this.api = null; // no releaseProxy: the port is dead, its reply would never come
    this.loading = null;
    worker?.terminate();
    const rejects = [...this.pending];
    this.pending.clear();
    for (const reject of rejects) reject(reason);
  }

  /** Settles with `p`, or rejects early on abort/terminate. */
  private track<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => this.abort();
      const done = (): void => {
        this.pending.delete(fail);
        signal?.removeEventListener('abort', onAbort);
      };
      const fail = (reason: unknown): void => {
        done();
        reject(reason);
      };
      this.pending.add(fail);
      signal?.addEventListener('abort', onAbort, { once: true });
      p.then(
        (v) => {
          done();
          resolve(v);
        },
        (e: unknown) => {
          done();
          reject(e);
        },
      );
    });
  }
}

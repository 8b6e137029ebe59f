/**
 * Main-thread client for the vision worker (workers/vision.ts). Never imports MediaPipe: only the
 * worker's types cross this boundary. Frames are transferred (moved, not copied) to the worker, which
 * closes them after one detection.
 *
 * One frame is in flight at a time (the caller awaits detect()); abort = terminate the worker (WASM cannot
 * be interrupted), the next call starts a fresh one.
 */
import * as Comlink from 'comlink';
import type { FrameResult, VisionApi, VisionLoadOptions, VisionLoadResult } from '../../workers/vision';

export type { FrameResult, VisionLoadOptions, VisionLoadResult };

export type VisionErrorKind = 'permission' | 'no-camera' | 'camera-busy' | 'model' | 'unsupported' | 'unknown';

/** Anything that turns the camera off; `message` says what happened and what the candidate can do. */
export class VisionError extends Error {
  override readonly name = 'VisionError';
  constructor(
    readonly kind: VisionErrorKind,
    message: string,
    readonly detail: string = '',
  ) {
    super(message);
  }
}

function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
}

const AFTER = 'The interview goes on without camera cues.';

/** getUserMedia / worker / model errors → a {@link VisionError} the UI can show. */
export function classifyVisionError(error: unknown): VisionError {
  if (error instanceof VisionError) return error;
  const name = error && typeof error === 'object' && 'name' in error ? String((error as { name: unknown }).name) : '';
  const detail = errorText(error);
  const d = detail.toLowerCase();
  if (name === 'NotAllowedError' || name === 'SecurityError' || /permission denied/.test(d)) {
    return new VisionError('permission', `Camera access was denied. Allow the camera for this site in the browser's settings to use camera cues. ${AFTER}`, detail);
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || /requested device not found/.test(d)) {
    return new VisionError('no-camera', `No camera was found. Connect one and turn camera cues on again. ${AFTER}`, detail);
  }
  if (name === 'NotReadableError' || name === 'AbortError' && /video/.test(d)) {
    return new VisionError('camera-busy', `The camera could not be started: another app may be using it. ${AFTER}`, detail);
  }
  if (/model|download|ModelDownloadError|ModelIntegrityError|ModelStorageError|failed to fetch|networkerror|not downloaded/i.test(detail)) {
    return new VisionError('model', `The face model could not be loaded (${detail.replace(/^\w+Error: /, '')}). ${AFTER}`, detail);
  }
  if (/webassembly|wasm|worker|offscreencanvas|webgl|not supported/.test(d)) {
    return new VisionError('unsupported', `This browser cannot run the face model on the device. ${AFTER}`, detail);
  }
  return new VisionError('unknown', `Camera cues stopped (${detail}). ${AFTER}`, detail);
}

export interface VisionClientOptions {
  createWorker?: () => Worker;
}

const defaultWorker = (): Worker => new Worker(new URL('../../workers/vision.ts', import.meta.url), { type: 'module', name: 'vision' });

export class VisionClient {
  private worker: Worker | null = null;
  private api: Comlink.Remote<VisionApi> | null = null;
  private loading: Promise<VisionLoadResult> | null = null;
  private readonly pending = new Set<(e: unknown) => void>();
  private readonly createWorker: () => Worker;

  constructor(options: VisionClientOptions = {}) {
    this.createWorker = options.createWorker ?? defaultWorker;
  }

  /** Loads and warms up the face model (memoised). Rejects with a {@link VisionError}. */
  load(opts: VisionLoadOptions = {}): Promise<VisionLoadResult> {
    if (typeof Worker === 'undefined' || typeof WebAssembly === 'undefined' || typeof createImageBitmap === 'undefined') {
      return Promise.reject(classifyVisionError(new Error('Web Workers, WebAssembly or createImageBitmap are not supported')));
    }
    if (this.loading) return this.loading;
    const api = this.ensureWorker();
    const p = this.guard(api.load(opts)).catch((e: unknown) => {
      if (this.loading === p) this.loading = null;
      throw classifyVisionError(e);
    });
    this.loading = p;
    return p;
  }

  /** Analyses one frame; the bitmap is transferred (unusable here afterwards). */
  async detect(frame: ImageBitmap, t: number): Promise<FrameResult> {
    if (!this.loading) {
      frame.close();
      throw new VisionError('unknown', 'The face model is not loaded.');
    }
    await this.loading;
    const api = this.ensureWorker();
    return this.guard(api.detect(Comlink.transfer(frame, [frame]), t));
  }

  /** External requests the worker answered locally instead of sending (MediaPipe's usage statistics). */
  async blockedRequests(): Promise<string[]> {
    return this.api ? this.api.blockedRequests() : [];
  }

  /** Frees MediaPipe in the worker, then ends the worker. */
  async dispose(): Promise<void> {
    const api = this.api;
    if (api) {
      try {
        await Promise.race([api.unload(), new Promise((r) => setTimeout(r, 2000))]);
      } catch {
        /* the worker may already be gone */
      }
    }
    this.terminate(new VisionError('unknown', 'The camera was turned off.'));
  }

  private ensureWorker(): Comlink.Remote<VisionApi> {
    if (this.api) return this.api;
    const worker = this.createWorker();
    worker.addEventListener('error', (ev: ErrorEvent) => {
      if (this.worker !== worker) return;
      ev.preventDefault?.();
      this.terminate(classifyVisionError(new Error(`worker failed: ${ev.message || 'the vision worker could not start'}`)));
    });
    this.worker = worker;
    this.api = Comlink.wrap<VisionApi>(worker);
    return this.api;
  }

  private terminate(reason: unknown): void {
    const worker = this.worker;
    this.worker = null;
    this.api = null;
    this.loading = null;
    worker?.terminate();
    const rejects = [...this.pending];
    this.pending.clear();
    for (const reject of rejects) reject(reason);
  }

  /** Settles with `p`, or rejects if the worker dies first. */
  private guard<T>(p: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const fail = (e: unknown): void => {
        this.pending.delete(fail);
        reject(e);
      };
      this.pending.add(fail);
      p.then(
        (v) => {
          this.pending.delete(fail);
          resolve(v);
        },
        fail,
      );
    });
  }
}

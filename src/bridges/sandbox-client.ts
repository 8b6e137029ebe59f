/**
 * Main-thread client for the code sandbox worker (workers/sandbox.ts). Never imports QuickJS: only the
 * worker's API type and the plain RunRequest / RunResult data cross this boundary.
 *
 * - The worker is created lazily on the first run (or warmup) and reused.
 * - Runs are queued: one at a time, so each run's watchdog only measures its own run.
 * - Watchdog: without an answer within `deadlineMs × tests + 3 s` (or if the worker errors), the worker is
 *   terminated and the run resolves with `fatal: "The sandbox stopped responding and was restarted."`.
 *   A run never hangs and never rejects because of the candidate's code.
 * - After any `fatal` result the worker is dropped; the next run starts a fresh one.
 * - `signal` aborts one run (terminating the worker if it is running; rejects with an AbortError);
 *   `cancel()` stops whatever is running now (it resolves with `fatal: "The run was cancelled."`).
 */
import * as Comlink from 'comlink';
import type { SandboxApi } from '../../workers/sandbox';
import { DEFAULT_LIMITS } from '../coding/types';
import type { RunRequest, RunResult } from '../coding/types';

export type { SandboxApi };

/** Added to `deadlineMs × tests` before the watchdog gives up on the worker (module load, compile, copies). */
export const WATCHDOG_GRACE_MS = 3000;
/** Time allowed for warmup() (loading the QuickJS module) before the worker is restarted. */
export const WARMUP_TIMEOUT_MS = 30_000;
export const SANDBOX_STOPPED_MESSAGE = 'The sandbox stopped responding and was restarted.';
export const SANDBOX_CANCELLED_MESSAGE = 'The run was cancelled.';

/** How long a run may take before the worker is considered stuck. */
export function watchdogMs(req: RunRequest, graceMs: number = WATCHDOG_GRACE_MS): number {
  const d = req.limits?.deadlineMs;
  const deadline = typeof d === 'number' && Number.isFinite(d) && d > 0 ? d : DEFAULT_LIMITS.deadlineMs;
  const tests = Array.isArray(req.tests) ? req.tests.length : 0;
  return deadline * Math.max(1, tests) + graceMs;
}

/** A RunResult for a run the sandbox could not finish (no test results). */
export function fatalResult(req: RunRequest, message: string, ms = 0): RunResult {
  return { ok: false, fatal: message, results: [], passed: 0, total: Array.isArray(req.tests) ? req.tests.length : 0, ms: Math.round(ms) };
}

export function isAbortError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}

function abortError(): DOMException {
  return new DOMException('The run was aborted.', 'AbortError');
}

function errorText(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

export interface SandboxClientOptions {
  /** For tests: how to create the worker. */
  createWorker?: () => Worker;
  /** Default WATCHDOG_GRACE_MS. */
  graceMs?: number;
}

export interface SandboxRunOptions {
  signal?: AbortSignal;
}

const defaultWorker = (): Worker => new Worker(new URL('../../workers/sandbox.ts', import.meta.url), { type: 'module', name: 'sandbox' });

interface Live {
  worker: Worker;
  api: Comlink.Remote<SandboxApi>;
}

export class SandboxClient {
  private live: Live | null = null;
  /** Settles the run in progress with a fatal message (watchdog, worker error, cancel). */
  private stopActive: ((message: string) => void) | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly createWorker: () => Worker;
  private readonly graceMs: number;
  /** Workers created so far (for diagnostics and tests). */
  workersCreated = 0;

  constructor(options: SandboxClientOptions = {}) {
    this.createWorker = options.createWorker ?? defaultWorker;
    this.graceMs = options.graceMs ?? WATCHDOG_GRACE_MS;
  }

  /** Starts the worker and loads QuickJS ahead of the first run. Resolves with the module load time. */
  async warmup(): Promise<{ ms: number }> {
    const live = this.ensure();
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      return await Promise.race([
        live.api.warmup(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            this.recycle(live);
            reject(new Error('The code sandbox did not start in time.'));
          }, WARMUP_TIMEOUT_MS);
        }),
      ]);
    } catch (e) {
      this.recycle(live);
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Runs the tests; resolves with a RunResult in every case except an aborted `signal` (AbortError). */
  run(req: RunRequest, options: SandboxRunOptions = {}): Promise<RunResult> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(abortError());
    const previous = this.tail;
    const result = new Promise<RunResult>((resolve, reject) => {
      let done = false;
      let started = false;
      const onAbort = (): void => {
        if (done) return;
        done = true;
        if (started) this.stopActive?.(SANDBOX_CANCELLED_MESSAGE);
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const execution = previous.catch(() => undefined).then(async () => {
        if (done) return;
        started = true;
        const r = await this.execute(req);
        if (!done) {
          done = true;
          resolve(r);
        }
      });
      void execution.finally(() => signal?.removeEventListener('abort', onAbort));
      this.tail = execution;
    });
    return result;
  }

  /** Stops the run in progress (its promise resolves with a fatal "cancelled" result) and the worker. */
  cancel(): void {
    if (this.stopActive) this.stopActive(SANDBOX_CANCELLED_MESSAGE);
    else if (this.live) this.recycle(this.live);
  }

  /** Terminates the worker; a later run starts a new one. */
  dispose(): void {
    this.cancel();
  }

  private ensure(): Live {
    if (this.live) return this.live;
    const worker = this.createWorker();
    this.workersCreated++;
    const live: Live = { worker, api: Comlink.wrap<SandboxApi>(worker) };
    this.live = live;
    return live;
  }

  private recycle(live: Live): void {
    if (this.live === live) this.live = null;
    try {
      live.worker.terminate();
    } catch {
      // Already gone.
    }
  }

  /** One run on the current worker, under the watchdog. Always resolves. */
  private execute(req: RunRequest): Promise<RunResult> {
    const t0 = performance.now();
    let live: Live;
    try {
      live = this.ensure();
    } catch (e) {
      return Promise.resolve(fatalResult(req, `The code sandbox could not start (${errorText(e)}).`));
    }
    return new Promise<RunResult>((resolve) => {
      let settled = false;
      const finish = (r: RunResult, recycle: boolean): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        live.worker.removeEventListener('error', onError);
        live.worker.removeEventListener('messageerror', onError);
        this.stopActive = null;
        if (recycle) this.recycle(live);
        resolve(r);
      };
      const stop = (message: string): void => finish(fatalResult(req, message, performance.now() - t0), true);
      const onError = (ev: Event): void => {
        ev.preventDefault();
        stop(SANDBOX_STOPPED_MESSAGE);
      };
      const timer = setTimeout(() => stop(SANDBOX_STOPPED_MESSAGE), watchdogMs(req, this.graceMs));
      live.worker.addEventListener('error', onError);
      live.worker.addEventListener('messageerror', onError);
      this.stopActive = stop;
      live.api.run(req).then(
        (r) => finish(r, Boolean(r.fatal)),
        (e: unknown) => finish(fatalResult(req, `The sandbox failed (${errorText(e)}) and was restarted.`, performance.now() - t0), true),
      );
    });
  }
}

/**
 * Code sandbox worker: runs candidate code against hidden tests in QuickJS (WebAssembly) behind a Comlink API.
 * The main thread only imports the `SandboxApi` type from here (see src/bridges/sandbox-client.ts).
 *
 * - warmup(): loads the QuickJS module once (memoised) and reports how long that took.
 * - run(): one run at a time (it is synchronous once the module is loaded). TypeScript runs first load
 *   sucrase lazily (workers/sandbox/transpile.ts), so JavaScript-only sessions never download it.
 * - Never throws for the candidate's code: every problem is inside the RunResult. If the QuickJS module
 *   itself failed (`fatal`), the worker answers and then closes itself, and the client starts a new one.
 */
import * as Comlink from 'comlink';
import { newQuickJSWASMModuleFromVariant } from 'quickjs-emscripten-core';
import type { QuickJSWASMModule } from 'quickjs-emscripten-core';
import RELEASE_SYNC from '@jitl/quickjs-wasmfile-release-sync';
import type { RunRequest, RunResult } from '../src/coding/types';
import { createRunner } from './sandbox/runner';
import { reportWorkerRequests } from '../src/vision/network-log';
import type { Runner } from './sandbox/runner';
import type { TranspileTs } from './sandbox/transpile';

export interface SandboxApi {
  /** Loads the QuickJS module (first call only); `ms` is how long the load took. */
  warmup(): Promise<{ ms: number }>;
  run(req: RunRequest): Promise<RunResult>;
}

export interface SandboxApiOptions {
  /** Default: `newQuickJSWASMModuleFromVariant(RELEASE_SYNC)`. */
  loadModule?: () => Promise<QuickJSWASMModule>;
  /** Default: `import('./sandbox/transpile')` (sucrase), only when a TypeScript run arrives. */
  loadTranspiler?: () => Promise<TranspileTs>;
  /** Recycles the worker; called after the answer has been posted. Default: `self.close()`. */
  close?: () => void;
}

const defaultLoadModule = (): Promise<QuickJSWASMModule> => newQuickJSWASMModuleFromVariant(RELEASE_SYNC);
const defaultLoadTranspiler = async (): Promise<TranspileTs> => (await import('./sandbox/transpile')).transpileTs;

function errorText(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

export function createSandboxApi(options: SandboxApiOptions = {}): SandboxApi {
  const loadModule = options.loadModule ?? defaultLoadModule;
  const loadTranspiler = options.loadTranspiler ?? defaultLoadTranspiler;
  const close = options.close ?? (() => self.close());

  let loading: Promise<{ module: QuickJSWASMModule; ms: number }> | null = null;
  let transpiler: Promise<TranspileTs> | null = null;
  let runner: Runner | null = null;
  let runnerHasTs = false;
  let closing = false;

  const load = (): Promise<{ module: QuickJSWASMModule; ms: number }> =>
    (loading ??= (async () => {
      const t0 = performance.now();
      const module = await loadModule();
      return { module, ms: performance.now() - t0 };
    })());

  /** After the current answer has been posted (Comlink replies when the promise settles). */
  const scheduleClose = (): void => {
    if (closing) return;
    closing = true;
    setTimeout(close, 0);
  };

  return {
    async warmup() {
      const { ms } = await load();
      return { ms: Math.round(ms * 10) / 10 };
    },

    async run(req) {
      const t0 = performance.now();
      try {
        const { module } = await load();
        let transpileTs: TranspileTs | undefined;
        if (req.language === 'ts') transpileTs = await (transpiler ??= loadTranspiler());
        if (!runner || (transpileTs && !runnerHasTs)) {
          runner = createRunner(module, transpileTs ? { transpileTs } : {});
          runnerHasTs = transpileTs !== undefined;
        }
        const result = runner.run(req);
        if (result.fatal || runner.broken) scheduleClose();
        return result;
      } catch (e) {
        scheduleClose();
        return {
          ok: false,
          fatal: `The code sandbox failed (${errorText(e)}) and will restart for the next run.`,
          results: [],
          passed: 0,
          total: Array.isArray(req?.tests) ? req.tests.length : 0,
          ms: Math.round(performance.now() - t0),
        };
      }
    },
  };
}

const scope = globalThis as { WorkerGlobalScope?: abstract new () => unknown };
if (typeof scope.WorkerGlobalScope === 'function' && globalThis instanceof scope.WorkerGlobalScope) {
  Comlink.expose(createSandboxApi());
  reportWorkerRequests('sandbox'); // for the privacy receipt
}

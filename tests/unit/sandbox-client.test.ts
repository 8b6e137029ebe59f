/**
 * The sandbox client (src/bridges/sandbox-client.ts): the watchdog against a worker that never answers or
 * errors (fake timers), abort/cancel, recreating the worker after a fatal result, and a full round trip
 * through Comlink to the real worker API (workers/sandbox.ts) over a MessageChannel, with QuickJS in Node.
 */
import { describe, it, expect, vi, afterEach } from 'vitest';
import { MessageChannel } from 'node:worker_threads';
import * as Comlink from 'comlink';
import { newQuickJSWASMModuleFromVariant } from 'quickjs-emscripten-core';
import type { QuickJSWASMModule } from 'quickjs-emscripten-core';
import RELEASE_SYNC from '@jitl/quickjs-wasmfile-release-sync';
import {
  SandboxClient,
  SANDBOX_CANCELLED_MESSAGE,
  SANDBOX_STOPPED_MESSAGE,
  WATCHDOG_GRACE_MS,
  isAbortError,
  watchdogMs,
} from '../../src/bridges/sandbox-client';
import { createSandboxApi } from '../../workers/sandbox';
import type { SandboxApiOptions } from '../../workers/sandbox';
import { transpileTs } from '../../workers/sandbox/transpile';
import type { RunRequest } from '../../src/coding/types';

/** A Worker that accepts messages and never answers. */
class SilentWorker extends EventTarget {
  posted: unknown[] = [];
  terminated = false;
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
}

/** A "worker" that is really the sandbox API exposed over a MessageChannel in this process. */
class ChannelWorker extends EventTarget {
  private readonly channel = new MessageChannel();
  terminated = false;
  constructor(options: SandboxApiOptions) {
    super();
    Comlink.expose(createSandboxApi(options), this.channel.port2 as unknown as Comlink.Endpoint);
    this.channel.port1.on('message', (data: unknown) => this.dispatchEvent(new MessageEvent('message', { data })));
  }
  postMessage(message: unknown, transfer?: Transferable[]): void {
    if (!this.terminated) this.channel.port1.postMessage(message, transfer as never);
  }
  terminate(): void {
    this.terminated = true;
    this.channel.port1.close();
  }
}

const asWorker = (w: EventTarget): Worker => w as unknown as Worker;

const request = (code: string, extra: Partial<RunRequest> = {}): RunRequest => ({
  code,
  language: 'js',
  entry: 'solve',
  tests: [
    { input: [1, 2], expected: 3 },
    { input: [5, 5], expected: 10 },
  ],
  compare: 'exact',
  ...extra,
});

const GOOD = 'function solve(a, b) { return a + b; }';

let quickjs: QuickJSWASMModule | null = null;
const loadModule = async (): Promise<QuickJSWASMModule> => (quickjs ??= await newQuickJSWASMModuleFromVariant(RELEASE_SYNC));

afterEach(() => {
  vi.useRealTimers();
});

describe('watchdogMs', () => {
  it('is deadlineMs × tests + 3 s', () => {
    expect(WATCHDOG_GRACE_MS).toBe(3000);
    expect(watchdogMs(request(GOOD))).toBe(2000 * 2 + 3000);
    expect(watchdogMs(request(GOOD, { limits: { deadlineMs: 500 } }))).toBe(500 * 2 + 3000);
    expect(watchdogMs(request(GOOD, { tests: [] }))).toBe(2000 + 3000);
  });
});

describe('watchdog (fake timers)', () => {
  it('resolves with a fatal result when the worker never answers, then starts a new worker', async () => {
    vi.useFakeTimers();
    const workers: SilentWorker[] = [];
    const client = new SandboxClient({
      createWorker: () => {
        const w = new SilentWorker();
        workers.push(w);
        return asWorker(w);
      },
    });
    const req = request(GOOD);
    let settled = false;
    const pending = client.run(req).then((r) => {
      settled = true;
      return r;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(workers).toHaveLength(1);
    expect(workers[0]?.posted.length).toBeGreaterThan(0);

    await vi.advanceTimersByTimeAsync(watchdogMs(req) - 1);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const r = await pending;
    expect(r).toEqual({ ok: false, fatal: SANDBOX_STOPPED_MESSAGE, results: [], passed: 0, total: 2, ms: expect.any(Number) });
    expect(workers[0]?.terminated).toBe(true);

    // The next run gets a new worker (which also times out here).
    const again = client.run(request(GOOD, { limits: { deadlineMs: 100 } }));
    await vi.advanceTimersByTimeAsync(0);
    expect(workers).toHaveLength(2);
    expect(workers[1]?.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(100 * 2 + 3000);
    expect((await again).fatal).toBe(SANDBOX_STOPPED_MESSAGE);
    expect(client.workersCreated).toBe(2);
  });

  it('resolves with a fatal result when the worker errors, and recreates it', async () => {
    vi.useFakeTimers();
    const workers: SilentWorker[] = [];
    const client = new SandboxClient({
      createWorker: () => {
        const w = new SilentWorker();
        workers.push(w);
        return asWorker(w);
      },
    });
    const pending = client.run(request(GOOD));
    await vi.advanceTimersByTimeAsync(10);
    workers[0]?.dispatchEvent(new Event('error', { cancelable: true }));
    const r = await pending;
    expect(r.fatal).toBe(SANDBOX_STOPPED_MESSAGE);
    expect(workers[0]?.terminated).toBe(true);
    void client.run(request(GOOD));
    await vi.advanceTimersByTimeAsync(0);
    expect(workers).toHaveLength(2);
  });

  it('queues runs: the second run waits for the first and has its own watchdog', async () => {
    vi.useFakeTimers();
    const client = new SandboxClient({ createWorker: () => asWorker(new SilentWorker()) });
    const req = request(GOOD, { limits: { deadlineMs: 1000 } });
    const first = client.run(req);
    let secondDone = false;
    const second = client.run(req).then((r) => {
      secondDone = true;
      return r;
    });
    await vi.advanceTimersByTimeAsync(watchdogMs(req));
    expect((await first).fatal).toBe(SANDBOX_STOPPED_MESSAGE);
    expect(secondDone).toBe(false);
    await vi.advanceTimersByTimeAsync(watchdogMs(req));
    expect((await second).fatal).toBe(SANDBOX_STOPPED_MESSAGE);
    expect(client.workersCreated).toBe(2);
  });

  it('an aborted signal rejects with an AbortError and terminates the worker', async () => {
    vi.useFakeTimers();
    const workers: SilentWorker[] = [];
    const client = new SandboxClient({
      createWorker: () => {
        const w = new SilentWorker();
        workers.push(w);
        return asWorker(w);
      },
    });
    const ctrl = new AbortController();
    const pending = client.run(request(GOOD), { signal: ctrl.signal });
    await vi.advanceTimersByTimeAsync(100);
    ctrl.abort();
    await expect(pending).rejects.toSatisfy(isAbortError);
    expect(workers[0]?.terminated).toBe(true);
    // Already aborted: rejected at once, no worker started.
    await expect(client.run(request(GOOD), { signal: ctrl.signal })).rejects.toSatisfy(isAbortError);
    expect(workers).toHaveLength(1);
  });

  it('cancel() resolves the running run with a cancelled result', async () => {
    vi.useFakeTimers();
    const workers: SilentWorker[] = [];
    const client = new SandboxClient({
      createWorker: () => {
        const w = new SilentWorker();
        workers.push(w);
        return asWorker(w);
      },
    });
    const pending = client.run(request(GOOD));
    await vi.advanceTimersByTimeAsync(100);
    client.cancel();
    expect((await pending).fatal).toBe(SANDBOX_CANCELLED_MESSAGE);
    expect(workers[0]?.terminated).toBe(true);
  });
});

describe('through Comlink to the real worker API', () => {
  it('runs tests and returns plain RunResult data', async () => {
    const client = new SandboxClient({ createWorker: () => asWorker(new ChannelWorker({ loadModule, close: () => {} })) });
    const warm = await client.warmup();
    expect(warm.ms).toBeGreaterThanOrEqual(0);
    const r = await client.run(request(GOOD));
    expect(r.ok).toBe(true);
    expect(r.passed).toBe(2);
    const failing = await client.run(request('function solve(a, b) { console.log(a, b); return [a - b, undefined]; }'));
    expect(failing.passed).toBe(0);
    expect(failing.results[0]).toMatchObject({ actual: [-1, 'undefined'], console: ['1 2'] });
    expect(client.workersCreated).toBe(1);
    client.dispose();
  });

  it('loads the TypeScript transpiler lazily, only for TypeScript runs', async () => {
    const loadTranspiler = vi.fn(async () => transpileTs);
    const client = new SandboxClient({ createWorker: () => asWorker(new ChannelWorker({ loadModule, loadTranspiler, close: () => {} })) });
    expect((await client.run(request(GOOD))).passed).toBe(2);
    expect(loadTranspiler).not.toHaveBeenCalled();
    const ts = await client.run(request('function solve(a: number, b: number): number { return a + b; }', { language: 'ts' }));
    expect(ts.passed).toBe(2);
    expect((await client.run(request('const solve = (a: number, b: number): number => a + b;', { language: 'ts' }))).passed).toBe(2);
    expect(loadTranspiler).toHaveBeenCalledTimes(1);
    client.dispose();
  });

  it('after a fatal result the worker closes itself and the client starts a new one', async () => {
    const real = await loadModule();
    const crashing = new Proxy(real, {
      get(target, key) {
        if (key === 'newRuntime') {
          return () => {
            throw new Error('wasm trap');
          };
        }
        const v: unknown = Reflect.get(target, key);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const closed = vi.fn();
    const modules = [crashing, real];
    const client = new SandboxClient({
      createWorker: () => {
        const module = modules.shift() ?? real;
        return asWorker(new ChannelWorker({ loadModule: async () => module, close: closed }));
      },
    });
    const first = await client.run(request(GOOD));
    expect(first.ok).toBe(false);
    expect(first.fatal).toMatch(/The sandbox crashed \(Error: wasm trap\)/);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(closed).toHaveBeenCalledTimes(1);
    const second = await client.run(request(GOOD));
    expect(second.passed).toBe(2);
    expect(client.workersCreated).toBe(2);
    client.dispose();
  });

  it('a module that cannot load gives a fatal result, not a rejection', async () => {
    const close = vi.fn();
    const client = new SandboxClient({
      createWorker: () => asWorker(new ChannelWorker({ loadModule: () => Promise.reject(new Error('wasm fetch failed')), close })),
    });
    const r = await client.run(request(GOOD));
    expect(r.fatal).toMatch(/The code sandbox failed \(Error: wasm fetch failed\)/);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(close).toHaveBeenCalled();
    client.dispose();
  });
});

/**
 * The engine-selection table (src/llm/select-engine.ts) over a matrix of device capabilities and user
 * overrides, with the real LLM catalogue; and the capability probe (src/llm/capabilities.ts) against fake
 * navigator environments (adapters, limits, a rejecting or hanging requestAdapter).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chooseEngine, cpuFit, webLlmFit, type InterviewerPreference } from '../../src/llm/select-engine';
import { probeCapabilities, type DeviceCapabilities, type ProbeEnv } from '../../src/llm/capabilities';
import { entriesOfKind, getEntry, type CatalogueEntry } from '../../src/models/catalogue';

const ENTRIES = entriesOfKind('llm', true);
const USER_ENTRIES = entriesOfKind('llm');
const entry = (id: string): CatalogueEntry => {
  const e = getEntry(id);
  if (!e) throw new Error(id);
  return e;
};
const LLAMA = entry('llama-3.2-1b-webllm');
const QWEN15 = entry('qwen2.5-1.5b-webllm');
const SMOL = entry('smollm2-360m-cpu');
const TINY = entry('tiny-random-llama');

/** A desktop with a discrete GPU. */
const HW: DeviceCapabilities = {
  gpu: 'hardware',
  adapter: 'nvidia ampere',
  shaderF16: true,
  maxBufferMB: 4096,
  maxStorageBufferBindingMB: 2048,
  deviceMemoryGB: 8,
  freeStorageMB: 50_000,
  wasm: true,
  crossOriginIsolated: true,
  cores: 8,
};
const caps = (over: Partial<DeviceCapabilities> = {}): DeviceCapabilities => ({ ...HW, ...over });
/** Chromium with --enable-unsafe-webgpu on a machine without a GPU: SwiftShader, no shader-f16. */
const SWIFTSHADER = caps({ gpu: 'fallback', adapter: 'google swiftshader', shaderF16: false, maxBufferMB: 256, maxStorageBufferBindingMB: 128 });
const NO_WEBGPU = caps({ gpu: 'none', adapter: '', shaderF16: false, maxBufferMB: 0, maxStorageBufferBindingMB: 0 });

describe('the catalogue the table is tested with', () => {
  it('has the web-llm and CPU entries with the numbers the thresholds below rely on', () => {
    expect(LLAMA.default).toBe(true);
    expect(SMOL.default).toBe(true);
    expect(TINY.testOnly).toBe(true);
    expect(USER_ENTRIES.map((e) => e.id)).not.toContain('tiny-random-llama');
    expect(LLAMA.llm?.webllm?.vramMB.f16).toBeLessThan(1024); // + 1 GB headroom fits in 2 GB
    expect(LLAMA.llm?.webllm?.vramMB.f32).toBeGreaterThan(1024); // + 1 GB headroom does not
    expect(SMOL.memoryMB + 1024).toBeLessThanOrEqual(2048);
    expect(LLAMA.llm?.webllm?.downloadMB).toBe(700);
  });
});

describe('chooseEngine: auto', () => {
  it('hardware WebGPU with shader-f16 → web-llm, the q4f16 variant of the default model', () => {
    const c = chooseEngine(HW, USER_ENTRIES, 'auto');
    expect(c).toMatchObject({ kind: 'webllm', entry: LLAMA, model: 'Llama-3.2-1B-Instruct-q4f16_1-MLC', variant: 'q4f16', memoryMB: Math.round(LLAMA.llm!.webllm!.vramMB.f16) });
    expect(c.reason).toContain('WebGPU on nvidia ampere');
    expect(c.reason).toContain('16-bit shaders');
  });

  it('hardware WebGPU without shader-f16 → web-llm, the q4f32 variant', () => {
    const c = chooseEngine(caps({ shaderF16: false }), USER_ENTRIES, 'auto');
    expect(c).toMatchObject({ kind: 'webllm', model: 'Llama-3.2-1B-Instruct-q4f32_1-MLC', variant: 'q4f32', memoryMB: Math.round(LLAMA.llm!.webllm!.vramMB.f32) });
    expect(c.reason).toMatch(/no 16-bit shaders: 32-bit variant/);
  });

  it('no WebGPU → the CPU model (transformers.js), with the reason', () => {
    const c = chooseEngine(NO_WEBGPU, USER_ENTRIES, 'auto');
    expect(c).toMatchObject({ kind: 'transformers', entry: SMOL, model: SMOL.localPath, variant: null, memoryMB: SMOL.memoryMB });
    expect(c.reason).toMatch(/Not on WebGPU: this browser has no WebGPU adapter/);
    expect(c.reason).toMatch(/on the CPU \(WebAssembly, 4 threads\)/);
  });

  it('SwiftShader (a software fallback adapter, no shader-f16) is never used for web-llm: CPU model', () => {
    const c = chooseEngine(SWIFTSHADER, USER_ENTRIES, 'auto');
    expect(c.kind).toBe('transformers');
    expect(c.reason).toMatch(/software one \(google swiftshader\)/);
  });

  it('GPU storage buffers under 128 MB → not web-llm', () => {
    const c = chooseEngine(caps({ maxStorageBufferBindingMB: 127 }), USER_ENTRIES, 'auto');
    expect(c.kind).toBe('transformers');
    expect(c.reason).toMatch(/storage buffers are too small \(127 MB < 128 MB\)/);
    expect(chooseEngine(caps({ maxStorageBufferBindingMB: 128 }), USER_ENTRIES, 'auto').kind).toBe('webllm');
  });

  it('device memory: 2 GB fits the f16 model (with 1 GB headroom) but not the f32 one; the CPU model then fits', () => {
    expect(chooseEngine(caps({ deviceMemoryGB: 2 }), USER_ENTRIES, 'auto')).toMatchObject({ kind: 'webllm', variant: 'q4f16' });
    const f32 = chooseEngine(caps({ deviceMemoryGB: 2, shaderF16: false }), USER_ENTRIES, 'auto');
    expect(f32.kind).toBe('transformers');
    expect(f32.reason).toMatch(/reports 2 GB of memory/);
  });

  it('small device memory (1 GB) → nothing fits: scripted, with both reasons', () => {
    const c = chooseEngine(caps({ deviceMemoryGB: 1 }), USER_ENTRIES, 'auto');
    expect(c).toEqual({ kind: 'scripted', entry: null, model: null, variant: null, memoryMB: 0, reason: expect.any(String) });
    expect(c.reason).toMatch(/Not on WebGPU: the device reports 1 GB/);
    expect(c.reason).toMatch(/Not on the CPU: the device reports 1 GB/);
    expect(c.reason).toMatch(/Using the scripted interviewer/);
  });

  it('unknown device memory (Firefox, Safari) is not held against the device', () => {
    expect(chooseEngine(caps({ deviceMemoryGB: null }), USER_ENTRIES, 'auto').kind).toBe('webllm');
    expect(chooseEngine({ ...NO_WEBGPU, deviceMemoryGB: null }, USER_ENTRIES, 'auto').kind).toBe('transformers');
  });

  it('low free storage: under the download (+20 %) → not web-llm; under 1 GB → not the CPU model either', () => {
    expect(chooseEngine(caps({ freeStorageMB: 840 }), USER_ENTRIES, 'auto').kind).toBe('webllm'); // 700 MB × 1.2
    const c = chooseEngine(caps({ freeStorageMB: 839 }), USER_ENTRIES, 'auto');
    expect(c.kind).toBe('scripted');
    expect(c.reason).toMatch(/not enough free storage for the 700 MB download/);
    expect(c.reason).toMatch(/only 839 MB of storage is free/);
    expect(chooseEngine({ ...NO_WEBGPU, freeStorageMB: 1024 }, USER_ENTRIES, 'auto').kind).toBe('transformers');
    expect(chooseEngine({ ...NO_WEBGPU, freeStorageMB: 1023 }, USER_ENTRIES, 'auto').kind).toBe('scripted');
    // Unknown free storage is not held against the device.
    expect(chooseEngine(caps({ freeStorageMB: null }), USER_ENTRIES, 'auto').kind).toBe('webllm');
  });

  it('no WebAssembly in workers and no WebGPU → scripted', () => {
    const c = chooseEngine({ ...NO_WEBGPU, wasm: false }, USER_ENTRIES, 'auto');
    expect(c.kind).toBe('scripted');
    expect(c.reason).toMatch(/cannot run WebAssembly in a worker/);
  });

  it('no WebAssembly does not matter for web-llm on a hardware GPU', () => {
    expect(chooseEngine(caps({ wasm: false }), USER_ENTRIES, 'auto').kind).toBe('webllm');
  });

  it('not cross-origin isolated: the CPU model runs on one thread (said in the reason)', () => {
    const c = chooseEngine({ ...NO_WEBGPU, crossOriginIsolated: false }, USER_ENTRIES, 'auto');
    expect(c.kind).toBe('transformers');
    expect(c.reason).toMatch(/WebAssembly, 1 thread/);
    expect(chooseEngine({ ...NO_WEBGPU, cores: 2 }, USER_ENTRIES, 'auto').reason).toMatch(/2 threads/);
  });

  it('no LLM entries at all → scripted', () => {
    expect(chooseEngine(HW, [], 'auto')).toMatchObject({ kind: 'scripted', entry: null });
  });

  it('a full matrix: the choice is always one the table allows, and "auto" never picks an unfit engine', () => {
    const gpus: Partial<DeviceCapabilities>[] = [{}, { shaderF16: false }, { ...SWIFTSHADER }, { ...NO_WEBGPU }, { maxStorageBufferBindingMB: 64 }];
    const memories = [null, 1, 2, 4, 8];
    const storages = [null, 500, 900, 2000];
    let n = 0;
    for (const g of gpus) {
      for (const deviceMemoryGB of memories) {
        for (const freeStorageMB of storages) {
          for (const wasm of [true, false]) {
            const c0 = caps({ ...g, deviceMemoryGB, freeStorageMB, wasm });
            const c = chooseEngine(c0, USER_ENTRIES, 'auto');
            const webOk = webLlmFit(c0, LLAMA).ok;
            const cpuOk = cpuFit(c0, SMOL).ok;
            const expected = webOk ? 'webllm' : cpuOk ? 'transformers' : 'scripted';
            expect(c.kind, JSON.stringify(c0)).toBe(expected);
            if (c.kind === 'webllm') expect(c.model).toBe(c0.shaderF16 ? LLAMA.llm!.webllm!.f16 : LLAMA.llm!.webllm!.f32);
            expect(c.reason.length).toBeGreaterThan(10);
            n++;
          }
        }
      }
    }
    expect(n).toBe(200);
  });
});

describe('chooseEngine: user overrides', () => {
  it('"scripted" always gives the scripted interviewer, even on the best device', () => {
    expect(chooseEngine(HW, USER_ENTRIES, 'scripted')).toEqual({
      kind: 'scripted',
      entry: null,
      model: null,
      variant: null,
      memoryMB: 0,
      reason: 'You chose the scripted interviewer (no AI model).',
    });
  });

  it('"transformers" on a WebGPU device gives the CPU model', () => {
    const c = chooseEngine(HW, USER_ENTRIES, 'transformers');
    expect(c).toMatchObject({ kind: 'transformers', entry: SMOL });
    expect(c.reason).not.toMatch(/WebGPU/);
  });

  it('"transformers" on a device too small for it is honoured, with a warning in the reason', () => {
    const c = chooseEngine(caps({ deviceMemoryGB: 1 }), USER_ENTRIES, 'transformers');
    expect(c.kind).toBe('transformers');
    expect(c.reason).toMatch(/on the CPU as you chose, although the device reports 1 GB/);
    expect(c.reason).toMatch(/falls back if it cannot load/);
  });

  it('"webllm" on a fit device gives web-llm', () => {
    expect(chooseEngine(HW, USER_ENTRIES, 'webllm')).toMatchObject({ kind: 'webllm', variant: 'q4f16' });
  });

  it('forcing "webllm" on an unfit device (SwiftShader) is honoured with the 32-bit variant and a warning', () => {
    const c = chooseEngine(SWIFTSHADER, USER_ENTRIES, 'webllm');
    expect(c).toMatchObject({ kind: 'webllm', entry: LLAMA, model: 'Llama-3.2-1B-Instruct-q4f32_1-MLC', variant: 'q4f32' });
    expect(c.reason).toMatch(/on WebGPU as you chose, although the only WebGPU adapter is a software one/);
    expect(c.reason).toMatch(/falls back if it cannot load/);
  });

  it('forcing "webllm" on a device with too little memory is honoured too', () => {
    expect(chooseEngine(caps({ deviceMemoryGB: 1 }), USER_ENTRIES, 'webllm')).toMatchObject({ kind: 'webllm' });
  });

  it('"webllm" with no web-llm model in the list falls down to the CPU model, then scripted', () => {
    const cpuOnly = USER_ENTRIES.filter((e) => e.llm?.engine === 'transformers');
    expect(chooseEngine(HW, cpuOnly, 'webllm')).toMatchObject({ kind: 'transformers', entry: SMOL });
    expect(chooseEngine(HW, [], 'webllm').kind).toBe('scripted');
    expect(chooseEngine(HW, USER_ENTRIES.filter((e) => e.llm?.engine === 'webllm'), 'transformers').kind).toBe('scripted');
  });

  // Regression: "a user override is honoured when it can run at all; otherwise the choice falls back down
  // the table" — a forced engine used to be returned even when it could not run at all.
  it('forcing "webllm" without any WebGPU adapter falls down the table (it cannot run at all)', () => {
    expect(chooseEngine(NO_WEBGPU, USER_ENTRIES, 'webllm').kind).toBe('transformers');
  });
  it('forcing "transformers" without WebAssembly falls back to scripted (it cannot run at all)', () => {
    expect(chooseEngine({ ...NO_WEBGPU, wasm: false }, USER_ENTRIES, 'transformers').kind).toBe('scripted');
  });

  it('every preference on every device class gives a choice with a reason; "scripted" is always scripted', () => {
    const prefs: InterviewerPreference[] = ['auto', 'webllm', 'transformers', 'scripted'];
    for (const c0 of [HW, caps({ shaderF16: false }), SWIFTSHADER, NO_WEBGPU, caps({ deviceMemoryGB: 1, freeStorageMB: 100 })]) {
      for (const p of prefs) {
        const c = chooseEngine(c0, USER_ENTRIES, p);
        expect(c.reason.length).toBeGreaterThan(10);
        if (p === 'scripted') expect(c.kind).toBe('scripted');
        if (p === 'transformers') expect(c.kind).toBe('transformers');
        if (c.kind === 'scripted') expect(c).toMatchObject({ entry: null, model: null, variant: null, memoryMB: 0 });
        else expect(c.entry?.llm?.engine).toBe(c.kind);
      }
    }
  });
});

describe('chooseEngine: preferredModel', () => {
  it('the preferred web-llm model is used, with the variant the adapter supports', () => {
    expect(chooseEngine(HW, USER_ENTRIES, 'auto', 'qwen2.5-1.5b-webllm')).toMatchObject({ kind: 'webllm', entry: QWEN15, model: 'Qwen2.5-1.5B-Instruct-q4f16_1-MLC' });
    expect(chooseEngine(caps({ shaderF16: false }), USER_ENTRIES, 'webllm', 'qwen2.5-1.5b-webllm')).toMatchObject({ model: 'Qwen2.5-1.5B-Instruct-q4f32_1-MLC' });
  });

  it("the preferred model's own memory need decides whether it fits", () => {
    // 1.5B f16 needs ~1630 MB + 1 GB headroom: 2 GB is not enough, where the default 1B fits.
    const c = chooseEngine(caps({ deviceMemoryGB: 2 }), USER_ENTRIES, 'auto', 'qwen2.5-1.5b-webllm');
    expect(c.kind).toBe('transformers');
    expect(c.reason).toMatch(/Qwen2.5 1.5B Instruct/);
  });

  it('the preferred CPU model is used when the CPU engine is chosen', () => {
    expect(chooseEngine(NO_WEBGPU, USER_ENTRIES, 'auto', 'qwen2.5-0.5b-cpu')).toMatchObject({ kind: 'transformers', entry: entry('qwen2.5-0.5b-cpu'), model: 'onnx-community/Qwen2.5-0.5B-Instruct' });
  });

  it('a test-only model is chosen only by id, never by default', () => {
    expect(chooseEngine(NO_WEBGPU, ENTRIES, 'transformers').entry).toBe(SMOL);
    expect(chooseEngine(NO_WEBGPU, ENTRIES, 'transformers', 'tiny-random-llama')).toMatchObject({ kind: 'transformers', entry: TINY, model: 'test/tiny-random-llama', memoryMB: 50 });
  });

  it('an unknown preferred id falls back to the default model', () => {
    expect(chooseEngine(HW, USER_ENTRIES, 'auto', 'no-such-model').entry).toBe(LLAMA);
  });
});

// ---------------------------------------------------------------------------------------------
// probeCapabilities

const MiB = 1024 * 1024;

function adapter(over: { features?: string[]; limits?: Record<string, number>; info?: Record<string, unknown>; isFallbackAdapter?: boolean } = {}) {
  const features = new Set(over.features ?? ['shader-f16']);
  return {
    features: { has: (f: string) => features.has(f) },
    limits: over.limits ?? { maxBufferSize: 4096 * MiB, maxStorageBufferBindingSize: 2048 * MiB },
    ...(over.info !== undefined ? { info: over.info } : { info: { vendor: 'nvidia', architecture: 'ampere', isFallbackAdapter: false } }),
    ...(over.isFallbackAdapter !== undefined ? { isFallbackAdapter: over.isFallbackAdapter } : {}),
  };
}

function env(over: Partial<ProbeEnv> = {}): ProbeEnv {
  return {
    gpu: { requestAdapter: async () => adapter() },
    deviceMemory: 8,
    storage: { estimate: async () => ({ quota: 60_000 * MiB, usage: 10_000 * MiB }) },
    hardwareConcurrency: 8,
    crossOriginIsolated: true,
    wasm: true,
    ...over,
  };
}

describe('probeCapabilities', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a hardware adapter with shader-f16: its name, features and limits in MB', async () => {
    const c = await probeCapabilities(env());
    expect(c).toEqual({
      gpu: 'hardware',
      adapter: 'nvidia ampere',
      shaderF16: true,
      maxBufferMB: 4096,
      maxStorageBufferBindingMB: 2048,
      deviceMemoryGB: 8,
      freeStorageMB: 50_000,
      wasm: true,
      crossOriginIsolated: true,
      cores: 8,
    });
    expect(chooseEngine(c, USER_ENTRIES, 'auto').kind).toBe('webllm');
  });

  it('asks for the high-performance adapter', async () => {
    const requestAdapter = vi.fn(async () => adapter());
    await probeCapabilities(env({ gpu: { requestAdapter } }));
    expect(requestAdapter).toHaveBeenCalledWith({ powerPreference: 'high-performance' });
  });

  it('SwiftShader: info.isFallbackAdapter → "fallback", no shader-f16, 128 MB bindings', async () => {
    const swift = adapter({
      features: [],
      limits: { maxBufferSize: 256 * MiB, maxStorageBufferBindingSize: 128 * MiB },
      info: { vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader Device (Subzero)', isFallbackAdapter: true },
    });
    const c = await probeCapabilities(env({ gpu: { requestAdapter: async () => swift } }));
    expect(c).toMatchObject({ gpu: 'fallback', adapter: 'google swiftshader', shaderF16: false, maxStorageBufferBindingMB: 128 });
    const choice = chooseEngine(c, USER_ENTRIES, 'auto');
    expect(choice.kind).toBe('transformers');
    expect(chooseEngine(c, USER_ENTRIES, 'webllm')).toMatchObject({ kind: 'webllm', variant: 'q4f32' });
  });

  it('the older adapter.isFallbackAdapter flag also marks a software adapter', async () => {
    const old = adapter({ info: { vendor: 'google', architecture: '' }, isFallbackAdapter: true });
    expect((await probeCapabilities(env({ gpu: { requestAdapter: async () => old } }))).gpu).toBe('fallback');
  });

  it('the description is used when there is no architecture; no info at all reads "unknown adapter"', async () => {
    const a = adapter({ info: { vendor: 'apple', description: 'Apple M2' } });
    expect((await probeCapabilities(env({ gpu: { requestAdapter: async () => a } }))).adapter).toBe('apple Apple M2');
    const bare = { features: { has: () => false }, limits: {} };
    const c = await probeCapabilities(env({ gpu: { requestAdapter: async () => bare } }));
    expect(c).toMatchObject({ gpu: 'hardware', adapter: 'unknown adapter', shaderF16: false, maxBufferMB: 0, maxStorageBufferBindingMB: 0 });
    // Without limits the table does not use web-llm.
    expect(chooseEngine(c, USER_ENTRIES, 'auto').kind).toBe('transformers');
  });

  it('no navigator.gpu → "none"', async () => {
    const c = await probeCapabilities(env({ gpu: undefined }));
    expect(c).toMatchObject({ gpu: 'none', adapter: '', shaderF16: false, maxBufferMB: 0, maxStorageBufferBindingMB: 0 });
  });

  it('requestAdapter resolving null (WebGPU disabled or blocklisted) → "none"', async () => {
    expect((await probeCapabilities(env({ gpu: { requestAdapter: async () => null } }))).gpu).toBe('none');
  });

  it('requestAdapter rejecting → "none", and the probe does not throw', async () => {
    const c = await probeCapabilities(env({ gpu: { requestAdapter: () => Promise.reject(new Error('GPU process crashed')) } }));
    expect(c.gpu).toBe('none');
    expect(c.freeStorageMB).toBe(50_000);
  });

  it('requestAdapter hanging → "none" after the timeout; the rest is still probed', async () => {
    vi.useFakeTimers();
    const never = new Promise<never>(() => undefined);
    const p = probeCapabilities(env({ gpu: { requestAdapter: () => never } }), 4000);
    let done = false;
    void p.then(() => (done = true));
    await vi.advanceTimersByTimeAsync(3999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const c = await p;
    expect(c.gpu).toBe('none');
    expect(c.freeStorageMB).toBe(50_000);
    expect(c.deviceMemoryGB).toBe(8);
  });

  it('storage.estimate hanging or failing → free storage unknown (null)', async () => {
    vi.useFakeTimers();
    const p = probeCapabilities(env({ storage: { estimate: () => new Promise(() => undefined) } }), 1000);
    await vi.advanceTimersByTimeAsync(1000);
    expect((await p).freeStorageMB).toBeNull();
    vi.useRealTimers();
    expect((await probeCapabilities(env({ storage: { estimate: () => Promise.reject(new Error('denied')) } }))).freeStorageMB).toBeNull();
    expect((await probeCapabilities(env({ storage: undefined }))).freeStorageMB).toBeNull();
    expect((await probeCapabilities(env({ storage: { estimate: async () => ({}) } }))).freeStorageMB).toBeNull();
  });

  it('free storage is quota minus usage; usage missing counts as 0', async () => {
    expect((await probeCapabilities(env({ storage: { estimate: async () => ({ quota: 2048 * MiB }) } }))).freeStorageMB).toBe(2048);
  });

  it('deviceMemory missing or 0 → unknown (null); cores default to 1; wasm and isolation only when true', async () => {
    const c = await probeCapabilities({ gpu: undefined });
    expect(c).toEqual({
      gpu: 'none',
      adapter: '',
      shaderF16: false,
      maxBufferMB: 0,
      maxStorageBufferBindingMB: 0,
      deviceMemoryGB: null,
      freeStorageMB: null,
      wasm: false,
      crossOriginIsolated: false,
      cores: 1,
    });
    expect((await probeCapabilities(env({ deviceMemory: 0 }))).deviceMemoryGB).toBeNull();
    expect((await probeCapabilities(env({ deviceMemory: 0.5 }))).deviceMemoryGB).toBe(0.5);
  });

  it('in Node (no navigator.gpu, no Worker) the default probe says: no GPU, no worker WebAssembly', async () => {
    const c = await probeCapabilities(undefined, 100);
    expect(c.gpu).toBe('none');
    expect(c.wasm).toBe(typeof Worker === 'function');
    expect(chooseEngine(c, USER_ENTRIES, 'auto').kind).toBe(c.wasm ? 'transformers' : 'scripted');
  });
});

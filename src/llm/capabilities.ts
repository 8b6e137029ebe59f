/**
 * What this device can run, probed without loading any model. Never throws: a failing probe reads as
 * "not available". web-llm is never asked about the GPU (it only checks after downloading the model).
 */

export type GpuClass = 'none' | 'fallback' | 'hardware';

export interface DeviceCapabilities {
  /** 'fallback' = a software adapter (SwiftShader): WebGPU works but far too slowly for an LLM. */
  gpu: GpuClass;
  /** Adapter vendor/architecture for display, '' when none. */
  adapter: string;
  shaderF16: boolean;
  /** GPU limits that decide whether a web-llm model fits, MB. */
  maxBufferMB: number;
  maxStorageBufferBindingMB: number;
  /** navigator.deviceMemory (GB, capped at 8 by browsers), null when unknown (Firefox, Safari). */
  deviceMemoryGB: number | null;
  /** Free storage quota, MB, null when unknown. */
  freeStorageMB: number | null;
  /** WebAssembly in workers (the CPU engine). */
  wasm: boolean;
  /** SharedArrayBuffer threads (faster CPU engine). */
  crossOriginIsolated: boolean;
  /** Cores the browser reports. */
  cores: number;
}

interface GpuAdapterLike {
  features: { has(f: string): boolean };
  limits: { maxBufferSize?: number; maxStorageBufferBindingSize?: number };
  info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}

export interface ProbeEnv {
  gpu?: { requestAdapter(opts?: { powerPreference?: string }): Promise<GpuAdapterLike | null> } | undefined;
  deviceMemory?: number | undefined;
  storage?: { estimate?: () => Promise<{ quota?: number; usage?: number }> } | undefined;
  hardwareConcurrency?: number | undefined;
  crossOriginIsolated?: boolean | undefined;
  wasm?: boolean | undefined;
}

const MB = 1024 * 1024;

function browserEnv(): ProbeEnv {
  const nav = (typeof navigator === 'undefined' ? {} : navigator) as Navigator & { gpu?: ProbeEnv['gpu']; deviceMemory?: number };
  return {
    gpu: nav.gpu,
    deviceMemory: nav.deviceMemory,
    storage: nav.storage,
    hardwareConcurrency: nav.hardwareConcurrency,
    crossOriginIsolated: typeof crossOriginIsolated === 'boolean' ? crossOriginIsolated : false,
    wasm: typeof WebAssembly === 'object' && typeof Worker === 'function',
  };
}

export async function probeCapabilities(env: ProbeEnv = browserEnv(), timeoutMs = 4000): Promise<DeviceCapabilities> {
  const caps: DeviceCapabilities = {
    gpu: 'none',
    adapter: '',
    shaderF16: false,
    maxBufferMB: 0,
    maxStorageBufferBindingMB: 0,
    deviceMemoryGB: typeof env.deviceMemory === 'number' && env.deviceMemory > 0 ? env.deviceMemory : null,
    freeStorageMB: null,
    wasm: env.wasm === true,
    crossOriginIsolated: env.crossOriginIsolated === true,
    cores: env.hardwareConcurrency ?? 1,
  };
  const withTimeout = <T,>(p: Promise<T>): Promise<T | null> =>
    Promise.race([p.catch(() => null), new Promise<null>((r) => setTimeout(() => r(null), timeoutMs))]);
  if (env.gpu) {
    const adapter = await withTimeout(env.gpu.requestAdapter({ powerPreference: 'high-performance' }));
    if (adapter) {
      const fallback = adapter.info?.isFallbackAdapter === true || adapter.isFallbackAdapter === true;
      caps.gpu = fallback ? 'fallback' : 'hardware';
      caps.adapter = [adapter.info?.vendor, adapter.info?.architecture || adapter.info?.description].filter(Boolean).join(' ') || 'unknown adapter';
      caps.shaderF16 = adapter.features.has('shader-f16');
      caps.maxBufferMB = Math.floor((adapter.limits.maxBufferSize ?? 0) / MB);
      caps.maxStorageBufferBindingMB = Math.floor((adapter.limits.maxStorageBufferBindingSize ?? 0) / MB);
    }
  }
  if (env.storage?.estimate) {
    const est = await withTimeout(env.storage.estimate());
    if (est && typeof est.quota === 'number') caps.freeStorageMB = Math.floor((est.quota - (est.usage ?? 0)) / MB);
  }
  return caps;
}

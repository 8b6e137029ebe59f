/**
 * The engine-selection table: which interviewer this device should run. Pure: capabilities and the
 * catalogue in, a choice with its reason out (shown to the user), so the table is unit-tested.
 *
 * | engine       | needs                                                                                  |
 * |--------------|----------------------------------------------------------------------------------------|
 * | webllm       | a hardware WebGPU adapter (not a software fallback), maxStorageBufferBindingSize ≥ 128 MB, |
 * |              | device memory ≥ VRAM need + 1 GB (when known), free storage ≥ the download (when known); |
 * |              | q4f16 when the adapter has shader-f16, else q4f32                                        |
 * | transformers | WebAssembly in workers, device memory ≥ the model's memory need + 1 GB (when known),    |
 * |              | free storage ≥ 1 GB (when known)                                                        |
 * | scripted     | nothing (always possible)                                                              |
 * Auto picks the first row that fits. A user override is honoured when it can run at all; otherwise the
 * choice falls back down the table with the reason.
 */
import type { CatalogueEntry } from '../models/catalogue';
import type { DeviceCapabilities } from './capabilities';
import type { InterviewerKind } from './types';

export type InterviewerPreference = 'auto' | InterviewerKind;

export interface EngineChoice {
  kind: InterviewerKind;
  /** The catalogue entry to load (null for scripted). */
  entry: CatalogueEntry | null;
  /** web-llm: the prebuilt model id of the chosen variant; transformers.js: the model path. */
  model: string | null;
  variant: 'q4f16' | 'q4f32' | null;
  /** Memory the model needs, MB (shown to the user). */
  memoryMB: number;
  /** Why this engine, in words for the user. */
  reason: string;
}

const MIN_BINDING_MB = 128;
const HEADROOM_MB = 1024;

interface Fit {
  ok: boolean;
  why: string;
}

export function webLlmFit(caps: DeviceCapabilities, entry: CatalogueEntry): Fit & { variant: 'q4f16' | 'q4f32'; memoryMB: number } {
  const w = entry.llm?.webllm;
  const variant: 'q4f16' | 'q4f32' = caps.shaderF16 ? 'q4f16' : 'q4f32';
  const memoryMB = w ? (variant === 'q4f16' ? w.vramMB.f16 : w.vramMB.f32) : entry.memoryMB;
  const fail = (why: string) => ({ ok: false, why, variant, memoryMB });
  if (!w) return fail('not a web-llm model');
  if (caps.gpu === 'none') return fail('this browser has no WebGPU adapter');
  if (caps.gpu === 'fallback') return fail(`the only WebGPU adapter is a software one (${caps.adapter}), far too slow for a language model`);
  if (caps.maxStorageBufferBindingMB < MIN_BINDING_MB) return fail(`the GPU's storage buffers are too small (${caps.maxStorageBufferBindingMB} MB < ${MIN_BINDING_MB} MB)`);
  if (caps.deviceMemoryGB !== null && caps.deviceMemoryGB * 1024 < memoryMB + HEADROOM_MB) {
    return fail(`the device reports ${caps.deviceMemoryGB} GB of memory; ${entry.label} needs about ${Math.round(memoryMB)} MB plus headroom`);
  }
  if (caps.freeStorageMB !== null && caps.freeStorageMB < w.downloadMB * 1.2) return fail(`not enough free storage for the ${w.downloadMB} MB download`);
  return { ok: true, why: `WebGPU on ${caps.adapter}${caps.shaderF16 ? ' (16-bit shaders)' : ' (no 16-bit shaders: 32-bit variant)'}`, variant, memoryMB };
}

export function cpuFit(caps: DeviceCapabilities, entry: CatalogueEntry): Fit {
  if (entry.llm?.engine !== 'transformers') return { ok: false, why: 'not a CPU model' };
  if (!caps.wasm) return { ok: false, why: 'this browser cannot run WebAssembly in a worker' };
  if (caps.deviceMemoryGB !== null && caps.deviceMemoryGB * 1024 < entry.memoryMB + HEADROOM_MB) {
    return { ok: false, why: `the device reports ${caps.deviceMemoryGB} GB of memory; ${entry.label} needs about ${entry.memoryMB} MB plus headroom` };
  }
  if (caps.freeStorageMB !== null && caps.freeStorageMB < 1024) return { ok: false, why: `only ${caps.freeStorageMB} MB of storage is free` };
  return { ok: true, why: `on the CPU (WebAssembly${caps.crossOriginIsolated ? `, ${Math.min(4, caps.cores)} threads` : ', 1 thread'})` };
}

const scripted = (reason: string): EngineChoice => ({ kind: 'scripted', entry: null, model: null, variant: null, memoryMB: 0, reason });

/**
 * @param entries LLM catalogue entries the user may pick (test-only ones only when they are available).
 * @param preferredModel catalogue id the user picked for the engine, or null for the engine's default.
 */
export function chooseEngine(
  caps: DeviceCapabilities,
  entries: readonly CatalogueEntry[],
  preference: InterviewerPreference,
  preferredModel: string | null = null,
): EngineChoice {
  const pick = (engine: 'webllm' | 'transformers'): CatalogueEntry | undefined => {
    const own = entries.filter((e) => e.kind === 'llm' && e.llm?.engine === engine);
    return own.find((e) => e.id === preferredModel) ?? own.find((e) => e.default && !e.testOnly) ?? own[0];
  };
  if (preference === 'scripted') return scripted('You chose the scripted interviewer (no AI model).');
  const notes: string[] = [];
  if (preference === 'auto' || preference === 'webllm') {
    const e = pick('webllm');
    if (e) {
      const fit = webLlmFit(caps, e);
      // A forced engine is honoured when it can run at all (here: any WebGPU adapter).
      if (fit.ok || (preference === 'webllm' && caps.gpu !== 'none')) {
        const model = fit.variant === 'q4f16' ? e.llm!.webllm!.f16 : e.llm!.webllm!.f32;
        const reason = fit.ok ? `${e.label}: ${fit.why}.` : `${e.label} on WebGPU as you chose, although ${fit.why}; it falls back if it cannot load.`;
        return { kind: 'webllm', entry: e, model, variant: fit.variant, memoryMB: Math.round(fit.memoryMB), reason };
      }
      notes.push(`Not on WebGPU: ${fit.why}.`);
    }
  }
  if (preference === 'auto' || preference === 'transformers' || preference === 'webllm') {
    const e = pick('transformers');
    if (e) {
      const fit = cpuFit(caps, e);
      if (fit.ok || (preference === 'transformers' && caps.wasm)) {
        const why = fit.ok ? `${e.label} ${fit.why}.` : `${e.label} on the CPU as you chose, although ${fit.why}; it falls back if it cannot load.`;
        return { kind: 'transformers', entry: e, model: e.localPath, variant: null, memoryMB: e.memoryMB, reason: [...notes, why].join(' ') };
      }
      notes.push(`Not on the CPU: ${fit.why}.`);
    }
  }
  return scripted([...notes, 'Using the scripted interviewer (no AI model).'].join(' '));
}

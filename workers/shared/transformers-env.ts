/**
 * The transformers.js environment shared by the workers that run it (speech-to-text and the CPU LLM):
 * where model files come from, the verified model cache, and onnxruntime-web's self-hosted runtime.
 */
import { env } from '@huggingface/transformers';
// Same-origin, hashed copies of ORT's runtime (else it is fetched from a CDN and breaks offline).
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import ortMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import { ModelManager } from '../../src/models/manager';
import { modelSourceEnv } from '../stt/source';
import { ortPathsOr } from '../stt/ort-paths';

/** Read-only use of the verified model cache (downloads happen on the main thread, with progress). */
const verifiedModels = new ModelManager({ baseUrl: null });
const abs = (u: string): string => new URL(u, self.location.href).href;

/** ORT threads: up to 4 when cross-origin isolated (SharedArrayBuffer), else 1. */
export function workerThreads(): number {
  return self.crossOriginIsolated ? Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1)) : 1;
}

/** Points transformers.js at the model source and the verified cache; returns the ORT thread count. */
export function configureTransformersEnv(baseUrl: string | null): number {
  const source = modelSourceEnv(baseUrl, self.location.origin);
  env.allowLocalModels = source.allowLocalModels;
  env.allowRemoteModels = source.allowRemoteModels;
  if (source.localModelPath) env.localModelPath = source.localModelPath;
  if (source.remoteHost) env.remoteHost = source.remoteHost;
  if (source.remotePathTemplate) env.remotePathTemplate = source.remotePathTemplate;
  // Model files come from the model manager's cache, where they were stored only after their size and
  // sha256 were verified; files it does not hold are fetched (and not cached twice).
  env.useBrowserCache = false;
  env.useCustomCache = true;
  env.customCache = {
    match: (request: string | Request) => verifiedModels.cachedResponse(typeof request === 'string' ? request : request.url),
    put: async () => undefined,
  };
  env.useWasmCache = false; // the service worker caches ORT's wasm; else it is stored twice
  const wasm = env.backends.onnx.wasm;
  const threads = workerThreads();
  if (wasm) {
    // The WebGPU speech worker sets its own (asyncify) runtime files first (workers/stt-gpu.ts).
    wasm.wasmPaths = ortPathsOr({ wasm: abs(ortWasmUrl), mjs: abs(ortMjsUrl) });
    wasm.numThreads = threads;
  }
  return threads;
}

/**
 * Which onnxruntime-web runtime files the speech worker points ORT at. The plain worker (workers/stt.ts)
 * uses the wasm-only runtime; the WebGPU worker (workers/stt-gpu.ts) is built with ORT's WebGPU bundle,
 * which needs its own (asyncify) runtime files, and sets them here before anything loads.
 */
export interface OrtPaths {
  wasm: string;
  mjs: string;
}

let override: OrtPaths | null = null;

export function setOrtPaths(p: OrtPaths): void {
  override = p;
}

export function ortPathsOr(fallback: OrtPaths): OrtPaths {
  return override ?? fallback;
}

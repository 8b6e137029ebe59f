/**
 * The speech worker built with onnxruntime-web's WebGPU bundle (vite.config.ts, ortVariant): Whisper on the
 * GPU when the device has one, on WASM otherwise (same API as workers/stt.ts, which it runs). Used only when
 * the app chose WebGPU for speech; its 27 MB runtime is fetched only then.
 */
import asyncifyWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import asyncifyMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import { setOrtPaths } from './stt/ort-paths';
import './stt';

setOrtPaths({ wasm: new URL(asyncifyWasmUrl, self.location.href).href, mjs: new URL(asyncifyMjsUrl, self.location.href).href });

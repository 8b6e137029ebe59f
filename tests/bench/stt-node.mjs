// Whisper in Node (onnxruntime-node), for benchmarks and the Node-side STT tests.
// Plain ESM so `tests/bench/run.mjs` can import it directly:
//   import { transcribeInNode, readWav } from './stt-node.mjs';
//   const { pcm } = readWav('../shared/fixtures/speech/librispeech_1089-134686-0000_16k.wav');
//   await transcribeInNode(pcm);            // first call also loads the model (not counted in `ms`)
//   const { text, ms } = await transcribeInNode(pcm);
import { readFileSync } from 'node:fs';
import { pipeline, env } from '@huggingface/transformers';
import { findModelsDir } from '../models-dir.mjs';

export const STT_MODEL = 'Xenova/whisper-tiny';

/** @type {Promise<any> | null} */
let asrPromise = null;

/**
 * Loads Whisper once (q8, local files only). Throws if no local model folder exists.
 * @param {{ modelsDir?: string | null; model?: string }} [opts]
 * @returns {Promise<{ asr: any; loadMs: number }>}
 */
export function loadNodeAsr(opts = {}) {
  if (asrPromise) return asrPromise;
  const modelsDir = opts.modelsDir === undefined ? findModelsDir() : opts.modelsDir;
  if (!modelsDir) {
    return Promise.reject(
      new Error('No local model folder found (MODELS_DIR, ../shared/models or .cache/models): run `npm run models:fetch` first.'),
    );
  }
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  env.localModelPath = modelsDir.endsWith('/') ? modelsDir : `${modelsDir}/`;
  const t0 = performance.now();
  asrPromise = pipeline('automatic-speech-recognition', opts.model ?? STT_MODEL, { dtype: 'q8' }).then((asr) => ({
    asr,
    loadMs: performance.now() - t0,
  }));
  asrPromise.catch(() => {
    asrPromise = null;
  });
  return asrPromise;
}

/**
 * Transcribes 16 kHz mono Float32 PCM. `ms` is the inference time only (model load excluded).
 * @param {Float32Array} pcm
 * @returns {Promise<{ text: string; ms: number }>}
 */
export async function transcribeInNode(pcm) {
  const { asr } = await loadNodeAsr();
  const t0 = performance.now();
  const out = await asr(pcm, { language: 'english', task: 'transcribe' });
  const ms = performance.now() - t0;
  return { text: String(out.text ?? '').trim(), ms };
}

/** Releases the ONNX sessions (so a benchmark process can exit promptly). */
export async function disposeNodeAsr() {
  const p = asrPromise;
  asrPromise = null;
  if (p) await (await p).asr.dispose();
}

/**
 * Minimal WAV reader: RIFF/WAVE, PCM 16-bit, mono. Returns samples in [-1, 1).
 * @param {string | URL} path
 * @returns {{ pcm: Float32Array; sampleRate: number }}
 */
export function readWav(path) {
  const buf = readFileSync(path);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const tag = (o) => buf.toString('latin1', o, o + 4);
  if (tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('not a RIFF/WAVE file');
  let off = 12;
  let fmt = null;
  while (off + 8 <= buf.length) {
    const id = tag(off);
    const size = view.getUint32(off + 4, true);
    const body = off + 8;
    if (id === 'fmt ') {
      fmt = { format: view.getUint16(body, true), channels: view.getUint16(body + 2, true), sampleRate: view.getUint32(body + 4, true), bits: view.getUint16(body + 14, true) };
    } else if (id === 'data') {
      if (!fmt) throw new Error('WAV: data chunk before fmt chunk');
      if (fmt.format !== 1 || fmt.bits !== 16 || fmt.channels !== 1) throw new Error('WAV: only 16-bit PCM mono is supported');
      const n = Math.floor(Math.min(size, buf.length - body) / 2);
      const pcm = new Float32Array(n);
      for (let i = 0; i < n; i++) pcm[i] = view.getInt16(body + i * 2, true) / 32768;
      return { pcm, sampleRate: fmt.sampleRate };
    }
    off = body + size + (size & 1);
  }
  throw new Error('WAV: no data chunk');
}

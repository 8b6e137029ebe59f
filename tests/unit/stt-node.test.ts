/**
 * The REAL Whisper model in Node (onnxruntime-node), from the local model folder, no network.
 * Fails (never skips) when the models are missing: run `npm run models:fetch`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env, pipeline, Tensor } from '@huggingface/transformers';
import type { AutomaticSpeechRecognitionPipeline } from '@huggingface/transformers';
import { findModelsDir, ROOT } from '../models-dir.mjs';
import { wordErrorRate } from '../../src/analysis/wer';
import { runWithPhantomGuard } from '../../workers/stt/phantom';
import {
  DISFLUENCY_PROMPT,
  installPromptStripping,
  promptDecoderInputIds,
  toChunks,
  whisperCallOptions,
  whisperSpecialIds,
} from '../../workers/stt/whisper';
import { readWav } from './helpers/wav';

const MODEL = 'Xenova/whisper-tiny';
const TIMEOUT = 60_000;
const SPEECH = join(ROOT, '..', 'shared', 'fixtures', 'speech');
const CLIPS = ['librispeech_1089-134686-0000', 'librispeech_1089-134691-0001'] as const;

function clip(name: string): { pcm: Float32Array; reference: string } {
  const { pcm, sampleRate } = readWav(join(SPEECH, `${name}_16k.wav`));
  expect(sampleRate).toBe(16000);
  return { pcm, reference: readFileSync(join(SPEECH, `${name}.txt`), 'utf8').trim() };
}

type Output = { text: string; chunks?: unknown };

const MISSING_MODELS =
  'No local model folder found (MODELS_DIR, ../shared/models or .cache/models). Run `npm run models:fetch` first.';
const modelsDir = findModelsDir();

describe('Whisper tiny in Node (real model)', () => {
  let asr: AutomaticSpeechRecognitionPipeline;

  beforeAll(async () => {
    if (!modelsDir) throw new Error(MISSING_MODELS);
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
    env.localModelPath = modelsDir.endsWith('/') ? modelsDir : `${modelsDir}/`;
    const t0 = performance.now();
    asr = (await pipeline('automatic-speech-recognition', MODEL, { dtype: 'q8' })) as AutomaticSpeechRecognitionPipeline;
    console.log(`[stt-node] load ${Math.round(performance.now() - t0)} ms`);
  }, TIMEOUT);

  it('finds the local model folder', () => {
    if (!modelsDir) expect.fail(MISSING_MODELS);
    expect(modelsDir).toBeTruthy();
  });

  afterAll(async () => {
    await asr?.dispose();
  });

  for (const name of CLIPS) {
    it(
      `transcribes ${name} with WER ≤ 0.2`,
      async () => {
        const { pcm, reference } = clip(name);
        const t0 = performance.now();
        const out = (await asr(pcm, whisperCallOptions(pcm.length))) as Output;
        const ms = performance.now() - t0;
        const wer = wordErrorRate(reference, out.text);
        console.log(`[stt-node] ${name} (${(pcm.length / 16000).toFixed(1)} s): ${Math.round(ms)} ms, WER ${wer.toFixed(3)}: ${out.text}`);
        expect(wer).toBeLessThanOrEqual(0.2);
      },
      TIMEOUT,
    );
  }

  it(
    'returns segment timestamps',
    async () => {
      const { pcm, reference } = clip(CLIPS[0]);
      const out = (await asr(pcm, whisperCallOptions(pcm.length, { timestamps: true }))) as Output;
      const chunks = toChunks(out.chunks);
      expect(chunks.length).toBeGreaterThan(0);
      expect(chunks[0]?.timestamp[0]).toBe(0);
      const last = chunks.at(-1)?.timestamp[1];
      expect(last).toBeTypeOf('number');
      expect(last as number).toBeGreaterThan(8);
      expect(last as number).toBeLessThanOrEqual(10.5);
      expect(wordErrorRate(reference, chunks.map((c) => c.text).join(' '))).toBeLessThanOrEqual(0.2);
    },
    TIMEOUT,
  );

  it(
    'honours a prompt through decoder_input_ids, without the prompt leaking into the text',
    async () => {
      const { pcm, reference } = clip(CLIPS[0]);
      const ids = whisperSpecialIds(asr.tokenizer);
      installPromptStripping(asr.model, Tensor, ids);
      for (const timestamps of [false, true]) {
        const decoderInputIds = promptDecoderInputIds(asr.tokenizer, ids, DISFLUENCY_PROMPT, timestamps);
        expect(decoderInputIds[0]).toBe(ids.startOfPrev);
        const out = (await asr(pcm, whisperCallOptions(pcm.length, { timestamps, decoderInputIds }))) as Output;
        expect(out.text).not.toMatch(/Um, uh, so, like/);
        expect(wordErrorRate(reference, out.text)).toBeLessThanOrEqual(0.2);
        if (timestamps) expect(toChunks(out.chunks)[0]?.text).toMatch(/^He hoped/);
      }
      // Unprompted calls are untouched by the wrapper.
      const plain = (await asr(pcm, whisperCallOptions(pcm.length))) as Output;
      expect(wordErrorRate(reference, plain.text)).toBeLessThanOrEqual(0.2);
    },
    TIMEOUT,
  );

  it('never sends silence to the model', async () => {
    let called = false;
    const out = await runWithPhantomGuard(new Float32Array(16000), async () => {
      called = true;
      return (await asr(new Float32Array(16000), whisperCallOptions(16000))) as Output;
    });
    expect(out.dropped).toBe(true);
    expect(called).toBe(false);
  });
});

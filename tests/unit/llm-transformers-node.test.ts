/**
 * The REAL transformers.js engine (workers/llm/transformers-engine.ts) in Node with the tiny random-weight
 * Llama from the local model folder: loading, chat template, streaming, stop strings, abort, context check.
 * Random weights write gibberish, so these tests check the plumbing, not the words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as transformers from '@huggingface/transformers';
import { findModelsDir } from '../models-dir.mjs';
import { TransformersEngine } from '../../workers/llm/transformers-engine';
import type { ChatMessage, LlmLoadSpec } from '../../src/llm/types';

const modelsDir = findModelsDir();
const SPEC: LlmLoadSpec = {
  engine: 'transformers',
  catalogueId: 'tiny-random-llama',
  model: 'test/tiny-random-llama',
  baseUrl: null,
  dtype: 'q8',
  contextTokens: 512,
};
const MESSAGES: ChatMessage[] = [
  { role: 'system', content: 'You are an interviewer.' },
  { role: 'user', content: 'Hi' },
];

describe('TransformersEngine with the tiny random Llama (Node)', () => {
  const engine = new TransformersEngine(transformers);

  beforeAll(async () => {
    if (!modelsDir) throw new Error('No local model folder: run `npm run models:fetch`.');
    transformers.env.allowLocalModels = true;
    transformers.env.allowRemoteModels = false;
    transformers.env.localModelPath = modelsDir.endsWith('/') ? modelsDir : `${modelsDir}/`;
    const progress: number[] = [];
    const r = await engine.load(SPEC, (p) => p.fraction !== null && progress.push(p.fraction));
    expect(r.engine).toBe('transformers');
  }, 60_000);

  afterAll(() => engine.unload());

  it('streams tokens whose concatenation is the result, and stops at maxTokens', async () => {
    const pieces: string[] = [];
    const r = await engine.generate(MESSAGES, { maxTokens: 20, temperature: 0 }, (p) => pieces.push(p));
    expect(r.tokens).toBe(20);
    expect(r.finishReason).toBe('length');
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(r.text);
    expect(r.text.length).toBeGreaterThan(10);
    expect(r.promptTokens).toBeGreaterThan(5);
    expect(r.firstTokenMs).not.toBeNull();
  });

  it('is deterministic at temperature 0', async () => {
    const a = await engine.generate(MESSAGES, { maxTokens: 15, temperature: 0 }, () => undefined);
    const b = await engine.generate(MESSAGES, { maxTokens: 15, temperature: 0 }, () => undefined);
    expect(b.text).toBe(a.text);
  });

  it('cuts the stream at a stop string and never emits it', async () => {
    const full = await engine.generate(MESSAGES, { maxTokens: 30, temperature: 0 }, () => undefined);
    // A stop string taken from the middle of the (deterministic) output.
    const stop = full.text.slice(12, 16);
    expect(stop.length).toBe(4);
    const pieces: string[] = [];
    const r = await engine.generate(MESSAGES, { maxTokens: 30, temperature: 0, stop: [stop] }, (p) => pieces.push(p));
    expect(r.finishReason).toBe('stop');
    expect(r.text).toBe(full.text.slice(0, full.text.indexOf(stop)));
    expect(pieces.join('')).toBe(r.text);
    expect(r.tokens).toBeLessThan(30);
  });

  it('abort stops a long generation early', async () => {
    let n = 0;
    const p = engine.generate(MESSAGES, { maxTokens: 480, temperature: 0 }, () => {
      n++;
      if (n === 5) engine.abort();
    });
    const r = await p;
    expect(r.finishReason).toBe('abort');
    expect(r.tokens).toBeLessThan(100);
    expect(r.abortLatencyMs).toBeDefined();
  });

  it('refuses a prompt that does not fit the context', async () => {
    const long: ChatMessage[] = [{ role: 'user', content: 'tell me about your experience '.repeat(100) }];
    await expect(engine.generate(long, { maxTokens: 64, temperature: 0 }, () => undefined)).rejects.toMatchObject({ name: 'LlmContextError' });
  });
});

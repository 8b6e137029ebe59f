/**
 * WebLlmEngine (workers/llm/webllm-engine.ts) against a fake web-llm engine implementing MlcEngineLike
 * (the subset of web-llm's MLCEngineInterface the adapter uses; the compile-time check in the adapter ties
 * it to the real type). The fake streams OpenAI-style chunks like web-llm does — deltas, a finish_reason,
 * a last chunk with empty choices and the usage — and fails the way web-llm fails: Error objects with
 * web-llm's class names and messages in the page, plain strings ("TypeError: Failed to fetch") when the
 * engine runs behind web-llm's web-worker handler (which posts err.toString()).
 */
import { describe, expect, it } from 'vitest';
import type * as WebLlm from '@mlc-ai/web-llm';
import { WebLlmEngine, classifyWebLlmError, type MlcEngineLike } from '../../workers/llm/webllm-engine';
import { llmErrorName, type ChatMessage, type LlmLoadSpec, type LlmProgress } from '../../src/llm/types';

const SPEC: LlmLoadSpec = {
  engine: 'webllm',
  catalogueId: 'llama-3.2-1b-webllm',
  model: 'Llama-3.2-1B-Instruct-q4f32_1-MLC',
  baseUrl: null,
  contextTokens: 4096,
};
const MESSAGES: ChatMessage[] = [
  { role: 'system', content: 'You are an interviewer.' },
  { role: 'user', content: 'Ask me about a project.' },
];

// ---- web-llm's errors, as its classes build them (lib/index.js, web-llm 0.2.86) --------------------------

function webLlmError(name: string, message: string): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}
const ERRORS = {
  modelNotFound: () =>
    webLlmError(
      'ModelNotFoundError',
      'Cannot find model record in appConfig for Nope-MLC. Please check if the model ID is correct and included in the model_list configuration.',
    ),
  webgpuNotAvailable: () =>
    webLlmError(
      'WebGPUNotAvailableError',
      'WebGPU is not supported in your current environment, but it is necessary to run the WebLLM engine. Please make sure that your browser supports WebGPU and that it is enabled in your browser settings. You can also consult your browser\'s compatibility chart to see if it supports WebGPU. For more information about WebGPU support in your browser, visit https://webgpureport.org/',
    ),
  shaderF16: () =>
    webLlmError(
      'ShaderF16SupportError',
      'This model requires WebGPU extension shader-f16, which is not enabled in this browser. You can try to launch Chrome Canary in command line with flag "--enable-dawn-features=allow_unsafe_apis".',
    ),
  deviceLost: () =>
    webLlmError(
      'DeviceLostError',
      'The WebGPU device was lost while loading the model. This issue often occurs due to running out of memory (OOM). To resolve this, try reloading with a model that has fewer parameters or uses a smaller context length.',
    ),
  contextExceeded: () =>
    webLlmError(
      'ContextWindowSizeExceededError',
      'Prompt tokens exceed context window size: number of prompt tokens: 5000; context window size: 4096\nConsider shortening the prompt, or increase `context_window_size`, or using sliding window via `sliding_window_size`.',
    ),
  /** fetch() failing in the page: a TypeError. */
  fetchFailed: () => new TypeError('Failed to fetch'),
};
/** What a web-worker MLC engine rejects with: web_worker.ts posts `err.toString()`. */
const viaWorker = (e: Error): string => e.toString();

// ---- the fake engine ------------------------------------------------------------------------------

type Step = { content?: string; finish?: WebLlm.ChatCompletionChunk.Choice['finish_reason'] } | { usage: { prompt: number; completion: number } } | { throw: unknown };

function chunk(content: string | null, finish: WebLlm.ChatCompletionChunk.Choice['finish_reason'] = null): WebLlm.ChatCompletionChunk {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: SPEC.model,
    choices: [{ index: 0, delta: content === null ? { role: 'assistant' } : { content, role: 'assistant' }, finish_reason: finish, logprobs: null }],
  } as WebLlm.ChatCompletionChunk;
}
function usageChunk(prompt: number, completion: number): WebLlm.ChatCompletionChunk {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: SPEC.model,
    choices: [],
    usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion, extra: { e2e_latency_s: 1, prefill_tokens_per_s: 100, decode_tokens_per_s: 20, time_to_first_token_s: 0.1, time_per_output_token_s: 0.05 } },
  } as WebLlm.ChatCompletionChunk;
}

class FakeMlc implements MlcEngineLike {
  progress: ((r: WebLlm.InitProgressReport) => void) | null = null;
  reloads: { modelId: string; chatOpts?: WebLlm.ChatOptions }[] = [];
  requests: WebLlm.ChatCompletionRequestStreaming[] = [];
  interrupts = 0;
  unloads = 0;
  interrupted = false;
  /** What reload() does: report progress, then resolve or throw. */
  reloadReports: WebLlm.InitProgressReport[] = [
    { progress: 0, timeElapsed: 0, text: 'Start to fetch params' },
    { progress: 0.5, timeElapsed: 1, text: 'Fetching param cache[10/20]: 350MB fetched. 50% completed' },
    { progress: 1, timeElapsed: 2, text: 'Finish loading on WebGPU - nvidia' },
  ];
  reloadError: unknown = null;
  createError: unknown = null;
  /** The stream each create() returns. */
  script: Step[] = [];
  /** A stream that runs until interruptGenerate(), like a long generation. */
  endless = false;

  setInitProgressCallback(cb: (report: WebLlm.InitProgressReport) => void): void {
    this.progress = cb;
  }
  async reload(modelId: string, chatOpts?: WebLlm.ChatOptions): Promise<void> {
    this.reloads.push(chatOpts === undefined ? { modelId } : { modelId, chatOpts });
    for (const r of this.reloadReports) this.progress?.(r);
    if (this.reloadError !== null) throw this.reloadError;
  }
  chat = {
    completions: {
      create: async (request: WebLlm.ChatCompletionRequestStreaming): Promise<AsyncIterable<WebLlm.ChatCompletionChunk>> => {
        this.requests.push(request);
        if (this.createError !== null) throw this.createError;
        this.interrupted = false;
        return this.stream();
      },
    },
  };
  private async *stream(): AsyncGenerator<WebLlm.ChatCompletionChunk> {
    if (this.endless) {
      let n = 0;
      while (!this.interrupted) {
        await new Promise((r) => setTimeout(r, 0));
        yield chunk(`w${n++} `);
      }
      yield chunk('', 'abort');
      yield usageChunk(12, n);
      return;
    }
    for (const s of this.script) {
      await Promise.resolve();
      if ('throw' in s) throw s.throw;
      if ('usage' in s) yield usageChunk(s.usage.prompt, s.usage.completion);
      else yield chunk(s.content ?? null, s.finish ?? null);
    }
  }
  interruptGenerate(): void {
    this.interrupts++;
    this.interrupted = true;
  }
  async unload(): Promise<void> {
    this.unloads++;
  }
}

async function loaded(fake = new FakeMlc()): Promise<{ engine: WebLlmEngine; fake: FakeMlc; progress: LlmProgress[] }> {
  const engine = new WebLlmEngine(async () => fake);
  const progress: LlmProgress[] = [];
  await engine.load(SPEC, (p) => progress.push(p));
  return { engine, fake, progress };
}

describe('WebLlmEngine.load', () => {
  it('calls reload with the prebuilt model id and the context window, and reports the load', async () => {
    const { fake, progress, engine } = await loaded();
    expect(engine.kind).toBe('webllm');
    expect(fake.reloads).toEqual([{ modelId: 'Llama-3.2-1B-Instruct-q4f32_1-MLC', chatOpts: { context_window_size: 4096 } }]);
    expect(progress).toEqual([
      { fraction: 0, loaded: 0, total: 0, text: 'Start to fetch params' },
      { fraction: 0.5, loaded: 0, total: 0, text: 'Fetching param cache[10/20]: 350MB fetched. 50% completed' },
      { fraction: 1, loaded: 0, total: 0, text: 'Finish loading on WebGPU - nvidia' },
    ]);
  });

  it('returns the load result', async () => {
    const engine = new WebLlmEngine(async () => new FakeMlc());
    const r = await engine.load(SPEC, () => undefined);
    expect(r).toMatchObject({ engine: 'webllm', model: SPEC.model, contextTokens: 4096, backend: 'webgpu' });
    expect(r.loadMs).toBeGreaterThanOrEqual(0);
  });

  it('a progress report without a finite fraction gives fraction null', async () => {
    const fake = new FakeMlc();
    fake.reloadReports = [{ progress: Number.NaN, timeElapsed: 0, text: 'Loading GPU shader modules' }];
    const { progress } = await loaded(fake);
    expect(progress).toEqual([{ fraction: null, loaded: 0, total: 0, text: 'Loading GPU shader modules' }]);
  });

  it('loading again unloads the previous engine first', async () => {
    const first = new FakeMlc();
    const second = new FakeMlc();
    const fakes = [first, second];
    const engine = new WebLlmEngine(async () => fakes.shift()!);
    await engine.load(SPEC, () => undefined);
    await engine.load({ ...SPEC, model: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC', contextTokens: 2048 }, () => undefined);
    expect(first.unloads).toBe(1);
    expect(second.reloads).toEqual([{ modelId: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC', chatOpts: { context_window_size: 2048 } }]);
  });

  it('a factory that fails (web-llm chunk not loadable) is classified too', async () => {
    const engine = new WebLlmEngine(async () => {
      throw new TypeError('Failed to fetch dynamically imported module: /assets/web-llm.js');
    });
    await expect(engine.load(SPEC, () => undefined)).rejects.toMatchObject({ name: 'LlmDownloadError' });
  });

  it('a failed load leaves no model: generate then says so', async () => {
    const fake = new FakeMlc();
    fake.reloadError = ERRORS.fetchFailed();
    const engine = new WebLlmEngine(async () => fake);
    await expect(engine.load(SPEC, () => undefined)).rejects.toMatchObject({ name: 'LlmDownloadError' });
    await expect(engine.generate(MESSAGES, { maxTokens: 8, temperature: 0 }, () => undefined)).rejects.toMatchObject({ name: 'LlmEngineError', message: 'No model is loaded.' });
  });

  it('unload() unloads the web-llm engine; a second unload is a no-op', async () => {
    const { engine, fake } = await loaded();
    await engine.unload();
    await engine.unload();
    expect(fake.unloads).toBe(1);
    await expect(engine.generate(MESSAGES, { maxTokens: 8, temperature: 0 }, () => undefined)).rejects.toMatchObject({ name: 'LlmEngineError' });
  });
});

describe('WebLlmEngine.generate', () => {
  it("sends web-llm's request shape: messages, stream with usage, max_tokens, temperature, seed, stop", async () => {
    const { engine, fake } = await loaded();
    fake.script = [{ content: 'Hi?', finish: 'stop' }, { usage: { prompt: 30, completion: 2 } }];
    await engine.generate(MESSAGES, { maxTokens: 80, temperature: 0, seed: 1234, stop: ['\nCandidate:', '<|eot_id|>'] }, () => undefined);
    expect(fake.requests).toEqual([
      {
        messages: MESSAGES,
        stream: true,
        stream_options: { include_usage: true },
        max_tokens: 80,
        temperature: 0,
        seed: 1234,
        stop: ['\nCandidate:', '<|eot_id|>'],
      },
    ]);
  });

  it('sampling (temperature > 0) adds top_p; no seed and no stop strings are left out', async () => {
    const { engine, fake } = await loaded();
    fake.script = [{ content: 'Hi?', finish: 'stop' }];
    await engine.generate(MESSAGES, { maxTokens: 40, temperature: 0.7, stop: [] }, () => undefined);
    expect(fake.requests[0]).toEqual({ messages: MESSAGES, stream: true, stream_options: { include_usage: true }, max_tokens: 40, temperature: 0.7, top_p: 0.9 });
  });

  it("a JSON schema goes in web-llm's response_format (json_object with the schema string)", async () => {
    const { engine, fake } = await loaded();
    const schema = JSON.stringify({ type: 'object', properties: { score: { type: 'integer' } }, required: ['score'] });
    fake.script = [{ content: '{"score": 3}', finish: 'stop' }];
    const r = await engine.generate(MESSAGES, { maxTokens: 64, temperature: 0, jsonSchema: schema }, () => undefined);
    expect(fake.requests[0]?.response_format).toEqual({ type: 'json_object', schema });
    expect(r.text).toBe('{"score": 3}');
  });

  it('streams the chunk deltas in order; the text is their concatenation; usage comes from the last chunk', async () => {
    const { engine, fake } = await loaded();
    fake.script = [{ content: null as unknown as string }, { content: 'What ' }, { content: 'did you ' }, { content: '' }, { content: 'build?' }, { finish: 'stop' }, { usage: { prompt: 57, completion: 6 } }];
    const pieces: string[] = [];
    const r = await engine.generate(MESSAGES, { maxTokens: 80, temperature: 0 }, (p) => pieces.push(p));
    expect(pieces).toEqual(['What ', 'did you ', 'build?']);
    expect(r.text).toBe('What did you build?');
    // Usage (6 tokens: web-llm counts tokens, not chunks) wins over the chunk count (3).
    expect(r.tokens).toBe(6);
    expect(r.promptTokens).toBe(57);
    expect(r.finishReason).toBe('stop');
    expect(r.firstTokenMs).not.toBeNull();
    expect(r.totalMs).toBeGreaterThanOrEqual(0);
    expect(r.abortLatencyMs).toBeUndefined();
  });

  it('without a usage chunk, tokens are the chunks that carried text, and promptTokens 0', async () => {
    const { engine, fake } = await loaded();
    fake.script = [{ content: 'One ' }, { content: 'two?', finish: 'stop' }];
    const r = await engine.generate(MESSAGES, { maxTokens: 80, temperature: 0 }, () => undefined);
    expect(r).toMatchObject({ text: 'One two?', tokens: 2, promptTokens: 0, finishReason: 'stop' });
  });

  it("finish_reason 'length' is reported as length", async () => {
    const { engine, fake } = await loaded();
    fake.script = [{ content: 'What did you' }, { content: ' do', finish: 'length' }, { usage: { prompt: 20, completion: 4 } }];
    expect((await engine.generate(MESSAGES, { maxTokens: 4, temperature: 0 }, () => undefined)).finishReason).toBe('length');
  });

  it('no text at all: firstTokenMs null, empty text', async () => {
    const { engine, fake } = await loaded();
    fake.script = [{ finish: 'stop' }, { usage: { prompt: 20, completion: 0 } }];
    const r = await engine.generate(MESSAGES, { maxTokens: 8, temperature: 0 }, () => undefined);
    expect(r).toMatchObject({ text: '', tokens: 0, firstTokenMs: null, finishReason: 'stop' });
  });

  it('a second generate while one runs is refused (LlmBusyError); afterwards generate works again', async () => {
    const { engine, fake } = await loaded();
    fake.endless = true;
    const first = engine.generate(MESSAGES, { maxTokens: 400, temperature: 0 }, () => undefined);
    await expect(engine.generate(MESSAGES, { maxTokens: 8, temperature: 0 }, () => undefined)).rejects.toMatchObject({ name: 'LlmBusyError' });
    engine.abort();
    await first;
    fake.endless = false;
    fake.script = [{ content: 'Next?', finish: 'stop' }];
    expect((await engine.generate(MESSAGES, { maxTokens: 8, temperature: 0 }, () => undefined)).text).toBe('Next?');
  });
});

describe('WebLlmEngine.abort', () => {
  it("calls interruptGenerate; the stream ends and the result's finishReason is 'abort', with the abort latency", async () => {
    const { engine, fake } = await loaded();
    fake.endless = true;
    let n = 0;
    const r = await engine.generate(MESSAGES, { maxTokens: 400, temperature: 0 }, () => {
      n++;
      if (n === 5) engine.abort();
    });
    expect(fake.interrupts).toBe(1);
    expect(r.finishReason).toBe('abort');
    expect(r.abortLatencyMs).toBeGreaterThanOrEqual(0);
    // Generation stopped right after the abort (one more chunk at most was in flight).
    expect(r.text.split(' ').filter(Boolean).length).toBeLessThanOrEqual(6);
    expect(r.tokens).toBe(5);
  });

  it('a second abort during the same generation does not interrupt again', async () => {
    const { engine, fake } = await loaded();
    fake.endless = true;
    let n = 0;
    await engine.generate(MESSAGES, { maxTokens: 400, temperature: 0 }, () => {
      n++;
      if (n >= 3) engine.abort();
    });
    expect(fake.interrupts).toBe(1);
  });

  it('abort when idle does nothing', async () => {
    const { engine, fake } = await loaded();
    engine.abort();
    expect(fake.interrupts).toBe(0);
    new WebLlmEngine(async () => fake).abort(); // nothing loaded either
    expect(fake.interrupts).toBe(0);
  });

  it("finish_reason 'abort' from web-llm itself (interrupted elsewhere) is reported as abort, without a latency", async () => {
    const { engine, fake } = await loaded();
    fake.script = [{ content: 'What' }, { finish: 'abort' }];
    const r = await engine.generate(MESSAGES, { maxTokens: 8, temperature: 0 }, () => undefined);
    expect(r.finishReason).toBe('abort');
    expect(r.abortLatencyMs).toBeUndefined();
  });
});

describe("errors, classified by name and text the way web-llm throws them", () => {
  const cases: [string, () => unknown, string][] = [
    ['an Error named TypeError: "Failed to fetch" (page)', ERRORS.fetchFailed, 'LlmDownloadError'],
    ['the string "TypeError: Failed to fetch" (through a web worker)', () => viaWorker(ERRORS.fetchFailed()), 'LlmDownloadError'],
    ['ModelNotFoundError (page)', ERRORS.modelNotFound, 'LlmDownloadError'],
    ['ModelNotFoundError (worker string)', () => viaWorker(ERRORS.modelNotFound()), 'LlmDownloadError'],
    ['WebGPUNotAvailableError (page)', ERRORS.webgpuNotAvailable, 'LlmUnsupportedError'],
    ['WebGPUNotAvailableError (worker string)', () => viaWorker(ERRORS.webgpuNotAvailable()), 'LlmUnsupportedError'],
    ['ShaderF16SupportError (page)', ERRORS.shaderF16, 'LlmUnsupportedError'],
    ['ShaderF16SupportError (worker string)', () => viaWorker(ERRORS.shaderF16()), 'LlmUnsupportedError'],
    ['DeviceLostError (page)', ERRORS.deviceLost, 'LlmDeviceLostError'],
    ['DeviceLostError (worker string)', () => viaWorker(ERRORS.deviceLost()), 'LlmDeviceLostError'],
    ['a 404 while fetching the weights', () => new Error('Cannot fetch https://huggingface.co/mlc-ai/x/resolve/main/ndarray-cache.json: 404'), 'LlmDownloadError'],
    ['anything else', () => new Error('Unexpected tokenizer failure'), 'LlmEngineError'],
  ];

  for (const [what, make, expected] of cases) {
    it(`load: ${what} → ${expected}`, async () => {
      const fake = new FakeMlc();
      fake.reloadError = make();
      const engine = new WebLlmEngine(async () => fake);
      const err = await engine.load(SPEC, () => undefined).then(
        () => null,
        (e: unknown) => e,
      );
      expect(llmErrorName(err)).toBe(expected);
      // The original message is kept for the user, and the original error as the cause.
      expect((err as Error).message.length).toBeGreaterThan(20);
      expect((err as Error & { cause?: unknown }).cause).toBe(fake.reloadError);
    });
  }

  it('DeviceLostError while generating (worker string) → LlmDeviceLostError; the engine is free again', async () => {
    const { engine, fake } = await loaded();
    fake.script = [{ content: 'What' }, { throw: viaWorker(ERRORS.deviceLost()) }];
    await expect(engine.generate(MESSAGES, { maxTokens: 8, temperature: 0 }, () => undefined)).rejects.toMatchObject({ name: 'LlmDeviceLostError' });
    fake.script = [{ content: 'Again?', finish: 'stop' }];
    expect((await engine.generate(MESSAGES, { maxTokens: 8, temperature: 0 }, () => undefined)).text).toBe('Again?');
  });

  it('ContextWindowSizeExceededError from create() → LlmContextError (the interviewer retries smaller)', async () => {
    const { engine, fake } = await loaded();
    fake.createError = ERRORS.contextExceeded();
    await expect(engine.generate(MESSAGES, { maxTokens: 8, temperature: 0 }, () => undefined)).rejects.toMatchObject({ name: 'LlmContextError' });
    fake.createError = viaWorker(ERRORS.contextExceeded());
    await expect(engine.generate(MESSAGES, { maxTokens: 8, temperature: 0 }, () => undefined)).rejects.toMatchObject({ name: 'LlmContextError' });
  });

  it('an unknown failure while generating says the model failed while writing', async () => {
    const { engine, fake } = await loaded();
    fake.createError = new Error('boom');
    await expect(engine.generate(MESSAGES, { maxTokens: 8, temperature: 0 }, () => undefined)).rejects.toMatchObject({
      name: 'LlmEngineError',
      message: 'The model failed while writing (boom).',
    });
  });

  it('classifyWebLlmError: load vs generate wording for unknown errors; objects with a message', () => {
    expect(classifyWebLlmError(new Error('x'), 'load').message).toBe('The model could not be loaded (x).');
    expect(classifyWebLlmError({ message: 'GPUDevice was lost' }, 'generate').name).toBe('LlmDeviceLostError');
    expect(classifyWebLlmError('Error: The device is lost.', 'generate').name).toBe('LlmDeviceLostError');
    expect(classifyWebLlmError(undefined, 'load').name).toBe('LlmEngineError');
  });
});

/**
 * The WebGPU engine: an adapter from @mlc-ai/web-llm's MLCEngine to the app's ChatEngine. web-llm is
 * reached only through the small `MlcEngineLike` surface below (a structural subset of web-llm's
 * `MLCEngineInterface`), created by an injected factory: the worker passes one that imports web-llm
 * lazily (its 6 MB chunk loads only when this engine is chosen), the unit tests pass a fake.
 */
import type * as WebLlm from '@mlc-ai/web-llm';
import {
  LlmError,
  errorMessage,
  type ChatEngine,
  type ChatMessage,
  type GenerateOptions,
  type GenerateResult,
  type LlmLoadResult,
  type LlmLoadSpec,
  type LlmProgress,
} from '../../src/llm/types';

/** The part of web-llm's MLCEngineInterface the adapter uses (checked against the real type below). */
export interface MlcEngineLike {
  setInitProgressCallback(cb: (report: WebLlm.InitProgressReport) => void): void;
  reload(modelId: string, chatOpts?: WebLlm.ChatOptions): Promise<void>;
  chat: {
    completions: {
      create(request: WebLlm.ChatCompletionRequestStreaming): Promise<AsyncIterable<WebLlm.ChatCompletionChunk>>;
    };
  };
  interruptGenerate(): void;
  unload(): Promise<void>;
}

// Compile-time proof that the real engine satisfies the subset (fails to type-check if web-llm changes).
type Assert<T extends true> = T;
export type WebLlmSatisfiesSubset = Assert<WebLlm.MLCEngineInterface extends MlcEngineLike ? true : false>;

export type MlcEngineFactory = () => Promise<MlcEngineLike>;

const now = (): number => performance.now();

/** Maps web-llm's failures (matched by name/text: its error classes are not exported) to the app's. */
export function classifyWebLlmError(e: unknown, phase: 'load' | 'generate'): LlmError {
  const msg = errorMessage(e);
  const name = typeof e === 'object' && e !== null ? String((e as { name?: unknown }).name ?? '') : '';
  const all = `${name} ${msg}`;
  if (/DeviceLost|device (was )?lost|device is lost/i.test(all)) {
    return new LlmError('LlmDeviceLostError', `The graphics device was lost (${msg}). The GPU may be out of memory.`, { cause: e });
  }
  if (/WebGPUNotAvailable|WebGPUNotFound|ShaderF16Support|FeatureSupport|navigator\.gpu|no adapter/i.test(all)) {
    return new LlmError('LlmUnsupportedError', `This device cannot run the model on WebGPU (${msg}).`, { cause: e });
  }
  if (/Failed to fetch|NetworkError|fetch failed|ModelNotFound|Cannot find model record|\b40[34]\b/i.test(all)) {
    return new LlmError('LlmDownloadError', `The model could not be downloaded (${msg}).`, { cause: e });
  }
  if (/ContextWindowSizeExceeded/i.test(all)) return new LlmError('LlmContextError', msg, { cause: e });
  return new LlmError('LlmEngineError', phase === 'load' ? `The model could not be loaded (${msg}).` : `The model failed while writing (${msg}).`, { cause: e });
}

export class WebLlmEngine implements ChatEngine {
  readonly kind = 'webllm' as const;
  private engine: MlcEngineLike | null = null;
  private spec: LlmLoadSpec | null = null;
  private running: { abortAt: number | null } | null = null;

  constructor(private readonly factory: MlcEngineFactory) {}

  async load(spec: LlmLoadSpec, onProgress: (p: LlmProgress) => void): Promise<LlmLoadResult> {
    const t0 = now();
    await this.unload();
    let engine: MlcEngineLike;
    try {
      engine = await this.factory();
      engine.setInitProgressCallback((r) => onProgress({ fraction: Number.isFinite(r.progress) ? r.progress : null, loaded: 0, total: 0, text: r.text }));
      await engine.reload(spec.model, { context_window_size: spec.contextTokens });
    } catch (e) {
      throw classifyWebLlmError(e, 'load');
    }
    this.engine = engine;
    this.spec = spec;
    return { engine: 'webllm', model: spec.model, loadMs: Math.round(now() - t0), contextTokens: spec.contextTokens, backend: 'webgpu' };
  }

  async generate(messages: ChatMessage[], opts: GenerateOptions, onToken: (piece: string) => void): Promise<GenerateResult> {
    const engine = this.engine;
    if (!engine || !this.spec) throw new LlmError('LlmEngineError', 'No model is loaded.');
    if (this.running) throw new LlmError('LlmBusyError', 'The model is already generating a reply.');
    const run = { abortAt: null as number | null };
    this.running = run;
    const t0 = now();
    let text = '';
    let tokens = 0;
    let promptTokens = 0;
    let firstTokenMs: number | null = null;
    let finish: string | null = null;
    try {
      const stream = await engine.chat.completions.create({
        messages,
        stream: true,
        stream_options: { include_usage: true },
        max_tokens: opts.maxTokens,
        temperature: opts.temperature,
        ...(opts.temperature > 0 ? { top_p: 0.9 } : {}),
        ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
        ...(opts.stop && opts.stop.length > 0 ? { stop: opts.stop } : {}),
        ...(opts.jsonSchema ? { response_format: { type: 'json_object', schema: opts.jsonSchema } } : {}),
      });
      for await (const chunk of stream) {
        const choice = chunk.choices[0];
        const piece = choice?.delta.content ?? '';
        if (piece) {
          if (firstTokenMs === null) firstTokenMs = now() - t0;
          tokens++;
          text += piece;
          onToken(piece);
        }
        if (choice?.finish_reason) finish = choice.finish_reason;
        if (chunk.usage) {
          tokens = chunk.usage.completion_tokens;
          promptTokens = chunk.usage.prompt_tokens;
        }
      }
    } catch (e) {
      throw classifyWebLlmError(e, 'generate');
    } finally {
      this.running = null;
    }
    const end = now();
    const aborted = run.abortAt !== null || finish === 'abort';
    return {
      text,
      tokens,
      promptTokens,
      firstTokenMs: firstTokenMs === null ? null : Math.round(firstTokenMs),
      totalMs: Math.round(end - t0),
      finishReason: aborted ? 'abort' : finish === 'length' ? 'length' : 'stop',
      ...(run.abortAt !== null ? { abortLatencyMs: Math.round((end - run.abortAt) * 10) / 10 } : {}),
    };
  }

  abort(): void {
    const r = this.running;
    if (!r || r.abortAt !== null) return;
    r.abortAt = now();
    this.engine?.interruptGenerate();
  }

  async unload(): Promise<void> {
    const e = this.engine;
    this.engine = null;
    this.spec = null;
    if (e) await e.unload().catch(() => undefined);
  }
}

/**
 * The CPU engine: transformers.js text generation (ONNX Runtime, WASM or WebGPU). It takes the
 * transformers.js module as a parameter so the same code runs in the worker (onnxruntime-web) and in
 * Node (the quality harness and benchmarks, onnxruntime-node).
 */
import type * as Transformers from '@huggingface/transformers';
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
import { StopScanner } from './stop';

export type TransformersModule = Pick<
  typeof Transformers,
  'AutoTokenizer' | 'AutoModelForCausalLM' | 'TextStreamer' | 'InterruptableStoppingCriteria'
>;

interface Loaded {
  tokenizer: Transformers.PreTrainedTokenizer;
  model: Transformers.PreTrainedModel;
  spec: LlmLoadSpec;
}

interface TensorLike {
  dims: readonly number[];
}

const now = (): number => performance.now();

export class TransformersEngine implements ChatEngine {
  readonly kind = 'transformers' as const;
  private loaded: Loaded | null = null;
  private running: { criteria: Transformers.InterruptableStoppingCriteria; abortAt: number | null } | null = null;

  constructor(
    private readonly tf: TransformersModule,
    /** Describes the backend in load results, e.g. 'wasm (2 threads)'. */
    private readonly backend: (device: string) => string = (d) => d,
    /**
     * Awaited before every model step. In a worker, generation otherwise never returns to the event loop
     * (each step's promise resolves as a microtask), so an abort() message would only be read after the
     * whole reply: the worker passes a macrotask yield here.
     */
    private readonly yieldEachStep: (() => Promise<void>) | null = null,
  ) {}

  async load(spec: LlmLoadSpec, onProgress: (p: LlmProgress) => void): Promise<LlmLoadResult> {
    const t0 = now();
    await this.unload();
    const files = new Map<string, { loaded: number; total: number }>();
    const progress_callback = (info: Transformers.ProgressInfo): void => {
      if (info.status === 'progress') {
        files.set(info.file, { loaded: info.loaded, total: info.total });
        let loaded = 0;
        let total = 0;
        for (const f of files.values()) {
          loaded += f.loaded;
          total += f.total;
        }
        onProgress({ fraction: total > 0 ? loaded / total : null, loaded, total, text: `Downloading ${info.file}` });
      } else if (info.status === 'ready') {
        onProgress({ fraction: 1, loaded: 0, total: 0, text: 'Model ready' });
      }
    };
    const device = spec.device ?? 'wasm';
    try {
      const tokenizer = await this.tf.AutoTokenizer.from_pretrained(spec.model, { progress_callback });
      const model = await this.tf.AutoModelForCausalLM.from_pretrained(spec.model, {
        dtype: spec.dtype ?? 'q8',
        // Node's onnxruntime has no 'wasm' device: leave the choice to the library there.
        ...(typeof self !== 'undefined' && 'WorkerGlobalScope' in self ? { device } : {}),
        progress_callback,
      });
      const step = this.yieldEachStep;
      if (step) {
        const forward = model.forward.bind(model);
        model.forward = async (...args: Parameters<typeof forward>) => {
          await step();
          return forward(...args);
        };
      }
      this.loaded = { tokenizer, model, spec };
    } catch (e) {
      throw classifyLoadError(e);
    }
    return {
      engine: 'transformers',
      model: spec.model,
      loadMs: Math.round(now() - t0),
      contextTokens: spec.contextTokens,
      backend: this.backend(device),
    };
  }

  async generate(messages: ChatMessage[], opts: GenerateOptions, onToken: (piece: string) => void): Promise<GenerateResult> {
    const l = this.require();
    if (this.running) throw new LlmError('LlmBusyError', 'The model is already generating a reply.');
    const t0 = now();
    const inputs = l.tokenizer.apply_chat_template(messages, { add_generation_prompt: true, return_dict: true }) as Record<string, TensorLike>;
    const inputIds = inputs.input_ids;
    const promptTokens = inputIds?.dims.at(-1) ?? 0;
    // The reply may use what the prompt leaves of the context; too little left is an error.
    const maxNew = Math.min(opts.maxTokens, l.spec.contextTokens - promptTokens);
    if (maxNew < Math.min(16, opts.maxTokens)) {
      throw new LlmError(
        'LlmContextError',
        `The prompt (${promptTokens} tokens) leaves no room for a reply in the model's context of ${l.spec.contextTokens} tokens.`,
      );
    }
    const criteria = new this.tf.InterruptableStoppingCriteria();
    const run = { criteria, abortAt: null as number | null };
    this.running = run;
    let tokens = 0;
    let firstTokenMs: number | null = null;
    let stopped = false;
    const scanner = new StopScanner(opts.stop ?? []);
    const streamer = new this.tf.TextStreamer(l.tokenizer, {
      skip_prompt: true,
      skip_special_tokens: true,
      token_callback_function: () => {
        tokens++;
        if (firstTokenMs === null) firstTokenMs = now() - t0;
      },
      callback_function: (piece: string) => {
        if (stopped) return;
        const r = scanner.push(piece);
        if (r.emit) onToken(r.emit);
        if (r.stopped) {
          stopped = true;
          criteria.interrupt();
        }
      },
    });
    const greedy = !(opts.temperature > 0);
    try {
      await l.model.generate({
        ...inputs,
        max_new_tokens: maxNew,
        do_sample: !greedy,
        ...(greedy ? {} : { temperature: opts.temperature, top_p: 0.9 }),
        repetition_penalty: 1.1,
        streamer,
        stopping_criteria: criteria,
      } as Parameters<Transformers.PreTrainedModel['generate']>[0]);
    } catch (e) {
      throw new LlmError('LlmEngineError', `The model failed while writing: ${errorMessage(e)}`, { cause: e });
    } finally {
      this.running = null;
    }
    if (!stopped) {
      const rest = scanner.flush();
      if (rest) onToken(rest);
    }
    const end = now();
    const aborted = run.abortAt !== null;
    return {
      text: scanner.text,
      tokens,
      promptTokens,
      firstTokenMs: firstTokenMs === null ? null : Math.round(firstTokenMs),
      totalMs: Math.round(end - t0),
      finishReason: aborted ? 'abort' : stopped ? 'stop' : tokens >= maxNew ? 'length' : 'stop',
      ...(aborted && run.abortAt !== null ? { abortLatencyMs: Math.round((end - run.abortAt) * 10) / 10 } : {}),
    };
  }

  abort(): void {
    const r = this.running;
    if (!r || r.abortAt !== null) return;
    r.abortAt = now();
    r.criteria.interrupt();
  }

  async unload(): Promise<void> {
    const l = this.loaded;
    this.loaded = null;
    this.abort();
    await l?.model.dispose().catch(() => undefined);
  }

  private require(): Loaded {
    if (!this.loaded) throw new LlmError('LlmEngineError', 'No model is loaded.');
    return this.loaded;
  }
}

export function classifyLoadError(e: unknown): LlmError {
  const msg = errorMessage(e);
  const d = msg.toLowerCase();
  if (/failed to fetch|networkerror|network error|could not locate file|not found locally|\b40[134]\b|unauthorized|forbidden|attempted to load a remote file|fetch failed/.test(d)) {
    return new LlmError('LlmDownloadError', `The model files could not be downloaded (${msg}).`, { cause: e });
  }
  if (/webassembly|out of memory|no available backend|not supported|unsupported|webgpu/.test(d)) {
    return new LlmError('LlmUnsupportedError', `This device cannot run the model (${msg}).`, { cause: e });
  }
  return new LlmError('LlmEngineError', `The model could not be loaded (${msg}).`, { cause: e });
}

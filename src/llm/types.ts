/**
 * Types shared by the LLM worker (workers/llm.ts), its engines and the main thread. Pure data.
 */

export type LlmEngineKind = 'webllm' | 'transformers';
/** What the interview runs on: one of the LLM engines, or the scripted interviewer (no model). */
export type InterviewerKind = LlmEngineKind | 'scripted';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface GenerateOptions {
  /** Hard cap on new tokens. */
  maxTokens: number;
  /** 0 = greedy (reproducible). */
  temperature: number;
  /** Sampling seed where the engine supports one (web-llm); greedy decoding needs none. */
  seed?: number;
  /** Generation stops when the text contains one of these (the stop string is not returned). */
  stop?: string[];
  /** A JSON schema (as a string) the output must follow, where the engine can constrain it (web-llm). */
  jsonSchema?: string;
}

export type FinishReason = 'stop' | 'length' | 'abort';

export interface GenerateResult {
  text: string;
  /** New tokens generated. */
  tokens: number;
  /** Tokens in the prompt (after the chat template). */
  promptTokens: number;
  /** From the call to the first streamed token, ms (null: no token). */
  firstTokenMs: number | null;
  totalMs: number;
  finishReason: FinishReason;
  /** When generation was aborted: ms from the abort() call reaching the engine to the loop stopping. */
  abortLatencyMs?: number;
}

export interface LlmLoadSpec {
  engine: LlmEngineKind;
  /** Catalogue id (for messages and the cache key). */
  catalogueId: string;
  /**
   * transformers.js: the model path under the base URL / Hub repo (e.g. 'test/tiny-random-llama');
   * web-llm: the prebuilt model_id (e.g. 'Llama-3.2-1B-Instruct-q4f32_1-MLC').
   */
  model: string;
  /** transformers.js: '/models/' (self-hosted) or null (Hugging Face Hub). Ignored by web-llm. */
  baseUrl: string | null;
  /** transformers.js weights variant. */
  dtype?: 'q4' | 'q8' | 'fp32' | 'q4f16' | 'fp16';
  /** transformers.js device. */
  device?: 'wasm' | 'webgpu';
  /** Context window the prompt must fit in, tokens. */
  contextTokens: number;
}

export interface LlmProgress {
  /** 0–1, or null when unknown. */
  fraction: number | null;
  loaded: number;
  total: number;
  text: string;
}

export interface LlmLoadResult {
  engine: LlmEngineKind;
  model: string;
  loadMs: number;
  contextTokens: number;
  /** e.g. 'wasm (2 threads)' or 'webgpu'. */
  backend: string;
}

/** What every engine in the worker implements (and what the unit tests drive). */
export interface ChatEngine {
  readonly kind: LlmEngineKind;
  load(spec: LlmLoadSpec, onProgress: (p: LlmProgress) => void): Promise<LlmLoadResult>;
  /** Streams text pieces to onToken (each a decoded piece of one or more tokens). */
  generate(messages: ChatMessage[], opts: GenerateOptions, onToken: (piece: string) => void): Promise<GenerateResult>;
  /** Stops a running generate() soon (it resolves with finishReason 'abort'); no-op when idle. */
  abort(): void;
  unload(): Promise<void>;
}

/** Error names the worker uses, so the main thread can classify failures (class identity is lost over Comlink). */
export const LLM_ERROR_NAMES = ['LlmDownloadError', 'LlmUnsupportedError', 'LlmDeviceLostError', 'LlmContextError', 'LlmBusyError', 'LlmEngineError'] as const;
export type LlmErrorName = (typeof LLM_ERROR_NAMES)[number];

export class LlmError extends Error {
  constructor(
    override readonly name: LlmErrorName,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function llmErrorName(e: unknown): LlmErrorName | null {
  const name = typeof e === 'object' && e !== null ? (e as { name?: unknown }).name : undefined;
  return typeof name === 'string' && (LLM_ERROR_NAMES as readonly string[]).includes(name) ? (name as LlmErrorName) : null;
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === 'object' && e !== null && 'message' in e) return String((e as { message: unknown }).message);
  return String(e);
}

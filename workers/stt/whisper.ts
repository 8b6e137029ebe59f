/**
 * Whisper call options and prompting for transformers.js 4.3.1. No transformers.js import here
 * (the Tensor class is passed in), so this is usable from the worker and from Node tests alike.
 *
 * Prompting (e.g. to keep disfluencies "um", "uh" in the transcript): in 4.3.1 the generation config's
 * `prompt_ids` is declared but never read (the parameter is commented out in
 * `WhisperForConditionalGeneration.generate`), while `decoder_input_ids` IS honoured: it replaces the
 * init tokens built from language/task. So a prompt is passed as
 *   <|startofprev|> prompt tokens <|startoftranscript|> <|en|> <|transcribe|> [<|notimestamps|>]
 * The ASR pipeline does not strip the prompt from its output (its text would start with the prompt),
 * so {@link installPromptStripping} removes that prefix from what `model.generate` returns.
 */

export const SAMPLE_RATE = 16000;
/** Audio longer than this is transcribed in overlapping windows. */
export const CHUNK_LENGTH_S = 30;
export const STRIDE_LENGTH_S = 5;
/** Whisper's limit for previous-context tokens: max_target_positions / 2 - 1. */
export const MAX_PROMPT_TOKENS = 223;

/** A prompt that makes Whisper keep filler words instead of cleaning them up. */
export const DISFLUENCY_PROMPT = 'Um, uh, so, like, I mean...';

export interface WhisperTokenizerLike {
  convert_tokens_to_ids(tokens: string): unknown;
  encode(text: string, options?: { add_special_tokens?: boolean }): number[];
}

export interface WhisperSpecialIds {
  startOfPrev: number;
  startOfTranscript: number;
  english: number;
  transcribe: number;
  noTimestamps: number;
}

export function whisperSpecialIds(tokenizer: WhisperTokenizerLike): WhisperSpecialIds {
  const id = (token: string): number => {
    const v = tokenizer.convert_tokens_to_ids(token);
    if (typeof v !== 'number' || !Number.isInteger(v)) throw new Error(`Whisper tokenizer has no ${token} token`);
    return v;
  };
  return {
    startOfPrev: id('<|startofprev|>'),
    startOfTranscript: id('<|startoftranscript|>'),
    english: id('<|en|>'),
    transcribe: id('<|transcribe|>'),
    noTimestamps: id('<|notimestamps|>'),
  };
}

/** The decoder prefix for an English transcription with `prompt` as previous context. */
export function promptDecoderInputIds(
  tokenizer: WhisperTokenizerLike,
  ids: WhisperSpecialIds,
  prompt: string,
  timestamps: boolean,
): number[] {
  const promptIds = tokenizer.encode(` ${prompt.trim()}`, { add_special_tokens: false }).slice(-MAX_PROMPT_TOKENS);
  return [
    ids.startOfPrev,
    ...promptIds,
    ids.startOfTranscript,
    ids.english,
    ids.transcribe,
    ...(timestamps ? [] : [ids.noTimestamps]),
  ];
}

/** Removes `<|startofprev|> … ` up to (not including) `<|startoftranscript|>`; other sequences unchanged. */
export function stripPromptPrefix<T extends bigint | number>(seq: readonly T[], ids: WhisperSpecialIds): T[] {
  if (seq.length === 0 || Number(seq[0]) !== ids.startOfPrev) return [...seq];
  const sot = seq.findIndex((t) => Number(t) === ids.startOfTranscript);
  return sot < 0 ? [...seq] : seq.slice(sot);
}

interface TensorLike {
  dims: readonly number[];
  tolist(): unknown;
}

function isTensorLike(x: unknown): x is TensorLike {
  return typeof x === 'object' && x !== null && Array.isArray((x as TensorLike).dims) && typeof (x as TensorLike).tolist === 'function';
}

type Int64TensorCtor = new (type: 'int64', data: BigInt64Array, dims: number[]) => unknown;

/**
 * Wraps `model.generate` so that prompted outputs come back without the prompt prefix, in the shape the
 * pipeline's decoder expects. Unprompted outputs pass through untouched. Installed once per model.
 */
export function installPromptStripping(
  model: { generate: (...args: never[]) => Promise<unknown> },
  TensorCtor: Int64TensorCtor,
  ids: WhisperSpecialIds,
): void {
  const marker = Symbol.for('stt.promptStripping');
  const m = model as unknown as Record<symbol, boolean> & { generate: (...args: unknown[]) => Promise<unknown> };
  if (m[marker]) return;
  const original = m.generate.bind(model);
  m.generate = async (...args: unknown[]) => {
    const out = await original(...args);
    if (!isTensorLike(out) || out.dims.length !== 2) return out;
    const rows = out.tolist() as bigint[][];
    if (!rows.some((r) => r.length > 0 && Number(r[0]) === ids.startOfPrev)) return out;
    const stripped = rows.map((r) => stripPromptPrefix(r, ids));
    const width = Math.max(0, ...stripped.map((r) => r.length));
    const data = new BigInt64Array(stripped.length * width);
    stripped.forEach((r, i) => data.set(r.map((t) => BigInt(t)), i * width));
    return new TensorCtor('int64', data, [stripped.length, width]);
  };
  m[marker] = true;
}

export interface WhisperRequest {
  timestamps?: boolean;
  /** decoder prefix from {@link promptDecoderInputIds}; omit for no prompt */
  decoderInputIds?: number[];
}

/** Options for the transformers.js ASR pipeline call. */
export function whisperCallOptions(samples: number, req: WhisperRequest = {}): Record<string, unknown> {
  const o: Record<string, unknown> = { language: 'english', task: 'transcribe' };
  if (req.timestamps) o.return_timestamps = true;
  if (samples > CHUNK_LENGTH_S * SAMPLE_RATE) {
    o.chunk_length_s = CHUNK_LENGTH_S;
    o.stride_length_s = STRIDE_LENGTH_S;
  }
  if (req.decoderInputIds) o.decoder_input_ids = req.decoderInputIds;
  return o;
}

export interface SttChunk {
  text: string;
  timestamp: [number, number | null];
}

/** The pipeline's `chunks` as [start, end|null] pairs with trimmed text (empty chunks dropped). */
export function toChunks(raw: unknown): SttChunk[] {
  if (!Array.isArray(raw)) return [];
  const out: SttChunk[] = [];
  for (const c of raw as { text?: unknown; timestamp?: unknown }[]) {
    const text = typeof c.text === 'string' ? c.text.trim() : '';
    if (!text) continue;
    const ts = Array.isArray(c.timestamp) ? (c.timestamp as unknown[]) : [];
    const start = typeof ts[0] === 'number' ? ts[0] : 0;
    const end = typeof ts[1] === 'number' ? ts[1] : null;
    out.push({ text, timestamp: [start, end] });
  }
  return out;
}

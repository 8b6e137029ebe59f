/**
 * The interviewer's voice: text-to-speech over window.speechSynthesis (main thread only: it does not
 * exist in workers).
 *
 * `Speaker.speak()` splits the text into sentences and speaks them one utterance at a time: the first
 * utterance is created and handed to the synthesiser at once, the next one only when the previous has
 * ended, so speech starts quickly, the caption highlight follows the voice, and a stuck utterance can be
 * skipped on its own. It never waits forever:
 * - no voices (Chromium on Linux without speech-dispatcher / `--enable-speech-dispatcher`) → resolves
 *   `{ spoken: false, reason: 'no-voice' }` (the captions carry the question);
 * - each sentence has a timeout from its length and the rate (no audio sink: 'start' fires, 'end' never
 *   does; Chromium also silently stops utterances after ~15 s): on expiry the synthesiser is cancelled and
 *   the next sentence starts, and the result records `reason: 'timeout'`;
 * - an 'error' event ('synthesis-failed', …) ends the whole speak with `{ spoken: false, reason: 'error' }`;
 *   'interrupted'/'canceled' (our own `stop()` or someone else's `cancel()`) → `reason: 'cancelled'`.
 * `firstAudioMs` is the time from the speak() call to the first utterance's 'start' event, also recorded
 * as `performance.measure('tts-first-audio', 'tts-start')`.
 */
import { splitSentences } from './sentences';

/** The parts of SpeechSynthesisEvent / SpeechSynthesisErrorEvent that the speaker reads. */
export interface UtteranceEventLike {
  /** SpeechSynthesisErrorEvent.error: 'synthesis-failed', 'interrupted', 'canceled', … */
  readonly error?: string;
}

/** The parts of SpeechSynthesisUtterance that the speaker uses. */
export interface UtteranceLike {
  text: string;
  rate: number;
  lang: string;
  voice: SpeechSynthesisVoice | null;
  addEventListener(type: 'start' | 'end' | 'error', listener: (event: UtteranceEventLike) => void): void;
}

export type UtteranceCtor = new (text: string) => UtteranceLike;

/** The parts of SpeechSynthesis that the speaker uses (window.speechSynthesis, or a fake in tests). */
export interface SynthLike {
  speak(utterance: UtteranceLike): void;
  cancel(): void;
  getVoices(): SpeechSynthesisVoice[];
  addEventListener(type: 'voiceschanged', listener: () => void): void;
  readonly speaking: boolean;
  readonly pending?: boolean;
}

export interface TimerFns {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
  /** Milliseconds, monotonic (performance.now()). */
  now(): number;
}

/** performance.mark/measure, for the tts_first_audio_ms benchmark. */
export interface PerfLike {
  mark(name: string): unknown;
  measure(name: string, startMark: string): unknown;
  clearMarks?(name?: string): void;
}

export type SpeakFailure = 'no-voice' | 'error' | 'timeout' | 'cancelled';

export interface SpeakResult {
  /** Whether speech was (as far as the browser tells) produced: some sentence started and no error ended it. */
  spoken: boolean;
  /** Why not, or not all of it: 'timeout' means some sentence never reported its end (and was skipped). */
  reason?: SpeakFailure;
  /** Milliseconds from the speak() call to the first 'start' event. */
  firstAudioMs?: number;
  /** The error code of the utterance 'error' event, when reason is 'error'. */
  error?: string;
}

export interface SpeakOptions {
  /** Called when sentence i is handed to the synthesiser (in order, once each), for the caption highlight. */
  onSentence?(index: number, sentence: string): void;
  /** Called once, at the first 'start' event (first audio). */
  onStart?(): void;
  /** Aborting stops this speak like stop() does. */
  signal?: AbortSignal;
}

export interface SentenceTimeout {
  /** Fixed allowance per sentence (speech engine start-up, pauses). */
  baseMs: number;
  /** Allowance per word at rate 1 (divided by the rate). */
  perWordMs: number;
  /** Upper bound for one sentence. */
  maxMs: number;
}

/**
 * Default sentence timeout. 400 ms a word (150 words a minute, a little slower than espeak-ng's and the
 * usual voices' default) so real speech is never cut off; the cap is above what a 220-character sentence
 * needs at rate 0.5.
 */
export const DEFAULT_SENTENCE_TIMEOUT: SentenceTimeout = { baseMs: 1500, perWordMs: 400, maxMs: 45_000 };

export const MIN_RATE = 0.5;
export const MAX_RATE = 2;
/** How long voices() waits for 'voiceschanged' (Chromium + speech-dispatcher: ~1.7–3 s). */
export const VOICES_TIMEOUT_MS = 6000;

/** Words in a sentence (at least 1). */
function countWords(sentence: string): number {
  return Math.max(1, sentence.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length);
}

/** How long a sentence may take before the speaker moves on: base + perWord × words / rate, capped. */
export function sentenceTimeoutMs(sentence: string, rate = 1, t: SentenceTimeout = DEFAULT_SENTENCE_TIMEOUT): number {
  const r = clampRate(rate);
  return Math.min(t.maxMs, Math.round(t.baseMs + (t.perWordMs * countWords(sentence)) / r));
}

export function clampRate(rate: number): number {
  if (!Number.isFinite(rate)) return 1;
  return Math.min(MAX_RATE, Math.max(MIN_RATE, rate));
}

export interface SpeakerOptions {
  /** Default: window.speechSynthesis, or null where it does not exist (→ always 'no-voice'). */
  synth?: SynthLike | null;
  /** Default: SpeechSynthesisUtterance. */
  Utterance?: UtteranceCtor | null;
  /** Default: the global setTimeout/clearTimeout and performance.now(), looked up at each call. */
  timers?: Partial<TimerFns>;
  /** Default: the global performance when it has mark/measure; null to record nothing. */
  performance?: PerfLike | null;
  voicesTimeoutMs?: number;
  sentenceTimeout?: Partial<SentenceTimeout>;
  /** Initial rate (0.5–2) and voice. */
  rate?: number;
  voiceURI?: string | null;
  /** utterance.lang when no voice is chosen (e.g. 'en-US'); default: leave it to the browser. */
  lang?: string;
}

const defaultTimers: TimerFns = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (id) => globalThis.clearTimeout(id as ReturnType<typeof globalThis.setTimeout>),
  now: () => (typeof performance !== 'undefined' ? performance.now() : Date.now()),
};

function defaultSynth(): SynthLike | null {
  return typeof speechSynthesis !== 'undefined' ? speechSynthesis : null;
}

function defaultUtterance(): UtteranceCtor | null {
  return typeof SpeechSynthesisUtterance !== 'undefined' ? SpeechSynthesisUtterance : null;
}

function defaultPerf(): PerfLike | null {
  if (typeof performance === 'undefined') return null;
  return typeof performance.mark === 'function' && typeof performance.measure === 'function' ? performance : null;
}

type SentenceOutcome = { kind: 'end' } | { kind: 'timeout' } | { kind: 'error'; error: string } | { kind: 'stopped' };

/** One speak() call. */
class Run {
  finished = false;
  started = false;
  firstAudioMs: number | undefined;
  /** Utterances of this run, kept referenced until it ends (Chromium may otherwise collect them and never fire 'end'). */
  readonly utterances: UtteranceLike[] = [];
  /** Wakes the sentence being waited for (stop, abort). */
  wake: ((o: SentenceOutcome) => void) | null = null;
  cleanup: Array<() => void> = [];
  /** Streaming runs (beginStream): sentences arrive while speaking. */
  stream: { queue: string[]; queued: string[]; open: boolean; notify: (() => void) | null; adoptTimer: unknown } | null = null;
  private resolveFn!: (r: SpeakResult) => void;
  readonly promise = new Promise<SpeakResult>((resolve) => (this.resolveFn = resolve));

  constructor(
    readonly t0: number,
    readonly options: SpeakOptions,
  ) {}

  finish(result: Omit<SpeakResult, 'firstAudioMs'>): void {
    if (this.finished) return;
    this.finished = true;
    for (const fn of this.cleanup.splice(0)) fn();
    this.wake?.({ kind: 'stopped' });
    this.wake = null;
    this.stream?.notify?.();
    this.utterances.length = 0;
    const out: SpeakResult = { ...result };
    if (this.firstAudioMs !== undefined) out.firstAudioMs = this.firstAudioMs;
    if (out.reason === undefined) delete out.reason;
    if (out.error === undefined) delete out.error;
    this.resolveFn(out);
  }
}

/** Calls a user callback without letting it break the speaker. */
function safely(fn: (() => void) | undefined): void {
  if (!fn) return;
  try {
    fn();
  } catch (e) {
    console.error('tts callback failed', e);
  }
}

export class Speaker {
  private readonly synth: SynthLike | null;
  private readonly Utterance: UtteranceCtor | null;
  private readonly timers: TimerFns;
  private readonly perf: PerfLike | null;
  private readonly voicesTimeoutMs: number;
  private readonly sentenceTimeout: SentenceTimeout;
  private readonly lang: string | undefined;
  private rateValue: number;
  private voiceURIValue: string | null;
  private current: Run | null = null;
  /** voices() has waited once (voiceschanged or timeout): later calls answer at once. */
  private voicesSettled = false;
  private voicesWait: Promise<SpeechSynthesisVoice[]> | null = null;

  constructor(options: SpeakerOptions = {}) {
    this.synth = options.synth !== undefined ? options.synth : defaultSynth();
    this.Utterance = options.Utterance !== undefined ? options.Utterance : defaultUtterance();
    this.timers = { ...defaultTimers, ...options.timers };
    this.perf = options.performance !== undefined ? options.performance : defaultPerf();
    this.voicesTimeoutMs = options.voicesTimeoutMs ?? VOICES_TIMEOUT_MS;
    this.sentenceTimeout = { ...DEFAULT_SENTENCE_TIMEOUT, ...options.sentenceTimeout };
    this.lang = options.lang;
    this.rateValue = clampRate(options.rate ?? 1);
    this.voiceURIValue = options.voiceURI ?? null;
  }

  /** Whether speech synthesis exists at all here. */
  get available(): boolean {
    return this.synth !== null && this.Utterance !== null;
  }

  /** True from a speak() call until its promise resolves. */
  get speaking(): boolean {
    return this.current !== null && !this.current.finished;
  }

  /** A streamed line is being spoken (beginStream) and has not ended: the next speak() may join it. */
  get streaming(): boolean {
    return this.current !== null && !this.current.finished && this.current.stream !== null && this.current.stream.open;
  }

  get rate(): number {
    return this.rateValue;
  }

  get voiceURI(): string | null {
    return this.voiceURIValue;
  }

  /** Speaking rate, clamped to 0.5–2; applies from the next sentence on. */
  setRate(rate: number): void {
    this.rateValue = clampRate(rate);
  }

  /** The voice by voiceURI (null: the browser's default); applies from the next sentence on. */
  setVoice(voiceURI: string | null): void {
    this.voiceURIValue = voiceURI;
  }

  /**
   * The available voices. Chromium fills the list asynchronously: when it is empty this waits for
   * 'voiceschanged' (up to voicesTimeoutMs, once per Speaker) and resolves [] when there are none.
   */
  voices(): Promise<SpeechSynthesisVoice[]> {
    const synth = this.synth;
    if (!synth || !this.Utterance) return Promise.resolve([]);
    const now = this.readVoices();
    if (now.length > 0 || this.voicesSettled) {
      this.voicesSettled = true;
      return Promise.resolve(now);
    }
    this.voicesWait ??= new Promise<SpeechSynthesisVoice[]>((resolve) => {
      let done = false;
      const settle = () => {
        if (done) return;
        done = true;
        this.timers.clearTimeout(timer);
        this.voicesSettled = true;
        this.voicesWait = null;
        resolve(this.readVoices());
      };
      const timer = this.timers.setTimeout(settle, this.voicesTimeoutMs);
      // Chromium may fire 'voiceschanged' more than once; an empty list is not the final word.
      synth.addEventListener('voiceschanged', () => {
        if (!done && this.readVoices().length > 0) settle();
      });
    });
    return this.voicesWait;
  }

  /**
   * Speaks text sentence by sentence. Resolves when all sentences are done (or skipped after their
   * timeout), on an error, on stop()/abort, or at once when there is no voice. Never rejects.
   * A new speak() stops the previous one (which resolves 'cancelled').
   */
  speak(text: string, options: SpeakOptions = {}): Promise<SpeakResult> {
    const adopted = this.adopt(text, options);
    if (adopted) return adopted;
    this.stop();
    const run = new Run(this.timers.now(), options);
    this.current = run;
    this.markStart();
    const { signal } = options;
    if (signal) {
      if (signal.aborted) {
        run.finish({ spoken: false, reason: 'cancelled' });
        return run.promise;
      }
      const onAbort = () => this.stopRun(run);
      signal.addEventListener('abort', onAbort, { once: true });
      run.cleanup.push(() => signal.removeEventListener('abort', onAbort));
    }
    run.cleanup.push(() => {
      if (this.current === run) this.current = null;
    });
    void this.drive(run, text).catch((e: unknown) => {
      console.error('tts failed', e);
      run.finish({ spoken: false, reason: 'error', error: e instanceof Error ? e.message : String(e) });
    });
    return run.promise;
  }

  /**
   * Streaming speech (an AI interviewer writing its line): sentences are spoken as they arrive through
   * pushStream(), so speech starts before generation ends. endStream(false) stops (the line was
   * rejected); endStream(true) waits up to `adoptMs` for speak() with the final text, which then joins
   * this run if the text starts with the sentences already queued (nothing is said twice).
   */
  beginStream(options: SpeakOptions = {}): void {
    this.stop();
    const run = new Run(this.timers.now(), options);
    run.stream = { queue: [], queued: [], open: true, notify: null, adoptTimer: null };
    this.current = run;
    this.markStart();
    run.cleanup.push(() => {
      if (this.current === run) this.current = null;
      if (run.stream?.adoptTimer) this.timers.clearTimeout(run.stream.adoptTimer as ReturnType<typeof setTimeout>);
    });
    void this.driveStream(run).catch((e: unknown) => run.finish({ spoken: false, reason: 'error', error: e instanceof Error ? e.message : String(e) }));
  }

  /** The complete sentences of the line so far (cumulative): new ones are queued. */
  pushStream(sentences: readonly string[]): void {
    const st = this.current?.stream;
    if (!st || !st.open || this.current?.finished) return;
    for (let i = st.queued.length; i < sentences.length; i++) {
      st.queued.push(sentences[i]!);
      st.queue.push(sentences[i]!);
    }
    st.notify?.();
  }

  endStream(accepted: boolean, adoptMs = 4000): void {
    const run = this.current;
    const st = run?.stream;
    if (!run || !st || run.finished) return;
    if (!accepted) return this.stopRun(run);
    st.adoptTimer = this.timers.setTimeout(() => {
      st.open = false;
      st.notify?.();
    }, adoptMs);
  }

  private adopt(text: string, options: SpeakOptions): Promise<SpeakResult> | null {
    const run = this.current;
    const st = run?.stream;
    if (!run || !st || run.finished || !st.open) return null;
    const norm = (x: string): string => x.replace(/\s+/g, ' ').trim();
    const sentences = splitSentences(text);
    if (st.queued.length === 0 || st.queued.length > sentences.length) return null;
    if (!st.queued.every((q, i) => norm(q) === norm(sentences[i]!))) return null;
    this.pushStream(sentences);
    st.open = false;
    if (st.adoptTimer) this.timers.clearTimeout(st.adoptTimer as ReturnType<typeof setTimeout>);
    if (options.onSentence) run.options.onSentence = options.onSentence;
    st.notify?.();
    return run.promise;
  }

  private async driveStream(run: Run): Promise<void> {
    const synth = this.synth;
    const Utterance = this.Utterance;
    const st = run.stream!;
    if (!synth || !Utterance) return run.finish({ spoken: false, reason: 'no-voice' });
    const voices = await this.voices();
    if (run.finished) return;
    if (voices.length === 0) return run.finish({ spoken: false, reason: 'no-voice' });
    if (synth.speaking || synth.pending) this.cancelSynth();
    let index = 0;
    for (;;) {
      if (run.finished) return;
      const sentence = st.queue.shift();
      if (sentence === undefined) {
        if (!st.open) break;
        await new Promise<void>((resolve) => (st.notify = resolve));
        st.notify = null;
        continue;
      }
      const outcome = await this.speakSentence(run, synth, Utterance, voices, index++, sentence);
      if (run.finished || outcome.kind === 'stopped') return;
      if (outcome.kind === 'timeout') this.cancelSynth();
      else if (outcome.kind === 'error') {
        if (outcome.error === 'interrupted' || outcome.error === 'canceled') return run.finish({ spoken: run.started, reason: 'cancelled' });
        this.cancelSynth();
        return run.finish({ spoken: false, reason: 'error', error: outcome.error });
      }
    }
    run.finish({ spoken: run.started });
  }

  /** Barge-in: stops the current and queued sentences; the pending speak() resolves 'cancelled'. */
  stop(): void {
    const run = this.current;
    if (run) this.stopRun(run);
  }

  private stopRun(run: Run): void {
    if (run.finished) return;
    run.finish({ spoken: run.started, reason: 'cancelled' });
    this.cancelSynth();
  }

  private async drive(run: Run, text: string): Promise<void> {
    const synth = this.synth;
    const Utterance = this.Utterance;
    if (!synth || !Utterance) return run.finish({ spoken: false, reason: 'no-voice' });
    const voices = await this.voices();
    if (run.finished) return;
    if (voices.length === 0) return run.finish({ spoken: false, reason: 'no-voice' });
    const sentences = splitSentences(text);
    if (sentences.length === 0) return run.finish({ spoken: false });

    // Chromium can be left "speaking" by an utterance that never ended (no audio sink, the ~15 s cut-off):
    // a new utterance would then queue behind it forever. Start from a clean queue.
    if (synth.speaking || synth.pending) this.cancelSynth();

    let timedOut = false;
    for (let i = 0; i < sentences.length; i++) {
      if (run.finished) return;
      const sentence = sentences[i]!;
      const outcome = await this.speakSentence(run, synth, Utterance, voices, i, sentence);
      if (run.finished || outcome.kind === 'stopped') return;
      if (outcome.kind === 'timeout') {
        timedOut = true;
        this.cancelSynth(); // unstick the synthesiser before the next sentence
      } else if (outcome.kind === 'error') {
        if (outcome.error === 'interrupted' || outcome.error === 'canceled') {
          return run.finish({ spoken: run.started, reason: 'cancelled' });
        }
        this.cancelSynth();
        return run.finish({ spoken: false, reason: 'error', error: outcome.error });
      }
    }
    run.finish(timedOut ? { spoken: run.started, reason: 'timeout' } : { spoken: run.started });
  }

  /** Creates, hands over and waits for one sentence's utterance. */
  private speakSentence(
    run: Run,
    synth: SynthLike,
    Utterance: UtteranceCtor,
    voices: SpeechSynthesisVoice[],
    index: number,
    sentence: string,
  ): Promise<SentenceOutcome> {
    return new Promise<SentenceOutcome>((resolve) => {
      let settled = false;
      const timeoutMs = sentenceTimeoutMs(sentence, this.rateValue, this.sentenceTimeout);
      const settle = (o: SentenceOutcome) => {
        if (settled) return;
        settled = true;
        this.timers.clearTimeout(timer);
        if (run.wake === settle) run.wake = null;
        resolve(o);
      };
      run.wake = settle;

      const u = new Utterance(sentence);
      u.rate = this.rateValue;
      const voice = this.pickVoice(voices);
      if (voice) {
        u.voice = voice;
        if (voice.lang) u.lang = voice.lang;
      } else if (this.lang) {
        u.lang = this.lang;
      }
      u.addEventListener('start', () => {
        if (settled || run.finished) return;
        if (!run.started) {
          run.started = true;
          run.firstAudioMs = Math.max(0, this.timers.now() - run.t0);
          this.measureFirstAudio();
          safely(run.options.onStart);
        }
      });
      u.addEventListener('end', () => settle({ kind: 'end' }));
      u.addEventListener('error', (e) => settle({ kind: 'error', error: e?.error ?? 'unknown' }));
      run.utterances.push(u);

      const timer = this.timers.setTimeout(() => settle({ kind: 'timeout' }), timeoutMs);
      safely(run.options.onSentence ? () => run.options.onSentence?.(index, sentence) : undefined);
      if (run.finished) return settle({ kind: 'stopped' }); // the callback stopped us
      try {
        synth.speak(u);
      } catch (e) {
        settle({ kind: 'error', error: e instanceof Error ? e.message : 'speak-failed' });
      }
    });
  }

  private pickVoice(voices: SpeechSynthesisVoice[]): SpeechSynthesisVoice | null {
    const uri = this.voiceURIValue;
    if (uri === null) return null;
    return voices.find((v) => v.voiceURI === uri) ?? null;
  }

  private readVoices(): SpeechSynthesisVoice[] {
    try {
      return this.synth?.getVoices() ?? [];
    } catch {
      return [];
    }
  }

  private cancelSynth(): void {
    try {
      this.synth?.cancel();
    } catch {
      // nothing to cancel
    }
  }

  private markStart(): void {
    const p = this.perf;
    if (!p) return;
    try {
      p.clearMarks?.('tts-start');
      p.mark('tts-start');
    } catch {
      // performance marks are best effort
    }
  }

  private measureFirstAudio(): void {
    const p = this.perf;
    if (!p) return;
    try {
      p.measure('tts-first-audio', 'tts-start');
    } catch {
      // the mark may have been cleared by someone else
    }
  }
}

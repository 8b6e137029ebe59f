import type { SpeechTiming } from '../../session/types';

/**
 * Runs one spoken turn at a time: the interviewer's line is spoken (captions always shown), the microphone
 * listens (barge-in stops the voice), the voice activity detector ends the turn after a silence (or the
 * candidate presses Done / releases push-to-talk), and the audio is transcribed in the STT worker.
 * Engines are injected so the logic is testable without a browser.
 */

export interface SttLike {
  transcribe(pcm: Float32Array, opts?: { partial?: boolean; prompt?: string }): Promise<{ text: string; skipped?: boolean; ms?: number; audioMs?: number }>;
}
export interface SpeakerLike {
  speak(text: string, opts?: { onSentence?(i: number, sentence: string): void }): Promise<{ spoken: boolean; reason?: string }>;
  stop(): void;
}
export interface MicLike {
  stop(): Promise<void>;
}
export type VadEventLike =
  | { type: 'speech-start'; t: number }
  | { type: 'speech-end'; t: number; lastSpeechT?: number }
  | { type: 'pause'; t: number; ms: number };
export interface RecorderLike {
  push(pcm16k: Float32Array): void;
  audio(): Float32Array;
  reset(): void;
  /** Silence since the end of the last speech (ms), 0 while speaking or before any speech. */
  silentForMs?(): number;
  /** End of the last speech so far (ms of audio), null before any: changes whenever speech resumes. */
  lastSpeechMs?(): number | null;
}

/**
 * After this much silence the final transcription starts speculatively: the answer has probably ended
 * (the detector ends it at 1.2 s). If no speech follows, the final transcript is that result, ready about
 * half a second sooner; if speech resumes, it is discarded.
 */
export const SPECULATIVE_FINAL_SILENCE_MS = 700;

/**
 * A partial transcript is skipped once the candidate has been silent this long: the answer may be about to
 * end, and a partial still running then would delay the final transcript (one inference at a time).
 */
export const PARTIAL_SKIP_SILENCE_MS = 400;
/** Partial transcripts cover at most the last 6 s of the answer (16 kHz samples). */
export const PARTIAL_WINDOW_SAMPLES = 6 * 16_000;
export interface VoiceDeps {
  stt: SttLike;
  speaker: SpeakerLike | null;
  openMic(onChunk: (pcm16k: Float32Array) => void, onLevel: (rms: number) => void): Promise<MicLike>;
  createRecorder(onEvent: (e: VadEventLike) => void, onTooQuiet: () => void): RecorderLike;
  now(): number;
  /** Partial transcripts while the candidate speaks, every this many ms (0 = off). */
  partialEveryMs?: number;
  /** Previous-context prompt for the final transcript (keeps filler words such as "um" in Whisper's text). */
  finalPrompt?: string;
}

export type VoicePhase = 'idle' | 'speaking' | 'listening' | 'transcribing' | 'error';

export interface VoiceView {
  phase: VoicePhase;
  /** Captions of the interviewer's line and the sentence being spoken. */
  sentence: number | null;
  spoken: boolean;
  spokenReason: string | null;
  level: number;
  partial: string;
  heardSpeech: boolean;
  /** The detector hears the candidate speaking right now (between speech-start and speech-end). */
  candidateSpeaking: boolean;
  tooQuiet: boolean;
  message: string | null;
}

export interface SpokenAnswer {
  text: string;
  speech: SpeechTiming;
}

const INITIAL: VoiceView = { phase: 'idle', sentence: null, spoken: false, spokenReason: null, level: 0, partial: '', heardSpeech: false, candidateSpeaking: false, tooQuiet: false, message: null };

export class VoiceController {
  private view: VoiceView = INITIAL;
  private mic: MicLike | null = null;
  private recorder: RecorderLike | null = null;
  private turn = 0;
  private firstSpeechAudioT: number | null = null;
  private lastSpeechEndAudioT: number | null = null;
  private pauses: number[] = [];
  private readyAt = 0;
  private listenStartedAt = 0;
  private speaking = false;
  private holding = false;
  private finishing = false;
  private partialTimer: ReturnType<typeof setInterval> | null = null;
  private speculateTimer: ReturnType<typeof setInterval> | null = null;
  /** A final transcription started early, for the speech that ended at `lastSpeech`. */
  private speculative: { turn: number; lastSpeech: number | null; result: Promise<{ text: string; skipped?: boolean; ms?: number; audioMs?: number }> } | null = null;
  private resolveTurn: ((a: SpokenAnswer | null) => void) | null = null;
  /** When the detector said the answer was over (for the end-of-speech → transcript latency). */
  private speechEndedAt: number | null = null;

  constructor(
    private readonly deps: VoiceDeps,
    private readonly onView: (v: VoiceView) => void,
  ) {}

  get state(): VoiceView {
    return this.view;
  }

  private set(patch: Partial<VoiceView>): void {
    this.view = { ...this.view, ...patch };
    this.onView(this.view);
  }

  /**
   * Speak `text` and listen for the answer. Resolves with the transcript and its timing, or null when the
   * turn was cancelled. The microphone opens at once so that speaking over the interviewer stops it.
   */
  async ask(text: string): Promise<SpokenAnswer | null> {
    this.cancel();
    const turn = ++this.turn;
    this.firstSpeechAudioT = null;
    this.lastSpeechEndAudioT = null;
    this.pauses = [];
    this.finishing = false;
    this.holding = false;
    this.set({ ...INITIAL, phase: 'speaking' });
    const answer = new Promise<SpokenAnswer | null>((resolve) => (this.resolveTurn = resolve));
    try {
      await this.openMic(turn);
    } catch (err) {
      this.set({ phase: 'error', message: err instanceof Error ? err.message : String(err) });
      this.finish(null);
      return answer;
    }
    this.speaking = true;
    const result = this.deps.speaker
      ? await this.deps.speaker.speak(text, { onSentence: (i) => turn === this.turn && this.set({ sentence: i }) })
      : { spoken: false, reason: 'no-voice' };
    this.speaking = false;
    if (turn !== this.turn) return answer;
    this.readyAt = this.deps.now();
    this.set({ phase: 'listening', sentence: null, spoken: result.spoken, spokenReason: result.spoken ? null : (result.reason ?? null) });
    return answer;
  }

  /** The candidate says they are done (button, or push-to-talk released). */
  done(): void {
    void this.finalize();
  }

  /**
   * Push-to-talk: while held, silences do not end the answer (and the interviewer stops talking);
   * releasing it ends the answer.
   */
  hold(down: boolean): void {
    if (down) {
      this.holding = true;
      this.deps.speaker?.stop();
      if (this.view.phase === 'speaking') this.set({ phase: 'listening' });
    } else if (this.holding) {
      this.holding = false;
      void this.finalize();
    }
  }

  /**
   * Stop everything (leaving the room, switching to typed answers). `keepSpeech`: the interviewer's next
   * line is already being spoken (streamed from the AI interviewer): leave the speaker alone.
   */
  cancel({ keepSpeech = false }: { keepSpeech?: boolean } = {}): void {
    this.turn++;
    if (!keepSpeech) this.deps.speaker?.stop();
    this.stopListening();
    this.finish(null);
    this.set({ ...INITIAL });
  }

  private async openMic(turn: number): Promise<void> {
    this.listenStartedAt = this.deps.now();
    this.recorder = this.deps.createRecorder(
      (e) => turn === this.turn && this.onVad(e),
      () => turn === this.turn && this.set({ tooQuiet: true }),
    );
    this.mic = await this.deps.openMic(
      (pcm) => turn === this.turn && this.recorder?.push(pcm),
      (rms) => turn === this.turn && this.set({ level: rms }),
    );
    const every = this.deps.partialEveryMs ?? 2500;
    if (every > 0) this.partialTimer = setInterval(() => void this.partial(turn), every);
    if (this.recorder.silentForMs && this.recorder.lastSpeechMs) this.speculateTimer = setInterval(() => this.speculate(turn), 100);
  }

  private finalOptions(): { prompt?: string } {
    return this.deps.finalPrompt ? { prompt: this.deps.finalPrompt } : {};
  }

  /** Starts the final transcription early once the candidate has been quiet for a while (see above). */
  private speculate(turn: number): void {
    const r = this.recorder;
    if (turn !== this.turn || this.finishing || this.holding || this.firstSpeechAudioT === null || !r?.silentForMs || !r.lastSpeechMs) return;
    if (r.silentForMs() < SPECULATIVE_FINAL_SILENCE_MS) return;
    const lastSpeech = r.lastSpeechMs();
    if (this.speculative?.turn === turn && this.speculative.lastSpeech === lastSpeech) return; // already started for this silence
    const result = this.deps.stt.transcribe(r.audio(), this.finalOptions());
    result.catch(() => undefined);
    this.speculative = { turn, lastSpeech, result };
  }

  private onVad(e: VadEventLike): void {
    if (e.type === 'speech-start') {
      if (this.firstSpeechAudioT === null) this.firstSpeechAudioT = e.t;
      if (this.speaking) this.deps.speaker?.stop(); // barge-in
      this.set({ heardSpeech: true, candidateSpeaking: true, tooQuiet: false });
    } else if (e.type === 'pause') {
      this.pauses.push(e.ms);
    } else {
      // The end of the last word, not the moment the silence was long enough to end the turn.
      this.lastSpeechEndAudioT = e.lastSpeechT ?? e.t;
      this.speechEndedAt = this.deps.now();
      this.set({ candidateSpeaking: false });
      if (!this.speaking && !this.holding) void this.finalize();
    }
  }

  private async partial(turn: number): Promise<void> {
    if (turn !== this.turn || this.finishing || !this.recorder || this.firstSpeechAudioT === null) return;
    if ((this.recorder.silentForMs?.() ?? 0) >= PARTIAL_SKIP_SILENCE_MS) return;
    try {
      // Live captions follow the latest words only: a short window keeps each partial quick, so the final
      // transcription (one inference at a time) rarely waits long behind one.
      const audio = this.recorder.audio();
      const windowed = audio.length > PARTIAL_WINDOW_SAMPLES;
      const r = await this.deps.stt.transcribe(windowed ? audio.subarray(audio.length - PARTIAL_WINDOW_SAMPLES) : audio, { partial: true });
      if (turn === this.turn && !this.finishing && !r.skipped && r.text.trim()) this.set({ partial: `${windowed ? '… ' : ''}${r.text.trim()}` });
    } catch {
      /* partials are best effort; the final transcript reports errors */
    }
  }

  private stopListening(): void {
    if (this.partialTimer) clearInterval(this.partialTimer);
    this.partialTimer = null;
    if (this.speculateTimer) clearInterval(this.speculateTimer);
    this.speculateTimer = null;
    const mic = this.mic;
    this.mic = null;
    void mic?.stop();
  }

  private async finalize(): Promise<void> {
    if (this.finishing || !this.recorder) return;
    this.finishing = true;
    const turn = this.turn;
    const recorder = this.recorder;
    this.deps.speaker?.stop();
    this.stopListening();
    const audio = recorder.audio();
    // The speculative transcription covers the same speech if none came after it started.
    const spec = this.speculative;
    this.speculative = null;
    const reuse = spec !== null && spec.turn === turn && recorder.lastSpeechMs?.() === spec.lastSpeech;
    this.set({ phase: 'transcribing', candidateSpeaking: false });
    try {
      const result = reuse ? await spec.result : await this.deps.stt.transcribe(audio, this.finalOptions());
      if (turn !== this.turn) return;
      const { text } = result;
      markTranscript(result, this.speechEndedAt === null ? null : this.deps.now() - this.speechEndedAt, reuse);
      const clean = text.trim();
      if (!clean) {
        this.set({ phase: 'listening', message: "I didn't catch anything. Speak again, or type your answer." });
        this.finishing = false;
        await this.openMic(turn);
        return;
      }
      const first = this.firstSpeechAudioT ?? 0;
      const last = this.lastSpeechEndAudioT ?? audio.length / 16;
      const speech: SpeechTiming = {
        speakingMs: Math.max(0, Math.round(last - first)),
        pausesMs: this.pauses.map((p) => Math.round(p)),
        firstWordMs: this.firstSpeechAudioT === null ? null : Math.max(0, Math.round(this.listenStartedAt + first - this.readyAt)),
        audioMs: Math.round(audio.length / 16),
      };
      this.set({ phase: 'idle', partial: clean });
      this.finish({ text: clean, speech });
    } catch (err) {
      if (turn !== this.turn) return;
      this.set({ phase: 'error', message: `Transcription failed: ${err instanceof Error ? err.message : String(err)}. Type your answer instead.` });
      this.finish(null);
    }
  }

  private finish(a: SpokenAnswer | null): void {
    const r = this.resolveTurn;
    this.resolveTurn = null;
    this.recorder = null;
    r?.(a);
  }
}

/**
 * User Timing entries for the benchmarks and DevTools: the worker's inference time over the audio length
 * ('stt-inference'), and the detector's end of speech → final transcript ('stt-final-latency').
 */
function markTranscript(r: { ms?: number; audioMs?: number }, latencyMs: number | null, speculative = false): void {
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  try {
    if (r.ms !== undefined) performance.mark('stt-inference', { detail: { ms: r.ms, audioMs: r.audioMs ?? null } });
    if (latencyMs !== null) performance.mark('stt-final-latency', { detail: { ms: latencyMs, speculative } });
  } catch {
    /* marks are best effort */
  }
}

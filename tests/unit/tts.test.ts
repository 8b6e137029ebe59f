import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest';
import {
  Speaker,
  sentenceTimeoutMs,
  clampRate,
  DEFAULT_SENTENCE_TIMEOUT,
  VOICES_TIMEOUT_MS,
  type SpeakResult,
  type SynthLike,
  type UtteranceEventLike,
  type UtteranceLike,
  type PerfLike,
} from '../../src/media/tts';

// ---------------------------------------------------------------------------------------------
// A fake speechSynthesis. Events are fired through the (fake) timers, like the browser's task queue.

type Listener = (e: UtteranceEventLike) => void;

class FakeUtterance implements UtteranceLike {
  rate = 1;
  lang = '';
  voice: SpeechSynthesisVoice | null = null;
  private readonly listeners = new Map<string, Listener[]>();
  constructor(public text: string) {}
  addEventListener(type: 'start' | 'end' | 'error', listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  fire(type: 'start' | 'end' | 'error', event: UtteranceEventLike = {}): void {
    for (const l of this.listeners.get(type) ?? []) l(event);
  }
}

/** What the fake engine does with an utterance handed to speak(). */
type Behaviour =
  | { kind: 'normal'; startAfterMs: number; durationMs: number }
  | { kind: 'no-end'; startAfterMs: number } // no audio sink: 'start' fires, 'end' never does
  | { kind: 'silent' } // nothing at all
  | { kind: 'error'; error: string; afterMs: number };

function voice(name: string, lang = 'en-US'): SpeechSynthesisVoice {
  return { name, lang, voiceURI: `urn:${name}`, default: false, localService: true } as SpeechSynthesisVoice;
}

const VOICES = [voice('English (America) espeak-ng'), voice('English (Great Britain) espeak-ng', 'en-GB')];

class FakeSynth implements SynthLike {
  voices: SpeechSynthesisVoice[] = [...VOICES];
  behaviour: Behaviour = { kind: 'normal', startAfterMs: 50, durationMs: 1000 };
  /** Behaviour per utterance index (overrides `behaviour`). */
  behaviourAt = new Map<number, Behaviour>();
  readonly created: FakeUtterance[] = [];
  readonly spoken: FakeUtterance[] = [];
  cancelCount = 0;
  speaking = false;
  pending = false;
  private current: FakeUtterance | null = null;
  private timers: ReturnType<typeof setTimeout>[] = [];
  private readonly voicesListeners: Array<() => void> = [];

  /** The injectable constructor, recording every utterance created. */
  readonly Utterance = (() => {
    const created = this.created;
    return class extends FakeUtterance {
      constructor(text: string) {
        super(text);
        created.push(this);
      }
    };
  })();

  speak(u: UtteranceLike): void {
    const utt = u as FakeUtterance;
    const b = this.behaviourAt.get(this.spoken.length) ?? this.behaviour;
    this.spoken.push(utt);
    this.current = utt;
    this.speaking = true;
    const at = (ms: number, fn: () => void) => this.timers.push(setTimeout(fn, ms));
    switch (b.kind) {
      case 'normal':
        at(b.startAfterMs, () => utt.fire('start'));
        at(b.startAfterMs + b.durationMs, () => {
          this.speaking = false;
          this.current = null;
          utt.fire('end');
        });
        break;
      case 'no-end':
        at(b.startAfterMs, () => utt.fire('start'));
        break;
      case 'silent':
        break;
      case 'error':
        at(b.afterMs, () => {
          this.speaking = false;
          utt.fire('error', { error: b.error });
        });
        break;
    }
  }

  cancel(): void {
    this.cancelCount++;
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
    const u = this.current;
    this.current = null;
    this.speaking = false;
    // Chromium reports the cancelled utterance as an 'interrupted' error, asynchronously.
    if (u) setTimeout(() => u.fire('error', { error: 'interrupted' }), 0);
  }

  getVoices(): SpeechSynthesisVoice[] {
    return this.voices;
  }

  addEventListener(_type: 'voiceschanged', listener: () => void): void {
    this.voicesListeners.push(listener);
  }

  fireVoicesChanged(): void {
    for (const l of this.voicesListeners) l();
  }
}

function fakePerf() {
  const calls: string[] = [];
  const perf: PerfLike = {
    mark: (name) => calls.push(`mark:${name}`),
    measure: (name, start) => calls.push(`measure:${name}<-${start}`),
    clearMarks: (name) => void calls.push(`clear:${name ?? ''}`),
  };
  return { perf, calls };
}

function setup(configure?: (s: FakeSynth) => void) {
  const synth = new FakeSynth();
  configure?.(synth);
  const { perf, calls } = fakePerf();
  const speaker = new Speaker({ synth, Utterance: synth.Utterance, timers: { now: () => Date.now() }, performance: perf });
  return { synth, speaker, perfCalls: calls };
}

/** Tracks a promise's settlement without awaiting it. */
function track(p: Promise<SpeakResult>) {
  const state: { result: SpeakResult | undefined } = { result: undefined };
  void p.then((r) => (state.result = r));
  return state;
}

const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_750_000_000_000);
});

afterEach(() => {
  vi.useRealTimers();
});

// ---------------------------------------------------------------------------------------------

describe('sentenceTimeoutMs / clampRate', () => {
  it('grows with the words and shrinks with the rate, capped', () => {
    const five = 'one two three four five.';
    expect(sentenceTimeoutMs(five, 1)).toBe(DEFAULT_SENTENCE_TIMEOUT.baseMs + 5 * DEFAULT_SENTENCE_TIMEOUT.perWordMs);
    expect(sentenceTimeoutMs(five, 2)).toBe(DEFAULT_SENTENCE_TIMEOUT.baseMs + (5 * DEFAULT_SENTENCE_TIMEOUT.perWordMs) / 2);
    expect(sentenceTimeoutMs(five, 0.5)).toBeGreaterThan(sentenceTimeoutMs(five, 1));
    expect(sentenceTimeoutMs('word '.repeat(1000), 0.5)).toBe(DEFAULT_SENTENCE_TIMEOUT.maxMs);
    expect(sentenceTimeoutMs('Hi.', 1, { baseMs: 1500, perWordMs: 110, maxMs: 10_000 })).toBe(1610);
    // Punctuation-only "words" do not count.
    expect(sentenceTimeoutMs('Well — yes.', 1)).toBe(DEFAULT_SENTENCE_TIMEOUT.baseMs + 2 * DEFAULT_SENTENCE_TIMEOUT.perWordMs);
  });

  it('clamps the rate to 0.5–2', () => {
    expect(clampRate(0.1)).toBe(0.5);
    expect(clampRate(3)).toBe(2);
    expect(clampRate(1.25)).toBe(1.25);
    expect(clampRate(Number.NaN)).toBe(1);
  });
});

describe('Speaker.speak: normal speech', () => {
  it('speaks one utterance per sentence, in order, creating the next only after the previous ended', async () => {
    const { synth, speaker } = setup();
    const r = track(speaker.speak('Tell me about yourself. What brought you here? Thanks!'));
    await flush();
    expect(synth.created.map((u) => u.text)).toEqual(['Tell me about yourself.']);
    expect(synth.spoken).toHaveLength(1);
    expect(speaker.speaking).toBe(true);

    await vi.advanceTimersByTimeAsync(1050); // first sentence ends
    expect(synth.created.map((u) => u.text)).toEqual(['Tell me about yourself.', 'What brought you here?']);

    await vi.advanceTimersByTimeAsync(5000);
    expect(synth.spoken.map((u) => u.text)).toEqual(['Tell me about yourself.', 'What brought you here?', 'Thanks!']);
    expect(r.result).toEqual({ spoken: true, firstAudioMs: 50 });
    expect(speaker.speaking).toBe(false);
    expect(synth.cancelCount).toBe(0); // nothing was stuck: no cancel
  });

  it('calls onSentence in order, once per sentence, and onStart once', async () => {
    const { speaker } = setup();
    const seen: Array<[number, string]> = [];
    const onStart = vi.fn();
    const p = speaker.speak('First one. Second one. Third one.', { onSentence: (i, s) => seen.push([i, s]), onStart });
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(p).resolves.toMatchObject({ spoken: true });
    expect(seen).toEqual([
      [0, 'First one.'],
      [1, 'Second one.'],
      [2, 'Third one.'],
    ]);
    expect(onStart).toHaveBeenCalledTimes(1);
  });

  it('measures firstAudioMs from the speak() call to the first start event, with performance marks', async () => {
    const { synth, speaker, perfCalls } = setup((s) => (s.behaviour = { kind: 'normal', startAfterMs: 250, durationMs: 500 }));
    let startedAt = -1;
    const t0 = Date.now();
    const p = speaker.speak('Hello there. Second.', { onStart: () => (startedAt = Date.now() - t0) });
    await vi.advanceTimersByTimeAsync(249);
    expect(startedAt).toBe(-1);
    await vi.advanceTimersByTimeAsync(1);
    expect(startedAt).toBe(250);
    await vi.advanceTimersByTimeAsync(5000);
    const r = await p;
    expect(r.firstAudioMs).toBe(250); // the second sentence's start does not change it
    expect(synth.spoken).toHaveLength(2);
    expect(perfCalls).toEqual(['clear:tts-start', 'mark:tts-start', 'measure:tts-first-audio<-tts-start']);
  });

  it('applies the rate and the voice to each utterance, from the next sentence on when changed', async () => {
    const { synth, speaker } = setup();
    speaker.setRate(1.5);
    speaker.setVoice('urn:English (Great Britain) espeak-ng');
    const p = speaker.speak('One. Two. Three.', {
      onSentence: (i) => {
        if (i === 1) speaker.setRate(5); // clamped to 2; applies to sentence 2 (index 2)
      },
    });
    await vi.advanceTimersByTimeAsync(10_000);
    await p;
    expect(synth.spoken.map((u) => u.rate)).toEqual([1.5, 1.5, 2]);
    for (const u of synth.spoken) {
      expect(u.voice).toBe(VOICES[1]);
      expect(u.lang).toBe('en-GB');
    }
    expect(speaker.rate).toBe(2);
  });

  it('uses the default voice (null) for an unknown voiceURI or null', async () => {
    const { synth, speaker } = setup();
    speaker.setVoice('urn:nope');
    const p = speaker.speak('One.');
    await vi.advanceTimersByTimeAsync(5000);
    await p;
    expect(synth.spoken[0]?.voice).toBeNull();
    speaker.setVoice(null);
    expect(speaker.voiceURI).toBeNull();
  });

  it('resolves { spoken: false } without a reason for empty text', async () => {
    const { synth, speaker } = setup();
    await expect(speaker.speak('   ')).resolves.toEqual({ spoken: false });
    expect(synth.created).toHaveLength(0);
  });
});

describe('Speaker.speak: never waits forever', () => {
  it("moves on after the computed timeout when 'end' never fires (not before)", async () => {
    const { synth, speaker } = setup((s) => (s.behaviour = { kind: 'no-end', startAfterMs: 60 }));
    const s1 = 'Tell me about a time you disagreed with your manager.';
    const s2 = 'What happened?';
    const r = track(speaker.speak(`${s1} ${s2}`));
    const t1 = sentenceTimeoutMs(s1, 1);
    const t2 = sentenceTimeoutMs(s2, 1);

    await vi.advanceTimersByTimeAsync(t1 - 1);
    expect(synth.spoken).toHaveLength(1);
    expect(r.result).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(synth.cancelCount).toBe(1); // unstuck before the next sentence
    expect(synth.spoken.map((u) => u.text)).toEqual([s1, s2]);

    await vi.advanceTimersByTimeAsync(t2 - 1);
    expect(r.result).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(r.result).toEqual({ spoken: true, reason: 'timeout', firstAudioMs: 60 });
  });

  it('times out with spoken false when nothing ever starts, and scales the timeout with the rate', async () => {
    const { speaker } = setup((s) => (s.behaviour = { kind: 'silent' }));
    speaker.setRate(2);
    const text = 'One two three four five six seven eight.';
    const r = track(speaker.speak(text));
    const t = sentenceTimeoutMs(text, 2);
    expect(t).toBeLessThan(sentenceTimeoutMs(text, 1));
    await vi.advanceTimersByTimeAsync(t - 1);
    expect(r.result).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(r.result).toEqual({ spoken: false, reason: 'timeout' });
  });

  it('records the timeout even when later sentences end normally', async () => {
    const { synth, speaker } = setup((s) => s.behaviourAt.set(0, { kind: 'no-end', startAfterMs: 10 }));
    const p = speaker.speak('Stuck one. Fine one.');
    await vi.advanceTimersByTimeAsync(60_000);
    await expect(p).resolves.toEqual({ spoken: true, reason: 'timeout', firstAudioMs: 10 });
    expect(synth.spoken).toHaveLength(2);
  });

  it("ends the whole speak on an 'error' event (synthesis-failed) with spoken false", async () => {
    const { synth, speaker } = setup((s) => (s.behaviour = { kind: 'error', error: 'synthesis-failed', afterMs: 5 }));
    const p = speaker.speak('One. Two. Three.');
    await vi.advanceTimersByTimeAsync(5);
    await expect(p).resolves.toEqual({ spoken: false, reason: 'error', error: 'synthesis-failed' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(synth.created).toHaveLength(1); // the rest was never created
    expect(speaker.speaking).toBe(false);
  });

  it('an error after some sentences were spoken still reports spoken false', async () => {
    const { speaker } = setup((s) => s.behaviourAt.set(1, { kind: 'error', error: 'audio-busy', afterMs: 5 }));
    const p = speaker.speak('One. Two. Three.');
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(p).resolves.toEqual({ spoken: false, reason: 'error', error: 'audio-busy', firstAudioMs: 50 });
  });

  it("treats 'interrupted' from someone else's cancel as cancelled", async () => {
    const { synth, speaker } = setup((s) => s.behaviourAt.set(0, { kind: 'error', error: 'interrupted', afterMs: 5 }));
    const p = speaker.speak('One. Two.');
    await vi.advanceTimersByTimeAsync(10);
    await expect(p).resolves.toEqual({ spoken: false, reason: 'cancelled' });
    expect(synth.created).toHaveLength(1);
  });

  it('cancels a stuck synthesiser before a new speak', async () => {
    const { synth, speaker } = setup((s) => (s.speaking = true)); // left "speaking" by someone
    const p = speaker.speak('Hello.');
    await flush();
    expect(synth.cancelCount).toBe(1);
    expect(synth.spoken).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(5000);
    await expect(p).resolves.toMatchObject({ spoken: true });
  });
});

describe('Speaker: no voice', () => {
  it('resolves no-voice at once when there is no speechSynthesis at all', async () => {
    const speaker = new Speaker({ synth: null, Utterance: null });
    const r = track(speaker.speak('Hello.'));
    await Promise.resolve();
    await Promise.resolve();
    expect(r.result).toEqual({ spoken: false, reason: 'no-voice' });
    expect(speaker.available).toBe(false);
    await expect(speaker.voices()).resolves.toEqual([]);
  });

  it('resolves no-voice immediately once the voice list is known to be empty', async () => {
    const { synth, speaker } = setup((s) => (s.voices = []));
    const v = speaker.voices();
    await vi.advanceTimersByTimeAsync(VOICES_TIMEOUT_MS);
    await expect(v).resolves.toEqual([]);
    const r = track(speaker.speak('Hello. Anyone there?'));
    await Promise.resolve();
    await Promise.resolve();
    await Promise.resolve();
    expect(r.result).toEqual({ spoken: false, reason: 'no-voice' });
    expect(synth.created).toHaveLength(0);
  });

  it('the first speak waits for voiceschanged at most VOICES_TIMEOUT_MS', async () => {
    const { synth, speaker } = setup((s) => (s.voices = []));
    const r = track(speaker.speak('Hello.'));
    await vi.advanceTimersByTimeAsync(VOICES_TIMEOUT_MS - 1);
    expect(r.result).toBeUndefined();
    synth.fireVoicesChanged(); // still empty: not the final word
    await flush();
    expect(r.result).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(r.result).toEqual({ spoken: false, reason: 'no-voice' });
  });

  it('speaks once voiceschanged brings voices', async () => {
    const { synth, speaker } = setup((s) => (s.voices = []));
    const r = track(speaker.speak('Hello.'));
    await vi.advanceTimersByTimeAsync(1700);
    synth.voices = [...VOICES];
    synth.fireVoicesChanged();
    await flush();
    expect(synth.spoken.map((u) => u.text)).toEqual(['Hello.']);
    await vi.advanceTimersByTimeAsync(2000);
    expect(r.result).toEqual({ spoken: true, firstAudioMs: 1750 }); // measured from the speak() call
    await expect(speaker.voices()).resolves.toHaveLength(2);
  });
});

describe('Speaker.stop / barge-in', () => {
  it('cancels the current sentence, drops the queued ones and resolves cancelled', async () => {
    const { synth, speaker } = setup();
    const seen: number[] = [];
    const r = track(speaker.speak('One. Two. Three.', { onSentence: (i) => seen.push(i) }));
    await vi.advanceTimersByTimeAsync(300); // sentence 0 started
    speaker.stop();
    await flush();
    expect(r.result).toEqual({ spoken: true, reason: 'cancelled', firstAudioMs: 50 });
    expect(synth.cancelCount).toBe(1);
    expect(speaker.speaking).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000); // the late 'interrupted' error and any timers change nothing
    expect(synth.created).toHaveLength(1);
    expect(seen).toEqual([0]);
    speaker.stop(); // idempotent
    expect(synth.cancelCount).toBe(1);
  });

  it('stop() before the first start resolves spoken false', async () => {
    const { speaker } = setup((s) => (s.behaviour = { kind: 'normal', startAfterMs: 500, durationMs: 500 }));
    const p = speaker.speak('One.');
    await vi.advanceTimersByTimeAsync(100);
    speaker.stop();
    await expect(p).resolves.toEqual({ spoken: false, reason: 'cancelled' });
  });

  it('stop() while waiting for voices resolves cancelled and never speaks', async () => {
    const { synth, speaker } = setup((s) => (s.voices = []));
    const p = speaker.speak('Hello.');
    await vi.advanceTimersByTimeAsync(100);
    speaker.stop();
    await expect(p).resolves.toEqual({ spoken: false, reason: 'cancelled' });
    synth.voices = [...VOICES];
    synth.fireVoicesChanged();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(synth.created).toHaveLength(0);
  });

  it('an AbortSignal stops the speak like stop()', async () => {
    const { synth, speaker } = setup();
    const ac = new AbortController();
    const p = speaker.speak('One. Two.', { signal: ac.signal });
    await vi.advanceTimersByTimeAsync(100);
    ac.abort();
    await expect(p).resolves.toEqual({ spoken: true, reason: 'cancelled', firstAudioMs: 50 });
    expect(synth.cancelCount).toBe(1);

    const aborted = new AbortController();
    aborted.abort();
    await expect(speaker.speak('Three.', { signal: aborted.signal })).resolves.toEqual({ spoken: false, reason: 'cancelled' });
  });

  it('a new speak() stops the previous one', async () => {
    const { synth, speaker } = setup();
    const first = speaker.speak('Old one. Old two.');
    await vi.advanceTimersByTimeAsync(100);
    const second = speaker.speak('New one.');
    await expect(first).resolves.toMatchObject({ spoken: true, reason: 'cancelled' });
    await vi.advanceTimersByTimeAsync(5000);
    await expect(second).resolves.toEqual({ spoken: true, firstAudioMs: 50 });
    expect(synth.spoken.map((u) => u.text)).toEqual(['Old one.', 'New one.']);
  });

  it('a throwing callback does not break speaking', async () => {
    const { synth, speaker } = setup();
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    const p = speaker.speak('One. Two.', {
      onSentence: () => {
        throw new Error('boom');
      },
    });
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(p).resolves.toMatchObject({ spoken: true });
    expect(synth.spoken).toHaveLength(2);
    expect(err).toHaveBeenCalled();
    err.mockRestore();
  });
});

describe('Speaker streaming (an AI interviewer writing its line)', () => {
  it('speaks the first sentence before the line is finished, and speak() with the final text joins the run without repeating', async () => {
    const { synth, speaker } = setup();
    speaker.beginStream();
    await flush();
    expect(synth.spoken).toHaveLength(0);
    speaker.pushStream(['Thanks for that.']);
    await flush();
    // Speech started while the model is still writing.
    expect(synth.spoken.map((u) => u.text)).toEqual(['Thanks for that.']);
    speaker.endStream(true);
    const sentences: number[] = [];
    const r = track(speaker.speak('Thanks for that. What did you change first?', { onSentence: (i) => sentences.push(i) }));
    await vi.advanceTimersByTimeAsync(5000);
    expect(synth.spoken.map((u) => u.text)).toEqual(['Thanks for that.', 'What did you change first?']);
    expect(sentences).toEqual([1]);
    expect(r.result?.spoken).toBe(true);
    expect(speaker.speaking).toBe(false);
  });

  it('a rejected line stops the stream, and the fallback line is spoken from the start', async () => {
    const { synth, speaker } = setup();
    speaker.beginStream();
    speaker.pushStream(['As you can see here.']);
    await flush();
    speaker.endStream(false);
    await flush();
    const r = track(speaker.speak('Tell me about a project you led.'));
    await vi.advanceTimersByTimeAsync(5000);
    expect(synth.spoken.map((u) => u.text)).toEqual(['As you can see here.', 'Tell me about a project you led.']);
    expect(r.result?.spoken).toBe(true);
  });

  it('final text that differs from what was streamed is spoken whole (the stream is stopped)', async () => {
    const { synth, speaker } = setup();
    speaker.beginStream();
    speaker.pushStream(['First draft sentence.']);
    await flush();
    speaker.endStream(true);
    const r = track(speaker.speak('Something else entirely?'));
    await vi.advanceTimersByTimeAsync(5000);
    expect(synth.spoken.map((u) => u.text).at(-1)).toBe('Something else entirely?');
    expect(r.result?.spoken).toBe(true);
  });

  it('an accepted stream nobody adopts ends by itself; stop() ends it at once', async () => {
    const { speaker } = setup();
    speaker.beginStream();
    speaker.pushStream(['One.']);
    speaker.endStream(true, 500);
    await vi.advanceTimersByTimeAsync(3000);
    expect(speaker.speaking).toBe(false);
    speaker.beginStream();
    expect(speaker.speaking).toBe(true);
    speaker.stop();
    await flush();
    expect(speaker.speaking).toBe(false);
  });
});

import { describe, it, expect, vi } from 'vitest';
import { SPECULATIVE_FINAL_SILENCE_MS, VoiceController, type RecorderLike, type VadEventLike, type VoiceDeps, type VoiceView } from '../../src/app/voice/voice-controller';

/** Fakes: a speaker that resolves when told, a recorder whose VAD events the test fires by hand. */
function setup(opts: { voice?: boolean; transcript?: string[] } = {}) {
  let now = 1000;
  let emit: (e: VadEventLike) => void = () => undefined;
  let samples = 0;
  let endSpeech: (r: { spoken: boolean; reason?: string }) => void = () => undefined;
  const transcripts = [...(opts.transcript ?? ['I led the migration and we shipped in two weeks.'])];
  const speaker = {
    speak: vi.fn(() => new Promise<{ spoken: boolean; reason?: string }>((r) => (endSpeech = r))),
    stop: vi.fn(() => endSpeech({ spoken: true, reason: 'cancelled' })),
  };
  const stt = { transcribe: vi.fn(async (_pcm: Float32Array, o?: { partial?: boolean }) => ({ text: o?.partial ? 'partial' : (transcripts.shift() ?? '') })) };
  const mic = { stop: vi.fn(async () => undefined) };
  const deps: VoiceDeps = {
    stt,
    speaker: opts.voice === false ? null : speaker,
    openMic: vi.fn(async () => mic),
    createRecorder: (onEvent): RecorderLike => {
      emit = onEvent;
      return { push: () => undefined, audio: () => new Float32Array(samples), reset: () => undefined };
    },
    now: () => now,
    partialEveryMs: 0,
  };
  const views: VoiceView[] = [];
  const c = new VoiceController(deps, (v) => views.push(v));
  return {
    c,
    speaker,
    stt,
    mic,
    views,
    fire: (e: VadEventLike) => emit(e),
    finishSpeaking: () => endSpeech({ spoken: true }),
    advance: (ms: number) => (now += ms),
    setAudioMs: (ms: number) => (samples = ms * 16),
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('VoiceController', () => {
  it('speaks, listens, ends the turn on the VAD speech-end and returns the transcript with its timing', async () => {
    const t = setup();
    const answer = t.c.ask('Tell me about a migration.');
    await flush();
    expect(t.c.state.phase).toBe('speaking');
    t.advance(3000);
    t.finishSpeaking();
    await flush();
    expect(t.c.state.phase).toBe('listening');
    // Listening started at 1000 (mic opened with the question); speech 4.5 s into the audio, i.e. 1.5 s after the voice ended.
    t.fire({ type: 'speech-start', t: 4500 });
    t.fire({ type: 'pause', t: 7000, ms: 2600 });
    t.setAudioMs(14_000);
    t.fire({ type: 'speech-end', t: 12_500 });
    const a = await answer;
    expect(a).toEqual({
      text: 'I led the migration and we shipped in two weeks.',
      speech: { speakingMs: 8000, pausesMs: [2600], firstWordMs: 1500, audioMs: 14_000 },
    });
    expect(t.mic.stop).toHaveBeenCalled();
    expect(t.stt.transcribe).toHaveBeenCalledTimes(1);
  });

  it('barge-in: speech while the interviewer talks stops the voice, and the turn goes on', async () => {
    const t = setup();
    const answer = t.c.ask('A long question.');
    await flush();
    t.advance(500);
    t.fire({ type: 'speech-start', t: 500 });
    expect(t.speaker.stop).toHaveBeenCalled();
    await flush();
    expect(t.c.state.phase).toBe('listening');
    t.fire({ type: 'speech-end', t: 5000 });
    expect((await answer)?.speech.firstWordMs).toBe(0);
  });

  it('the Done button ends the turn without waiting for silence', async () => {
    const t = setup();
    const answer = t.c.ask('Q');
    await flush();
    t.finishSpeaking();
    await flush();
    t.fire({ type: 'speech-start', t: 100 });
    t.c.done();
    expect((await answer)?.text).toContain('migration');
  });

  it('nothing heard: says so and keeps listening; no voice: captions only, listening at once', async () => {
    const t = setup({ voice: false, transcript: ['', 'Second try worked.'] });
    const answer = t.c.ask('Q');
    await flush();
    expect(t.c.state.phase).toBe('listening');
    expect(t.c.state.spoken).toBe(false);
    expect(t.c.state.spokenReason).toBe('no-voice');
    t.fire({ type: 'speech-start', t: 100 });
    t.fire({ type: 'speech-end', t: 900 });
    await flush();
    await flush();
    expect(t.c.state.message).toMatch(/didn't catch/);
    t.fire({ type: 'speech-start', t: 100 });
    t.fire({ type: 'speech-end', t: 2000 });
    expect((await answer)?.text).toBe('Second try worked.');
  });

  it('a microphone failure is reported and the turn resolves null (typed answers take over)', async () => {
    const t = setup();
    (t.c as unknown as { deps: VoiceDeps }).deps.openMic = async () => {
      throw new Error('Microphone access was denied.');
    };
    const answer = await t.c.ask('Q');
    expect(answer).toBeNull();
    expect(t.c.state.phase).toBe('error');
    expect(t.c.state.message).toContain('denied');
  });

  it('cancel() stops the voice and resolves the pending turn with null', async () => {
    const t = setup();
    const answer = t.c.ask('Q');
    await flush();
    t.c.cancel();
    expect(await answer).toBeNull();
    expect(t.speaker.stop).toHaveBeenCalled();
  });
});

describe('VoiceController push-to-talk', () => {
  it('while held, a silence does not end the answer; releasing ends it', async () => {
    const t = setup();
    const answer = t.c.ask('Q');
    await flush();
    t.c.hold(true);
    expect(t.speaker.stop).toHaveBeenCalled();
    await flush();
    t.fire({ type: 'speech-start', t: 200 });
    t.fire({ type: 'speech-end', t: 3000 });
    await flush();
    expect(t.stt.transcribe).not.toHaveBeenCalled();
    t.fire({ type: 'speech-start', t: 4000 });
    t.c.hold(false);
    expect((await answer)?.text).toContain('migration');
    expect(t.stt.transcribe).toHaveBeenCalledTimes(1);
  });
});

describe('VoiceController partial transcripts', () => {
  it('skips a partial once the candidate has gone quiet, so the final transcript never waits behind one', async () => {
    vi.useFakeTimers();
    try {
      let silent = 0;
      const stt = { transcribe: vi.fn(async (_pcm: Float32Array, o?: { partial?: boolean }) => ({ text: o?.partial ? 'partial' : 'final answer' })) };
      const deps: VoiceDeps = {
        stt,
        speaker: null,
        openMic: async () => ({ stop: async () => undefined }),
        createRecorder: (onEvent): RecorderLike => {
          emitRef.fire = onEvent;
          return { push: () => undefined, audio: () => new Float32Array(16_000), reset: () => undefined, silentForMs: () => silent };
        },
        now: () => Date.now(),
        partialEveryMs: 1000,
      };
      const emitRef: { fire: (e: VadEventLike) => void } = { fire: () => undefined };
      const c = new VoiceController(deps, () => undefined);
      void c.ask('Question?');
      await vi.advanceTimersByTimeAsync(10);
      emitRef.fire({ type: 'speech-start', t: 100 });
      await vi.advanceTimersByTimeAsync(1000); // speaking: a partial runs
      expect(stt.transcribe).toHaveBeenCalledTimes(1);
      expect(stt.transcribe.mock.calls[0]![1]).toEqual({ partial: true });
      silent = 600; // the candidate stopped talking
      await vi.advanceTimersByTimeAsync(1000);
      expect(stt.transcribe).toHaveBeenCalledTimes(1); // no new partial
      silent = 0; // talking again
      await vi.advanceTimersByTimeAsync(1000);
      expect(stt.transcribe).toHaveBeenCalledTimes(2);
      c.cancel();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('VoiceController speculative final transcription', () => {
  function specSetup() {
    let silent = 0;
    let lastSpeech: number | null = null;
    const texts = ['first take', 'second take'];
    const stt = { transcribe: vi.fn(async (_pcm: Float32Array, _o?: { partial?: boolean; prompt?: string }) => ({ text: texts.shift() ?? '' })) };
    const emitRef: { fire: (e: VadEventLike) => void } = { fire: () => undefined };
    const deps: VoiceDeps = {
      stt,
      speaker: null,
      openMic: async () => ({ stop: async () => undefined }),
      createRecorder: (onEvent): RecorderLike => {
        emitRef.fire = onEvent;
        return { push: () => undefined, audio: () => new Float32Array(16_000), reset: () => undefined, silentForMs: () => silent, lastSpeechMs: () => lastSpeech };
      },
      now: () => Date.now(),
      partialEveryMs: 0,
      finalPrompt: 'Um, uh',
    };
    const c = new VoiceController(deps, () => undefined);
    return {
      c,
      stt,
      fire: (e: VadEventLike) => emitRef.fire(e),
      quiet: (ms: number, last: number) => {
        silent = ms;
        lastSpeech = last;
      },
    };
  }

  it('starts the final transcription after 700 ms of silence and uses it when no speech follows', async () => {
    vi.useFakeTimers();
    try {
      const t = specSetup();
      const answer = t.c.ask('Question?');
      await vi.advanceTimersByTimeAsync(10);
      t.fire({ type: 'speech-start', t: 100 });
      t.quiet(300, 5000);
      await vi.advanceTimersByTimeAsync(200);
      expect(t.stt.transcribe).not.toHaveBeenCalled();
      t.quiet(SPECULATIVE_FINAL_SILENCE_MS, 5000);
      await vi.advanceTimersByTimeAsync(100);
      expect(t.stt.transcribe).toHaveBeenCalledTimes(1);
      expect(t.stt.transcribe.mock.calls[0]![1]).toEqual({ prompt: 'Um, uh' });
      await vi.advanceTimersByTimeAsync(500); // still the same silence: not started again
      expect(t.stt.transcribe).toHaveBeenCalledTimes(1);
      t.fire({ type: 'speech-end', t: 6200, reason: 'silence', lastSpeechT: 5000 } as VadEventLike);
      expect((await answer)?.text).toBe('first take');
      expect(t.stt.transcribe).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('discards the early transcription when the candidate speaks again', async () => {
    vi.useFakeTimers();
    try {
      const t = specSetup();
      const answer = t.c.ask('Question?');
      await vi.advanceTimersByTimeAsync(10);
      t.fire({ type: 'speech-start', t: 100 });
      t.quiet(800, 5000);
      await vi.advanceTimersByTimeAsync(100);
      expect(t.stt.transcribe).toHaveBeenCalledTimes(1);
      t.quiet(0, 5000); // talking again…
      await vi.advanceTimersByTimeAsync(300);
      t.quiet(400, 7000); // …and a short silence after the new speech: not long enough to speculate
      t.fire({ type: 'speech-end', t: 8200, reason: 'silence', lastSpeechT: 7000 } as VadEventLike);
      expect((await answer)?.text).toBe('second take');
      expect(t.stt.transcribe).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});

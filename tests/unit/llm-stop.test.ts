/**
 * StopScanner (workers/llm/stop.ts): stop strings over a stream of text pieces. A stop string never
 * reaches the stream, even when the model writes it across several pieces; text that only looked like
 * the start of a stop string is released once it is clear (or at flush).
 */
import { describe, expect, it } from 'vitest';
import { StopScanner } from '../../workers/llm/stop';
import { STOP_SEQUENCES } from '../../src/llm/guard';

/** Feeds the pieces, returns what was emitted (piece by piece), whether it stopped, and the flush. */
function feed(stops: readonly string[], pieces: readonly string[]): { emitted: string[]; stopped: boolean; flushed: string; text: string } {
  const s = new StopScanner(stops);
  const emitted: string[] = [];
  let stopped = false;
  for (const p of pieces) {
    const r = s.push(p);
    if (r.emit) emitted.push(r.emit);
    if (r.stopped) stopped = true;
  }
  const flushed = s.flush();
  return { emitted, stopped, flushed, text: s.text };
}

describe('StopScanner', () => {
  it('passes text through when there is no stop string', () => {
    const r = feed(['<|im_end|>'], ['What did ', 'you build', '?']);
    expect(r.emitted.join('')).toBe('What did you build?');
    expect(r.stopped).toBe(false);
    expect(r.flushed).toBe('');
    expect(r.text).toBe('What did you build?');
  });

  it('no stop strings at all: everything is emitted at once, nothing is held', () => {
    const s = new StopScanner([]);
    expect(s.push('abc<')).toEqual({ emit: 'abc<', stopped: false });
    expect(s.flush()).toBe('');
    expect(s.text).toBe('abc<');
  });

  it('cuts at a stop string inside one piece and emits only what came before', () => {
    const r = feed(['\nCandidate:'], ['What went wrong?\nCandidate: the cache', ' expired']);
    expect(r.emitted.join('')).toBe('What went wrong?');
    expect(r.stopped).toBe(true);
    expect(r.text).toBe('What went wrong?');
  });

  it('a stop string split across pieces is never emitted, not even its first characters', () => {
    const pieces = ['Why?', '\n', 'Cand', 'ida', 'te', ':', ' I did it'];
    const s = new StopScanner(['\nCandidate:']);
    const emitted: string[] = [];
    const results = pieces.map((p) => {
      const r = s.push(p);
      emitted.push(r.emit);
      return r.stopped;
    });
    expect(emitted.join('')).toBe('Why?');
    // Nothing of "\nCandidate:" leaked at any point of the stream.
    for (const e of emitted) expect(e).not.toMatch(/\n|Cand|ida|te:/);
    expect(results).toEqual([false, false, false, false, false, true, true]);
    expect(s.text).toBe('Why?');
    expect(s.flush()).toBe('');
  });

  it('a special token split character by character is held back and cut', () => {
    const stop = '<|im_end|>';
    const r = feed([stop], ['Thanks.', ...stop.split(''), 'garbage']);
    expect(r.emitted.join('')).toBe('Thanks.');
    expect(r.stopped).toBe(true);
    expect(r.text).toBe('Thanks.');
  });

  it('text that only looked like the start of a stop string is released once it is clear', () => {
    const s = new StopScanner(['\nCandidate:']);
    expect(s.push('Tell me\nCan')).toEqual({ emit: 'Tell me', stopped: false });
    expect(s.push('dy')).toEqual({ emit: '\nCandy', stopped: false });
    expect(s.text).toBe('Tell me\nCandy');
  });

  it('flush releases a held prefix at the end of the stream', () => {
    const s = new StopScanner(['<|im_end|>']);
    expect(s.push('Done? <|im')).toEqual({ emit: 'Done? ', stopped: false });
    expect(s.flush()).toBe('<|im');
    expect(s.text).toBe('Done? <|im');
    // After flush the scanner is finished.
    expect(s.push('more')).toEqual({ emit: '', stopped: true });
    expect(s.flush()).toBe('');
  });

  it('the earliest of several stop strings wins', () => {
    const r = feed(['\n\n\n', '</s>', '<|eot_id|>'], ['A question?</s> then <|eot_id|>']);
    expect(r.text).toBe('A question?');
  });

  it('holds back the longest suffix that could start any stop string', () => {
    const s = new StopScanner(['abcd', 'cx']);
    // "abc" could start "abcd"; "c" could start "cx": the longer one is held.
    expect(s.push('zzabc')).toEqual({ emit: 'zz', stopped: false });
    expect(s.push('x')).toEqual({ emit: 'ab', stopped: true });
    expect(s.text).toBe('zzab');
  });

  it('after stopping, later pieces are ignored', () => {
    const s = new StopScanner(['STOP']);
    expect(s.push('one STOP two')).toEqual({ emit: 'one ', stopped: true });
    expect(s.push('three')).toEqual({ emit: '', stopped: true });
    expect(s.text).toBe('one ');
  });

  it('a stop string at the very start emits nothing', () => {
    const r = feed(['<|eot_id|>'], ['<|eot', '_id|>What?']);
    expect(r.emitted).toEqual([]);
    expect(r.text).toBe('');
    expect(r.stopped).toBe(true);
  });

  it("with the guard's STOP_SEQUENCES: the candidate's turn and the chat-template end are never streamed", () => {
    const pieces = ['What was ', 'the result', '?', '\n', 'Candid', 'ate: We shipped ', 'it.'];
    const r = feed(STOP_SEQUENCES, pieces);
    expect(r.text).toBe('What was the result?');
    expect(r.stopped).toBe(true);
    const r2 = feed(STOP_SEQUENCES, ['How did you test it?', '<|', 'im_', 'end|>', '<|im_start|>user']);
    expect(r2.text).toBe('How did you test it?');
    expect(r2.emitted.join('')).toBe('How did you test it?');
  });
});

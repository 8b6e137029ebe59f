import { describe, expect, it } from 'vitest';
import { speakableDraft, cleanModelText } from '../../src/llm/guard';
import { splitSentences } from '../../src/media/sentences';

const speakable = (raw: string): string[] => speakableDraft(cleanModelText(raw), splitSentences);

describe('speakableDraft: which streamed sentences may be spoken before the line is finished', () => {
  it('holds back the last (still growing) sentence', () => {
    expect(speakable('Thanks for walking me through that. What was the hardest')).toEqual(['Thanks for walking me through that.']);
    expect(speakable('Thanks for')).toEqual([]);
  });

  it('stops after the first question (one question at a time)', () => {
    expect(speakable('Interesting. What did you measure? And how did you report it? More')).toEqual(['Interesting.', 'What did you measure?']);
  });

  it('never speaks role tags, meta-text or a leaked answer', () => {
    expect(speakable('Interviewer: Thanks. As an AI, I must say this. What next? ')).toEqual(['Thanks.']);
    expect(speakable('Good. A good answer would be to mention indexes. Why? x')).toEqual(['Good.']);
  });

  it('grows monotonically as tokens arrive (a prefix of the final sentences)', () => {
    const full = 'Thanks for that. You mentioned the billing service. What was your part in it? Also';
    let prev: string[] = [];
    for (let i = 1; i <= full.length; i++) {
      const now = speakable(full.slice(0, i));
      expect(now.slice(0, prev.length)).toEqual(prev);
      prev = now;
    }
    expect(prev).toEqual(['Thanks for that.', 'You mentioned the billing service.', 'What was your part in it?']);
  });
});

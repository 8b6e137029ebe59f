import { describe, it, expect } from 'vitest';
import { analyseAnswer, describePace, wordsPerMinute } from '../../src/analysis/metrics';

const base = { mode: 'spoken' as const, keywords: [] as string[] };

describe('analyseAnswer', () => {
  it('computes words, duration and words per minute', () => {
    const text = Array.from({ length: 150 }, (_, i) => `word${i}`).join(' ');
    const m = analyseAnswer(text, { ...base, durationMs: 60_000 });
    expect(m.wordCount).toBe(150);
    expect(m.durationMs).toBe(60_000);
    expect(m.wordsPerMinute).toBe(150);
    expect(analyseAnswer(text, { ...base, durationMs: 45_000 }).wordsPerMinute).toBe(200);
  });

  it('returns null WPM for very short durations or empty answers and clamps negative durations', () => {
    expect(analyseAnswer('Yes I did that', { ...base, durationMs: 2999 }).wordsPerMinute).toBeNull();
    expect(analyseAnswer('   ', { ...base, durationMs: 10_000 }).wordsPerMinute).toBeNull();
    const m = analyseAnswer('hello there', { ...base, durationMs: -500 });
    expect(m.durationMs).toBe(0);
    expect(m.wordsPerMinute).toBeNull();
    expect(wordsPerMinute(7, 3000)).toBe(140);
    expect(wordsPerMinute(10, 7000)).toBe(86);
  });

  it('keeps the mode', () => {
    expect(analyseAnswer('typed it', { ...base, mode: 'typed', durationMs: 5000 }).mode).toBe('typed');
  });

  it('counts first-person singular and plural pronouns', () => {
    const m = analyseAnswer(
      "I think we did well. My lead and I'm sure I've told me myself; our team, us, we're ours, we'll, ourselves. I'd, I'll, mine, we've, we'd.",
      { ...base, durationMs: 10_000 },
    );
    expect(m.firstPersonSingular).toBe(9);
    expect(m.firstPersonPlural).toBe(9);
  });

  it('computes fillers per hundred words', () => {
    const m = analyseAnswer('Um I basically fixed the bug and uh shipped it quickly', { ...base, durationMs: 5000 });
    expect(m.wordCount).toBe(11);
    expect(m.fillers.total).toBe(3);
    expect(m.fillers.perHundredWords).toBe(27.3);
    expect(m.fillers.byFiller).toEqual({ um: 1, basically: 1, uh: 1 });
  });

  it('detects numbers as digits or number words, but not "one"', () => {
    expect(analyseAnswer('We cut it by 30%', { ...base, durationMs: 0 }).hasNumbers).toBe(true);
    expect(analyseAnswer('It took twenty minutes', { ...base, durationMs: 0 }).hasNumbers).toBe(true);
    expect(analyseAnswer('Throughput doubled', { ...base, durationMs: 0 }).hasNumbers).toBe(true);
    expect(analyseAnswer('One of our services was slow', { ...base, durationMs: 0 }).hasNumbers).toBe(false);
  });

  it('reports STAR parts and keywords used', () => {
    const m = analyseAnswer('At my last job I migrated us to k8s and as a result deploys got faster.', {
      ...base,
      durationMs: 10_000,
      keywords: ['Kubernetes', 'Terraform'],
      lexicon: [{ name: 'Kubernetes', aliases: ['k8s'] }],
    });
    expect(m.starCount).toBe(3);
    expect([m.star.situation, m.star.task, m.star.action, m.star.result]).toEqual([true, false, true, true]);
    expect(m.keywordsUsed).toEqual(['Kubernetes']);
  });
});

describe('describePace', () => {
  it('describes spoken pace', () => {
    expect(describePace(95, 'spoken')).toMatch(/^slow — 95 words\/min/);
    expect(describePace(110, 'spoken')).toBe('a comfortable pace (110 words/min)');
    expect(describePace(170, 'spoken')).toBe('a comfortable pace (170 words/min)');
    expect(describePace(185, 'spoken')).toMatch(/^fast — 185 words\/min/);
    expect(describePace(null, 'spoken')).toBe('too short to measure speaking pace');
  });

  it('describes typed answers as typing speed', () => {
    expect(describePace(42, 'typed')).toBe('42 words/min typed — this is typing speed, not speaking pace');
    expect(describePace(200, 'typed')).not.toMatch(/fast/);
    expect(describePace(null, 'typed')).toBe('typed answer — too short to measure typing speed');
  });
});

describe('spoken answers with microphone timing', () => {
  const text = 'Um, at my last job I led the migration and, uh, we cut costs by 30 percent in two months.';
  const speech = { speakingMs: 9000, pausesMs: [2500, 800, 3100], firstWordMs: 1400, audioMs: 11000 };

  it('bases words per minute on the speaking time, not the time since the question', () => {
    const m = analyseAnswer(text, { durationMs: 20_000, mode: 'spoken', keywords: [], speech });
    // 20 words over 9 s of speech = 133.3 → 133 (over the 20 s answering time it would be 60)
    expect(m.wordCount).toBe(20);
    expect(m.wordsPerMinute).toBe(133);
  });

  it('counts pauses over 2 s, fillers per minute and time to first word', () => {
    const m = analyseAnswer(text, { durationMs: 20_000, mode: 'spoken', keywords: [], speech });
    expect(m.speech).toEqual({ speakingMs: 9000, pausesOver2s: 2, longestPauseMs: 3100, fillersPerMinute: 13.3, firstWordMs: 1400 });
  });

  it('has no speech metrics for typed answers', () => {
    expect(analyseAnswer(text, { durationMs: 20_000, mode: 'typed', keywords: [] }).speech).toBeNull();
  });
});

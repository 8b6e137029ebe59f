import { describe, it, expect } from 'vitest';
import { detectStar, starCount } from '../../src/analysis/star';

const FULL_STAR =
  'At my last job the checkout service kept timing out during sales. My task was to find the cause before Black Friday. ' +
  'I analysed the traces, I then set up a load test and I implemented a connection pool. ' +
  'As a result p95 latency dropped from 900ms to 200ms and we saved $20k in refunds.';

describe('detectStar', () => {
  it('finds all four parts in a full STAR answer, with the matched cues', () => {
    const s = detectStar(FULL_STAR);
    expect(starCount(s)).toBe(4);
    expect(s.situation && s.task && s.action && s.result).toBe(true);
    expect(s.cues.situation).toEqual(['at my last job']);
    expect(s.cues.task).toEqual(['my task']);
    expect(s.cues.action).toEqual(['i set up', 'i implemented', 'i analysed']);
    expect(s.cues.result).toEqual(['as a result', 'saved', '900ms', '200ms', '$20k']);
  });

  it('finds few parts in a vague answer', () => {
    const s = detectStar('I think communication is really important and I always try to be open with people.');
    expect(starCount(s)).toBe(0);
    expect(s.cues).toEqual({ situation: [], task: [], action: [], result: [] });
  });

  it('does not count "we" or "I\'d" as a personal action', () => {
    const s = detectStar("We built a new pipeline and I'd decided to help. There was a deadline.");
    expect(s.action).toBe(false);
    expect(s.situation).toBe(true);
    expect(s.cues.situation).toEqual(['there was']);
  });

  it('detects results from percentages, numbers with units and result verbs', () => {
    expect(detectStar('Errors fell by 40%.').cues.result).toEqual(['%']);
    expect(detectStar('It now serves 10,000 users.').cues.result).toEqual(['10,000 users']);
    expect(detectStar('The build is 3x faster.').cues.result).toEqual(['3x']);
    expect(detectStar('Onboarding improved a lot.').cues.result).toEqual(['improved']);
    expect(detectStar('Back in the 1990s it was fine.').result).toBe(false);
  });

  it('matches case-insensitively and with curly apostrophes', () => {
    const s = detectStar('THE GOAL WAS simple. I DECIDED to act. In The End it worked.');
    expect(s.cues.task).toEqual(['the goal was']);
    expect(s.cues.action).toEqual(['i decided']);
    expect(s.cues.result).toEqual(['in the end']);
  });
});

describe('detectStar action verbs', () => {
  it('recognises common engineering actions ("I added", "I profiled")', () => {
    expect(detectStar('I profiled the queries.').action).toBe(true);
    expect(detectStar('Then I added an index.').action).toBe(true);
    expect(detectStar('We added an index.').action).toBe(false);
  });
});

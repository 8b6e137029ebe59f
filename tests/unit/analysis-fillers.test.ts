import { describe, it, expect } from 'vitest';
import { countFillers } from '../../src/analysis/fillers';

describe('countFillers', () => {
  it('counts single-word and multi-word fillers once each', () => {
    const r = countFillers('Um, so basically I, uh, you know, kind of fixed it. Erm, I mean it literally worked. Hmm.');
    expect(r.byFiller).toEqual({
      um: 1,
      basically: 1,
      uh: 1,
      'you know': 1,
      'kind of': 1,
      erm: 1,
      'i mean': 1,
      literally: 1,
      hmm: 1,
    });
    expect(r.total).toBe(9);
  });

  it('returns zero for clean text', () => {
    expect(countFillers('I rewrote the importer and cut the run time from two hours to ten minutes.')).toEqual({
      total: 0,
      byFiller: {},
    });
  });

  it('normalises stretched interjections', () => {
    expect(countFillers('Ummm... uhhh, hmmmm, errr').byFiller).toEqual({ umm: 1, uhh: 1, hmm: 1, er: 1 });
  });

  it('does not count "kind of"/"sort of" after a determiner, or "do you know"', () => {
    expect(countFillers('What kind of database? This sort of problem. Do you know Redis?').total).toBe(0);
  });

  it('does not count the "of" of "kind of" separately and counts "actually" once', () => {
    expect(countFillers('It was sort of actually fine').byFiller).toEqual({ 'sort of': 1, actually: 1 });
  });

  describe('"like"', () => {
    const likeCount = (text: string): number => countFillers(text).byFiller['like'] ?? 0;

    it('counts "like" after a comma or at a sentence start', () => {
      expect(likeCount('So, like, we shipped it')).toBe(1);
      expect(likeCount('Like I had no idea what to do.')).toBe(1);
      expect(likeCount('It broke. Like the whole thing went down.')).toBe(1);
    });

    it('counts "like," and "like um"', () => {
      expect(likeCount('it was just, um, like, broken')).toBe(1);
      expect(likeCount('and the deploy like um failed')).toBe(1);
      expect(likeCount('and the deploy like failed')).toBe(0);
    });

    it('counts quoting "was like" / "is like"', () => {
      expect(likeCount('and my manager was like why is this late')).toBe(1);
      expect(likeCount('and she is like no way')).toBe(1);
    });

    it('does not count verb or comparison uses', () => {
      expect(likeCount('I would like to lead this.')).toBe(0);
      expect(likeCount("I'd like a bigger team.")).toBe(0);
      expect(likeCount('We would like to try it.')).toBe(0);
      expect(likeCount('I like to plan ahead.')).toBe(0);
      expect(likeCount('It looks like a race condition.')).toBe(0);
      expect(likeCount('I feel like it was fine.')).toBe(0);
      expect(likeCount('It took something like three weeks.')).toBe(0);
      expect(likeCount('It behaves just like a queue.')).toBe(0);
      expect(likeCount('She likes Python and liked Go.')).toBe(0);
      expect(likeCount('Tools like Jira help.')).toBe(0);
    });

    it('counts several filler "like"s in one answer', () => {
      const r = countFillers('Like, it was, like, really slow, and I would like to fix it.');
      expect(r.byFiller).toEqual({ like: 2 });
      expect(r.total).toBe(2);
    });
  });
});

/**
 * The scripted interviewer's follow-ups that refer to the candidate's own words (ScriptedEngine with
 * { quoteAnswers: true }): 'You said "we look at the options together". What did you do yourself…?'; and
 * its no-repeat rule for near-duplicates (the same technology probe about another technology).
 */
import { describe, expect, it } from 'vitest';
import { ScriptedEngine, quotableWords } from '../../src/interview/scripted-engine';
import { defaultBank } from '../../src/interview/bank';
import { buildPlan } from '../../src/session/plans';
import { createRng } from '../../src/session/rng';
import type { FollowUpContext } from '../../src/session/engine';

const plan = buildPlan({ type: 'mixed', role: 'Backend engineer', seniority: 'mid', minutes: 30, jobDescription: 'Kubernetes, PostgreSQL and Kafka' }, defaultBank);
const phase = plan.phases.find((p) => p.kind === 'questions')!;

function ctx(lastAnswer: string, over: Partial<FollowUpContext> = {}): FollowUpContext {
  return {
    plan,
    phase,
    category: 'behavioural',
    thread: [{ question: 'Tell me about a time…', kind: 'question', answer: lastAnswer }],
    lastAnswer,
    usedRules: [],
    probedTopics: [],
    previousPrompts: [],
    rng: createRng(5),
    ...over,
  };
}

const EVASIVE =
  'Well, we generally handle that sort of thing as a team. We talk it through, we look at the options together and we go with whatever the group feels is right.';

describe('quotableWords', () => {
  it.each([
    ['I fixed a bug once.', 'I fixed a bug once'],
    ['I fixed it quickly.', 'I fixed it quickly'],
    ['Probably an index.', 'Probably an index'],
    ['Not sure, maybe testing.', 'maybe testing'],
    [EVASIVE, 'we generally handle that sort of thing'],
    ['That is a good question. In our team we try to stay flexible about it, we discuss it.', 'In our team we try to stay flexible'],
    ['That reminds me of my trip to Lisbon last spring. I ate pastries.', 'my trip to Lisbon last spring'],
    ['Speaking of that, my neighbour adopted a rescue dog and it keeps escaping into my garden.', 'my neighbour adopted a rescue dog'],
    ['We had a tricky outage once and we worked through it together as a team over the weekend.', 'We had a tricky outage once'],
    ['He said "ship it" and we shipped it.', 'He said ship it and we shipped it'],
  ])('%j → %j', (answer, quote) => {
    expect(quotableWords(answer)).toBe(quote);
  });

  it('null when there is nothing to quote (no word of 4+ letters that is not a stopword)', () => {
    for (const a of ['We did it.', 'Hm.', '', '   ', 'Yes, I can.']) expect(quotableWords(a), a).toBeNull();
  });

  it('never more than 9 words, and never ends on a function word', () => {
    const long = 'Honestly our approach to planning and estimation across the whole organisation has always been fairly collaborative in nature.';
    const q = quotableWords(long)!;
    expect(q.split(' ').length).toBeLessThanOrEqual(9);
    expect(q).not.toMatch(/\b(?:the|to|of|and|across|in)$/);
    expect(long).toContain(q);
  });
});

describe('ScriptedEngine with quoteAnswers', () => {
  const engine = new ScriptedEngine(defaultBank, { quoteAnswers: true });

  it("a follow-up starts with the candidate's own words, then a phrasing from the bank", async () => {
    const fu = await engine.followUp(ctx(EVASIVE));
    expect(fu?.rule).toBe('no-first-person');
    const m = /^You (?:said|mentioned) "([^"]+)"\. (.+)$/.exec(fu!.text);
    expect(m?.[1]).toBe('we generally handle that sort of thing');
    expect(defaultBank.followUps['no-first-person']).toContain(m?.[2]);
  });

  it('a short answer is quoted whole', async () => {
    const fu = await engine.followUp(ctx('I fixed a bug once.'));
    expect(fu?.rule).toBe('short-answer');
    expect(fu?.text).toMatch(/^You (?:said|mentioned) "I fixed a bug once"\. /);
  });

  it('nothing to quote: the bank phrasing alone', async () => {
    const fu = await engine.followUp(ctx('We did it.'));
    expect(defaultBank.followUps['short-answer']).toContain(fu?.text);
  });

  it('technology probes name the technology and are not prefixed', async () => {
    const answer = 'In my last role I led the migration of our billing service to postgres. I wrote the plan, and as a result we cut latency by 40 percent.';
    const fu = await engine.followUp(ctx(answer, { category: 'technical' }));
    expect(fu).toMatchObject({ rule: 'jd-technology', topic: 'PostgreSQL' });
    expect(defaultBank.followUps['jd-technology'].map((v) => v.replaceAll('{tech}', 'PostgreSQL'))).toContain(fu?.text);
  });

  it('a phrasing used before (behind another quote) is not used again', async () => {
    const variants = defaultBank.followUps['short-answer'];
    const said = variants.slice(1).map((v) => `You said "something else entirely". ${v}`);
    for (let seed = 0; seed < 10; seed++) {
      const fu = await engine.followUp(ctx('I fixed a bug once.', { previousPrompts: said, rng: createRng(seed) }));
      expect(fu?.text.endsWith(variants[0]!)).toBe(true);
    }
  });

  it('is off by default (the bank phrasing exactly)', async () => {
    const fu = await new ScriptedEngine(defaultBank).followUp(ctx(EVASIVE));
    expect(defaultBank.followUps['no-first-person']).toContain(fu?.text);
  });

  it('deterministic for the same RNG', async () => {
    const a = await engine.followUp(ctx(EVASIVE, { rng: createRng(9) }));
    const b = await engine.followUp(ctx(EVASIVE, { rng: createRng(9) }));
    expect(b).toEqual(a);
  });
});

describe('ScriptedEngine: no near-duplicate follow-ups', () => {
  it('the same technology probe is not reused for another technology', async () => {
    const engine = new ScriptedEngine(defaultBank);
    const tech = defaultBank.followUps['jd-technology'];
    // Every phrasing but the last was said about Kubernetes; a probe about Kafka must use the last one.
    const said = tech.slice(0, -1).map((v) => v.replaceAll('{tech}', 'Kubernetes'));
    const answer = 'In my last role I led the migration of our events to Kafka. I wrote the plan, and as a result we cut lag by 40 percent.';
    for (let seed = 0; seed < 10; seed++) {
      const fu = await engine.followUp(ctx(answer, { category: 'technical', previousPrompts: said, rng: createRng(seed) }));
      expect(fu).toEqual({ text: tech.at(-1)!.replaceAll('{tech}', 'Kafka'), rule: 'jd-technology', topic: 'Kafka' });
    }
    // All used: no probe at all rather than a near-repeat.
    const all = tech.map((v) => v.replaceAll('{tech}', 'Kubernetes'));
    expect(await engine.followUp(ctx(answer, { category: 'technical', previousPrompts: all }))).toBeNull();
  });
});

import { describe, it, expect } from 'vitest';
import { matchFollowUpRules, SHORT_ANSWER_WORDS, type RuleInput } from '../../src/interview/follow-up-rules';
import { ScriptedEngine } from '../../src/interview/scripted-engine';
import { defaultBank, type QuestionBank } from '../../src/interview/bank';
import { buildPlan } from '../../src/session/plans';
import { createRng, rngFor } from '../../src/session/rng';
import { countWords } from '../../src/analysis/text';
import type { AskContext, FollowUpContext } from '../../src/session/engine';
import type { BankQuestion, FollowUpRule, InterviewPlan, PhaseKind, PromptKind } from '../../src/session/types';

const TECH = defaultBank.technologies;

/** 30 words, first person, numbers and a result: no story rule fires. */
const GOOD =
  'In my last role I led the migration of our billing service. I wrote the plan, I negotiated the timeline with two teams, and as a result we cut latency by 40 percent.';
/** 24 words, first person, with a number and a result. */
const WORDS_24 = 'I led the migration of our billing service and I wrote the plan with two teams, and we cut latency by 40 percent overall.';
/** 25 words: WORDS_24 plus one word. */
const WORDS_25 = 'I led the migration of our billing service and I wrote the plan with two teams, and we cut latency by 40 percent overall today.';
/** 30 words, "we" and "our", never "I", with numbers. */
const WE_ONLY =
  'We had a tricky outage once and we worked through it together as a team over the weekend, we rolled back the deploy and shared our postmortem with 3 teams.';
/** 29 words, first person, no number and no result cue. */
const NO_RESULT =
  'I noticed that the onboarding flow confused new customers, so I talked to the designers, I sketched a simpler version and I walked the team through it during planning.';

function rules(over: Partial<RuleInput> & { answer: string }): FollowUpRule[] {
  return matchFollowUpRules({ category: 'behavioural', keywords: [], technologies: TECH, usedRules: [], probedTopics: [], ...over }).map((m) => m.rule);
}

describe('fixtures', () => {
  it('word counts', () => {
    expect(SHORT_ANSWER_WORDS).toBe(25);
    expect(countWords(WORDS_24)).toBe(24);
    expect(countWords(WORDS_25)).toBe(25);
    expect(countWords(GOOD)).toBeGreaterThanOrEqual(25);
    expect(countWords(WE_ONLY)).toBeGreaterThanOrEqual(25);
    expect(countWords(NO_RESULT)).toBeGreaterThanOrEqual(25);
  });
});

describe('matchFollowUpRules', () => {
  it('returns every matching rule in priority order: short, no-first-person, no-result, jd-technology', () => {
    const out = matchFollowUpRules({
      answer: 'We moved it to postgres.',
      category: 'behavioural',
      keywords: ['Kubernetes', 'PostgreSQL'],
      technologies: TECH,
      usedRules: [],
      probedTopics: [],
    });
    expect(out).toEqual([{ rule: 'short-answer' }, { rule: 'no-first-person' }, { rule: 'no-result' }, { rule: 'jd-technology', topic: 'PostgreSQL' }]);
  });

  it('a good answer matches nothing; an empty answer matches nothing', () => {
    expect(rules({ answer: GOOD })).toEqual([]);
    expect(rules({ answer: '' })).toEqual([]);
    expect(rules({ answer: '   \n ' })).toEqual([]);
  });

  it('short-answer: fewer than 25 words', () => {
    expect(rules({ answer: WORDS_24 })).toEqual(['short-answer']);
    expect(rules({ answer: WORDS_25 })).toEqual([]);
    expect(rules({ answer: WORDS_24, category: 'technical' })).toEqual(['short-answer']);
    expect(rules({ answer: WORDS_24, category: null })).toEqual(['short-answer']);
  });

  it('no-first-person: "we" without "I" in a story; not with "I"; not without "we"', () => {
    expect(rules({ answer: WE_ONLY })).toEqual(['no-first-person']);
    expect(rules({ answer: `${WE_ONLY} I mostly wrote the runbook.` })).toEqual([]);
    expect(rules({ answer: `${WE_ONLY} My part was the runbook.` })).toEqual([]);
    const neither = 'The outage started on a Friday and the whole platform team rolled back the deploy within 20 minutes, then the postmortem was shared with 3 other teams.';
    expect(countWords(neither)).toBeGreaterThanOrEqual(25);
    expect(rules({ answer: neither })).toEqual([]);
  });

  it('no-result: a story with no number and no result cue', () => {
    expect(rules({ answer: NO_RESULT })).toEqual(['no-result']);
    expect(rules({ answer: `${NO_RESULT} It took 3 weeks.` })).toEqual([]);
    expect(rules({ answer: `${NO_RESULT} Sign-ups doubled afterwards.` })).toEqual([]);
    expect(rules({ answer: `${NO_RESULT} As a result the support tickets went down.` })).toEqual([]);
  });

  it('story rules apply to behavioural and role answers only; technical categories ignore them', () => {
    for (const category of ['technical', 'system-design', 'coding', 'candidate-questions', 'wrap-up', null] as const) {
      expect(rules({ answer: WE_ONLY, category }), String(category)).toEqual([]);
      expect(rules({ answer: NO_RESULT, category }), String(category)).toEqual([]);
    }
    expect(rules({ answer: WE_ONLY, category: 'role' })).toEqual(['no-first-person']);
    expect(rules({ answer: NO_RESULT, category: 'role' })).toEqual(['no-result']);
  });

  it('intro answers get no-first-person but never no-result', () => {
    expect(rules({ answer: NO_RESULT, category: 'intro' })).toEqual([]);
    expect(rules({ answer: WE_ONLY.replace(/\b3\b/, 'several'), category: 'intro' })).toEqual(['no-first-person']);
    expect(rules({ answer: 'We build apps.', category: 'intro' })).toEqual(['short-answer', 'no-first-person']);
  });

  it('jd-technology: a JD technology named in the answer, also via an alias', () => {
    const keywords = ['Kubernetes', 'PostgreSQL', 'payments'];
    const match = (answer: string, probedTopics: string[] = []) =>
      matchFollowUpRules({ answer: `${GOOD} ${answer}`, category: 'technical', keywords, technologies: TECH, usedRules: [], probedTopics });
    expect(match('I tuned postgres a lot.')).toEqual([{ rule: 'jd-technology', topic: 'PostgreSQL' }]);
    expect(match('Mostly PostgreSQL work.')).toEqual([{ rule: 'jd-technology', topic: 'PostgreSQL' }]);
    expect(match('We ran it all on k8s.')).toEqual([{ rule: 'jd-technology', topic: 'Kubernetes' }]);
    // Keyword order wins over the order of mention.
    expect(match('First postgres, then k8s.')).toEqual([{ rule: 'jd-technology', topic: 'Kubernetes' }]);
    // Plain words from the JD are not technologies; technologies not in the JD are not probed.
    expect(match('It was all about payments.')).toEqual([]);
    expect(match('I used Redis and MongoDB.')).toEqual([]);
    // Probed topics are skipped: the next technology is probed, or none.
    expect(match('First postgres, then k8s.', ['Kubernetes'])).toEqual([{ rule: 'jd-technology', topic: 'PostgreSQL' }]);
    expect(match('First postgres, then k8s.', ['Kubernetes', 'PostgreSQL'])).toEqual([]);
  });

  it('usedRules removes rules already used in the thread', () => {
    expect(rules({ answer: 'We did it.', usedRules: ['short-answer'] })).toEqual(['no-first-person', 'no-result']);
    expect(rules({ answer: 'We did it.', usedRules: ['short-answer', 'no-first-person', 'no-result'] })).toEqual([]);
    expect(
      matchFollowUpRules({ answer: `${GOOD} postgres`, category: 'behavioural', keywords: ['PostgreSQL'], technologies: TECH, usedRules: ['jd-technology'], probedTopics: [] }),
    ).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

const plan: InterviewPlan = buildPlan(
  { type: 'mixed', role: 'Backend engineer', seniority: 'mid', minutes: 30, jobDescription: 'Kubernetes and PostgreSQL' },
  defaultBank,
);
function phaseOf(kind: PhaseKind) {
  const p = plan.phases.find((ph) => ph.kind === kind);
  if (!p) throw new Error(kind);
  return p;
}
function q(id: string): BankQuestion {
  const found = defaultBank.byId.get(id);
  if (!found) throw new Error(id);
  return found;
}

function fuCtx(over: Partial<FollowUpContext> & { lastAnswer: string }): FollowUpContext {
  return {
    plan,
    phase: phaseOf('questions'),
    category: 'behavioural',
    thread: [{ question: 'Tell me about a time…', kind: 'question', answer: over.lastAnswer }],
    usedRules: [],
    probedTopics: [],
    previousPrompts: [],
    rng: createRng(1),
    ...over,
  };
}

describe('ScriptedEngine.followUp', () => {
  const engine = new ScriptedEngine(defaultBank);

  it('null when no rule matches', async () => {
    expect(await engine.followUp(fuCtx({ lastAnswer: GOOD }))).toBeNull();
  });

  it('uses the first matching rule, with a phrasing from the bank', async () => {
    const fu = await engine.followUp(fuCtx({ lastAnswer: 'We did it.' }));
    expect(fu?.rule).toBe('short-answer');
    expect(defaultBank.followUps['short-answer']).toContain(fu?.text);
    expect(fu && 'topic' in fu).toBe(false);
    const fu2 = await engine.followUp(fuCtx({ lastAnswer: 'We did it.', usedRules: ['short-answer'] }));
    expect(fu2?.rule).toBe('no-first-person');
    expect(defaultBank.followUps['no-first-person']).toContain(fu2?.text);
  });

  it('avoids the phrasings said before whenever one is left', async () => {
    const variants = defaultBank.followUps['short-answer'];
    expect(variants.length).toBeGreaterThanOrEqual(2);
    for (let k = 0; k < variants.length; k++) {
      const left = variants[k];
      const said = variants.filter((_, i) => i !== k);
      for (let seed = 0; seed < 20; seed++) {
        const fu = await engine.followUp(fuCtx({ lastAnswer: 'Not sure.', previousPrompts: ['Unrelated line.', ...said], rng: createRng(seed) }));
        expect(fu?.text).toBe(left);
      }
    }
    // With nothing said yet, different seeds pick different phrasings.
    const picked = new Set<string>();
    for (let seed = 0; seed < 30; seed++) picked.add((await engine.followUp(fuCtx({ lastAnswer: 'Not sure.', rng: createRng(seed) })))?.text ?? '');
    expect(picked.size).toBeGreaterThan(1);
  });

  it('jd-technology fills {tech}, returns the topic, and avoids filled lines said before', async () => {
    const variants = defaultBank.followUps['jd-technology'].map((v) => v.replaceAll('{tech}', 'PostgreSQL'));
    const said = variants.slice(1);
    const fu = await engine.followUp(fuCtx({ lastAnswer: `${GOOD} postgres`, category: 'technical', previousPrompts: said, rng: createRng(7) }));
    expect(fu).toEqual({ text: variants[0], rule: 'jd-technology', topic: 'PostgreSQL' });
    expect(fu?.text).not.toContain('{tech}');
  });

  it('is deterministic for the same RNG', async () => {
    const a = await engine.followUp(fuCtx({ lastAnswer: NO_RESULT, rng: rngFor('S', '4:follow-up') }));
    const b = await engine.followUp(fuCtx({ lastAnswer: NO_RESULT, rng: rngFor('S', '4:follow-up') }));
    expect(a).toEqual(b);
    expect(a?.rule).toBe('no-result');
  });

  it('works with a custom bank (phrases come from the bank given)', async () => {
    const bank: QuestionBank = { ...defaultBank, followUps: { ...defaultBank.followUps, 'short-answer': ['Only phrasing.'] } };
    const fu = await new ScriptedEngine(bank).followUp(fuCtx({ lastAnswer: 'Hm.' }));
    expect(fu).toEqual({ text: 'Only phrasing.', rule: 'short-answer' });
  });
});

function askCtx(over: Partial<AskContext> & { question: BankQuestion; kind: PromptKind }): AskContext {
  return { plan, phase: phaseOf('questions'), firstInPhase: false, previousAnswer: null, rng: createRng(3), ...over };
}

describe('ScriptedEngine.phrase', () => {
  const engine = new ScriptedEngine(defaultBank);

  it('fills {role}', async () => {
    const text = await engine.phrase(askCtx({ phase: phaseOf('intro'), kind: 'intro', question: q('intro-01'), firstInPhase: true }));
    expect(text).toBe('To start, tell me a little about yourself and what draws you to this Backend engineer role.');
  });

  it('adds the phase opener for the first question of a question phase', async () => {
    const question = q('beh-motivation-02');
    expect(await engine.phrase(askCtx({ kind: 'question', question, firstInPhase: true, previousAnswer: GOOD }))).toBe(
      "Let's talk about some situations from your experience. Why does this Backend engineer role appeal to you at this stage of your career?",
    );
    const tech = { ...question, text: 'Explain indexes for a {role}.' };
    expect(await engine.phrase(askCtx({ phase: phaseOf('technical'), kind: 'question', question: tech, firstInPhase: true }))).toBe(
      "Now let's move to some technical questions. Explain indexes for a Backend engineer.",
    );
    expect(await engine.phrase(askCtx({ phase: phaseOf('coding'), kind: 'coding', question: tech, firstInPhase: true }))).toBe(
      "Let's do some problem solving. Talk me through your thinking out loud. Explain indexes for a Backend engineer.",
    );
  });

  it('no opener for intro, candidate questions and wrap-up', async () => {
    for (const kind of ['intro', 'candidate-questions', 'wrap-up'] as const) {
      const question = { ...q('cq-03') };
      const text = await engine.phrase(askCtx({ phase: phaseOf(kind), kind, question, firstInPhase: true, previousAnswer: GOOD }));
      expect(text).toBe("Before we wrap up, is there anything you'd like to ask me about this Backend engineer role?");
    }
  });

  it('a later question after an answer starts with a transition; without an answer, or for coding, none', async () => {
    const question = q('beh-motivation-02');
    const bare = 'Why does this Backend engineer role appeal to you at this stage of your career?';
    const text = await engine.phrase(askCtx({ kind: 'question', question, previousAnswer: GOOD }));
    const transition = defaultBank.followUps.transition.find((t) => text === `${t} ${bare}`);
    expect(transition).toBeDefined();
    expect(await engine.phrase(askCtx({ kind: 'question', question, previousAnswer: null }))).toBe(bare);
    expect(await engine.phrase(askCtx({ phase: phaseOf('coding'), kind: 'coding', question, previousAnswer: GOOD }))).toBe(bare);
  });
});

/**
 * Prompt building for the AI interviewer (src/llm/prompts.ts): what the model is told, and how the context
 * is fitted to the model's window — optional parts dropped in the documented order (resume, job
 * description, older answers, the already-asked list, then the recent exchanges), never over budget when
 * the prompt can fit at all.
 */
import { describe, expect, it } from 'vitest';
import { PERSONAS, PERSONA_LABELS, askPrompt, followUpPrompt, systemPrompt, type BuiltPrompt, type PromptOptions } from '../../src/llm/prompts';
import { buildPlan } from '../../src/session/plans';
import { defaultBank } from '../../src/interview/bank';
import { createRng } from '../../src/session/rng';
import type { AskContext, FollowUpContext, RecentExchange } from '../../src/session/engine';
import type { BankQuestion, Competency, FollowUpRule, InterviewPlan, PhaseKind } from '../../src/session/types';

const plan: InterviewPlan = buildPlan(
  {
    type: 'mixed',
    role: 'Platform engineer',
    seniority: 'senior',
    minutes: 30,
    jobDescription: 'You will run our services on Kubernetes and PostgreSQL and own the Terraform modules for the payments platform.',
  },
  defaultBank,
);

function phase(kind: PhaseKind) {
  const p = plan.phases.find((x) => x.kind === kind);
  if (!p) throw new Error(kind);
  return p;
}

const QUESTION = 'Tell me about a time you had to make an unpopular technical decision.';
const ANSWER =
  'We moved the ledger service from a cron batch to an event stream. The hardest part was convincing the reporting team, who depended on the nightly export, so we ran both for a month.';
const RESUME =
  'Eight years building payment systems. Led the ledger re-platforming at Finbank (Kafka, PostgreSQL). Mentored six engineers. Speaker at a regional DevOps meetup about zero-downtime migrations.';
const RECENT: RecentExchange[] = [
  { question: 'Walk me through your current role.', answer: 'I run the platform team of five and own the deploy pipeline, which I rebuilt on Argo last year.' },
  { question: 'What motivates you about this role?', answer: 'The payments domain: correctness matters and I like the discipline it forces on a team.' },
  { question: 'Describe a conflict with a colleague.', answer: 'A staff engineer wanted to rewrite the gateway; I proposed a strangler pattern and we agreed on milestones.' },
  { question: QUESTION, answer: ANSWER },
];
const PREVIOUS = ['Walk me through your current role.', 'What motivates you about this role?', 'Describe a conflict with a colleague.', QUESTION];
const UNCOVERED: Competency[] = ['impact', 'leadership'];

function fuCtx(over: Partial<FollowUpContext> = {}): FollowUpContext {
  return {
    plan,
    phase: phase('questions'),
    category: 'behavioural',
    thread: [{ question: QUESTION, kind: 'question', answer: ANSWER }],
    lastAnswer: ANSWER,
    usedRules: [],
    probedTopics: [],
    previousPrompts: PREVIOUS,
    uncovered: UNCOVERED,
    recent: RECENT,
    rng: createRng(1),
    ...over,
  };
}

const bankQuestion: BankQuestion = {
  id: 'test-q',
  text: 'How would you design a rate limiter for a public API?',
  category: 'system-design',
  competencies: ['system-design'],
  seniority: ['senior'],
  roles: ['engineering'],
};

function askCtx(over: Partial<AskContext> = {}): AskContext {
  return {
    plan,
    phase: phase('technical'),
    kind: 'question',
    question: bankQuestion,
    firstInPhase: false,
    previousAnswer: ANSWER,
    previousPrompts: PREVIOUS,
    uncovered: UNCOVERED,
    recent: RECENT,
    rng: createRng(2),
    ...over,
  };
}

const BIG = 100_000;
const opts = (budgetChars = BIG, over: Partial<PromptOptions> = {}): PromptOptions => ({
  persona: 'neutral',
  profile: { name: 'Ada', resume: RESUME, jobDescription: 'Kubernetes and PostgreSQL' },
  budgetChars,
  ...over,
});

const all = (p: BuiltPrompt): string => p.messages.map((m) => m.content).join('\n');
const user = (p: BuiltPrompt): string => p.messages.find((m) => m.role === 'user')?.content ?? '';
const clipped = (s: string, n: number): string => s.slice(0, n - 20);

describe('systemPrompt', () => {
  it('states the role, the seniority and the persona style', () => {
    for (const persona of PERSONAS) {
      const s = systemPrompt(plan, persona);
      expect(s).toContain('senior Platform engineer');
      expect(s).toMatch(/interviewer/i);
    }
    expect(systemPrompt(plan, 'friendly')).toMatch(/warm and encouraging/);
    expect(systemPrompt(plan, 'neutral')).toMatch(/calm, polite and matter-of-fact/);
    expect(systemPrompt(plan, 'tough')).toMatch(/brisk and demanding/);
    // Each persona reads differently.
    expect(new Set(PERSONAS.map((p) => systemPrompt(plan, p))).size).toBe(PERSONAS.length);
    for (const p of PERSONAS) expect(PERSONA_LABELS[p].length).toBeGreaterThan(0);
  });

  it('asks for one question, no answers or solutions, no repeats, no meta-text', () => {
    const s = systemPrompt(plan, 'neutral');
    expect(s).toMatch(/exactly one question/);
    expect(s).toMatch(/question mark/);
    expect(s).toMatch(/never answer your own question/i);
    expect(s).toMatch(/never give an example answer or a solution/i);
    expect(s).toMatch(/do not repeat/i);
    expect(s).toMatch(/no labels, no quotes, no notes/i);
  });
});

describe('followUpPrompt', () => {
  it('is a system and a user message, with the persona in the system message', () => {
    const p = followUpPrompt(fuCtx(), 'no-result', undefined, opts(BIG, { persona: 'tough' }));
    expect(p.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(p.messages[0]?.content).toBe(systemPrompt(plan, 'tough'));
    expect(p.level).toBe(0);
    expect(p.chars).toBe(p.messages.reduce((n, m) => n + m.content.length, 0));
  });

  it("quotes the question and the candidate's actual answer", () => {
    const u = user(followUpPrompt(fuCtx(), 'no-result', undefined, opts()));
    expect(u).toContain(`You asked: "${QUESTION}"`);
    expect(u).toContain(`The candidate answered: "${ANSWER}"`);
    expect(u).toMatch(/refers to something specific they just said/);
  });

  it('the question asked is the last turn of the thread (a follow-up on a follow-up)', () => {
    const thread = [
      { question: QUESTION, kind: 'question' as const, answer: 'We did it.' },
      { question: 'Could you give me a concrete example of that?', kind: 'follow-up' as const, rule: 'short-answer' as const, answer: ANSWER },
    ];
    const u = user(followUpPrompt(fuCtx({ thread }), 'no-first-person', undefined, opts()));
    expect(u).toContain('You asked: "Could you give me a concrete example of that?"');
  });

  it.each<[FollowUpRule, string | undefined, RegExp]>([
    ['short-answer', undefined, /concrete example from their own experience/],
    ['no-first-person', undefined, /what they personally did/],
    ['no-result', undefined, /outcome and how they measured it/],
    ['jd-technology', 'Kubernetes', /They mentioned Kubernetes: probe the depth of their hands-on experience/],
  ])('states the intent of the rule %s', (rule, topic, intent) => {
    const u = user(followUpPrompt(fuCtx(), rule, topic, opts()));
    expect(u).toMatch(intent);
    expect(u).not.toContain('{topic}');
  });

  it('lists the uncovered checklist items by label, and only those', () => {
    const u = user(followUpPrompt(fuCtx(), 'no-result', undefined, opts()));
    expect(u).toContain('Still to cover: Impact; Leadership.');
    const covered = plan.checklist.filter((c) => !UNCOVERED.includes(c.competency));
    expect(covered.length).toBeGreaterThan(0);
    const line = u.split('\n').find((l) => l.startsWith('Still to cover')) ?? '';
    for (const c of covered) expect(line).not.toContain(c.label);
    // Nothing left: no checklist line.
    expect(user(followUpPrompt(fuCtx({ uncovered: [] }), 'no-result', undefined, opts()))).not.toContain('Still to cover');
  });

  it('names the current part of the interview', () => {
    expect(user(followUpPrompt(fuCtx(), 'no-result', undefined, opts()))).toContain(`Current part of the interview: ${phase('questions').label}.`);
  });

  it('lists the earlier lines so the model does not repeat them', () => {
    const u = user(followUpPrompt(fuCtx(), 'no-result', undefined, opts()));
    expect(u).toMatch(/Already asked \(do not repeat\):/);
    for (const p of PREVIOUS) expect(u).toContain(`- ${p}`);
  });

  it('the recent exchanges exclude the answer being followed up (it is quoted in full already)', () => {
    const u = user(followUpPrompt(fuCtx(), 'no-result', undefined, opts()));
    const recent = u.slice(u.indexOf('Recent exchanges:'), u.indexOf('Already asked'));
    expect(recent).toContain(RECENT[0]!.answer);
    expect(recent).toContain(RECENT[2]!.answer);
    expect(recent).not.toContain(ANSWER);
  });

  it('includes the resume and the job-description keywords when the budget allows', () => {
    const u = user(followUpPrompt(fuCtx(), 'no-result', undefined, opts()));
    expect(u).toContain(`Candidate's resume (summary): ${RESUME}`);
    expect(plan.keywords).toEqual(expect.arrayContaining(['Kubernetes', 'PostgreSQL', 'Terraform']));
    expect(u).toContain(`Job description keywords: ${plan.keywords.join(', ')}.`);
    expect(u).toContain('Job description (excerpt): Kubernetes and PostgreSQL');
  });

  it('no job description in the profile: no excerpt block', () => {
    const u = user(followUpPrompt(fuCtx(), 'no-result', undefined, opts(BIG, { profile: { resume: RESUME } })));
    expect(u).not.toContain('Job description (excerpt)');
  });

  it('no resume in the profile: no resume block', () => {
    const u = user(followUpPrompt(fuCtx(), 'no-result', undefined, opts(BIG, { profile: {} })));
    expect(u).not.toContain('resume');
  });

  it('does not ask the model for an answer or a solution', () => {
    for (const rule of ['short-answer', 'no-first-person', 'no-result', 'jd-technology'] as const) {
      const u = user(followUpPrompt(fuCtx(), rule, 'Kubernetes', opts()));
      expect(u).not.toMatch(/\b(?:write|give|provide|suggest|show)\b[^.\n]{0,40}\b(?:answer|solution)\b/i);
      expect(u).not.toMatch(/\b(?:model|ideal|sample|example|better|stronger) answer\b/i);
    }
  });
});

describe('askPrompt', () => {
  const QTEXT = 'How would you design a rate limiter for a public API?';

  it('asks for the given question in the interviewer\'s own words, keeping its meaning', () => {
    const u = user(askPrompt(askCtx(), QTEXT, opts()));
    expect(u).toContain(`"${QTEXT}"`);
    expect(u).toMatch(/in your own words, keeping its meaning/);
  });

  it('the first question of a phase introduces the phase', () => {
    const u = user(askPrompt(askCtx({ firstInPhase: true }), QTEXT, opts()));
    expect(u).toContain(`This starts a new part of the interview (${phase('technical').label})`);
    expect(u).not.toMatch(/Their previous answer was/);
  });

  it('a later question acknowledges the previous answer neutrally (quoted), without judging it', () => {
    const u = user(askPrompt(askCtx(), QTEXT, opts()));
    expect(u).toContain(`Their previous answer was: "${ANSWER}"`);
    expect(u).toMatch(/neutral acknowledgement of it \(no praise, no judgement\)/);
  });

  it('no previous answer: no acknowledgement', () => {
    expect(user(askPrompt(askCtx({ previousAnswer: null }), QTEXT, opts()))).not.toMatch(/previous answer/);
  });

  it('contains role, seniority and persona (system) and the context blocks (user)', () => {
    const p = askPrompt(askCtx(), QTEXT, opts(BIG, { persona: 'friendly' }));
    expect(p.messages[0]?.content).toBe(systemPrompt(plan, 'friendly'));
    const u = user(p);
    expect(u).toContain('Still to cover: Impact; Leadership.');
    expect(u).toContain('Already asked (do not repeat):');
    expect(u).toContain(`Candidate's resume (summary): ${RESUME}`);
    expect(u).toContain('Job description keywords:');
    // askPrompt keeps the most recent exchange in the context (the answer was not quoted elsewhere in full).
    expect(u).toContain(`Q: ${QUESTION}`);
  });

  it('does not ask the model for an answer or a solution', () => {
    const u = user(askPrompt(askCtx(), QTEXT, opts()));
    expect(u).not.toMatch(/\b(?:write|give|provide|suggest|show)\b[^.\n]{0,40}\b(?:answer|solution)\b/i);
  });
});

/** Which optional parts a prompt still has. */
function parts(p: BuiltPrompt) {
  const u = user(p);
  return {
    resume: u.includes("Candidate's resume"),
    jd: u.includes('Job description keywords'),
    olderAnswers: u.includes(RECENT[1]!.answer.slice(0, 40)),
    asked: u.includes('Already asked'),
    recent: u.includes('Recent exchanges'),
    checklist: u.includes('Still to cover'),
  };
}

describe('fitting the context to the budget', () => {
  const builders: [string, (budget: number) => BuiltPrompt][] = [
    ['follow-up', (b) => followUpPrompt(fuCtx(), 'no-result', undefined, opts(b))],
    ['ask', (b) => askPrompt(askCtx(), 'How would you design a rate limiter for a public API?', opts(b))],
  ];

  for (const [name, build] of builders) {
    it(`${name}: never exceeds the budget when the prompt can fit at all`, () => {
      const minimal = build(0); // the smallest prompt there is (level 5)
      expect(minimal.level).toBe(5);
      for (let budget = minimal.chars; budget <= build(BIG).chars + 50; budget += 37) {
        const p = build(budget);
        expect(p.chars, `budget ${budget}`).toBeLessThanOrEqual(budget);
        expect(p.chars).toBe(all(p).length - (p.messages.length - 1));
      }
    });

    it(`${name}: the level only goes up as the budget shrinks, and the fullest prompt that fits is chosen`, () => {
      const levelChars = new Map<number, number>();
      const sweep: BuiltPrompt[] = [];
      for (let budget = build(BIG).chars + 10; budget >= 0; budget -= 23) {
        const p = build(budget);
        sweep.push(p);
        levelChars.set(p.level, p.chars);
      }
      expect([...levelChars.keys()]).toEqual(expect.arrayContaining([0, 5]));
      let last = -1;
      for (let i = 0, budget = build(BIG).chars + 10; budget >= 0; budget -= 23, i++) {
        const p = sweep[i]!;
        expect(p.level, `budget ${budget}`).toBeGreaterThanOrEqual(last);
        last = p.level;
        // Every fuller level seen would not have fitted this budget.
        for (const [level, chars] of levelChars) if (level < p.level) expect(chars, `level ${level} at budget ${budget}`).toBeGreaterThan(budget);
      }
      expect(last).toBe(5);
    });

    it(`${name}: optional parts are dropped in the documented order`, () => {
      // resume → job description (with the older answers) → the already-asked list → the recent exchanges →
      // everything but the task.
      const seen: ReturnType<typeof parts>[] = [];
      for (let budget = build(BIG).chars; budget >= build(0).chars; budget -= 11) seen.push(parts(build(budget)));
      const firstMissing = (k: keyof ReturnType<typeof parts>): number => {
        const i = seen.findIndex((s) => !s[k]);
        // Once dropped, never back.
        if (i >= 0) for (const s of seen.slice(i)) expect(s[k], k).toBe(false);
        return i < 0 ? Infinity : i;
      };
      const order = {
        resume: firstMissing('resume'),
        jd: firstMissing('jd'),
        olderAnswers: firstMissing('olderAnswers'),
        asked: firstMissing('asked'),
        recent: firstMissing('recent'),
        checklist: firstMissing('checklist'),
      };
      expect(seen[0]).toEqual({ resume: true, jd: true, olderAnswers: true, asked: true, recent: true, checklist: true });
      expect(order.resume).toBeLessThan(order.jd);
      expect(order.jd).toBeLessThanOrEqual(order.olderAnswers);
      expect(order.olderAnswers).toBeLessThan(order.asked);
      expect(order.asked).toBeLessThan(order.recent);
      expect(order.recent).toBeLessThan(order.checklist);
      expect(order.checklist).toBeLessThan(Infinity);
    });
  }

  it("the follow-up task (question and the candidate's answer) survives every level, clipped at the last ones", () => {
    const longAnswer = `${ANSWER} ${'Then I wrote the migration runbook, paired with the reporting team on the new consumers, and measured lag every day. '.repeat(8)}`;
    for (const budget of [BIG, 3000, 1500, 800, 0]) {
      const u = user(followUpPrompt(fuCtx({ lastAnswer: longAnswer }), 'no-result', undefined, opts(budget)));
      expect(u, `budget ${budget}`).toContain(`You asked: "${clipped(QUESTION, 60)}`);
      expect(u).toContain(`The candidate answered: "${clipped(ANSWER, 200)}`);
      expect(u).toMatch(/outcome and how they measured it/);
    }
    // Long answers are clipped (with an ellipsis), not dropped.
    const smallest = user(followUpPrompt(fuCtx({ lastAnswer: longAnswer }), 'no-result', undefined, opts(0)));
    expect(smallest).toMatch(/The candidate answered: "[^"]{100,240}…"/);
  });

  it('the resume is summarised (clipped), not pasted whole', () => {
    const longResume = `${RESUME} ${'Built internal tooling for data pipelines and on-call automation across three regions. '.repeat(20)}`;
    const u = user(followUpPrompt(fuCtx(), 'no-result', undefined, opts(BIG, { profile: { resume: longResume } })));
    const line = u.split('\n').find((l) => l.startsWith("Candidate's resume")) ?? '';
    expect(line.length).toBeLessThanOrEqual("Candidate's resume (summary): ".length + 500);
    expect(line.endsWith('…')).toBe(true);
  });

  it('at most the last six earlier lines are listed', () => {
    const many = Array.from({ length: 10 }, (_, i) => `Earlier question number ${i + 1}?`);
    const u = user(followUpPrompt(fuCtx({ previousPrompts: many }), 'no-result', undefined, opts()));
    expect(u).not.toContain('Earlier question number 4?');
    for (let i = 5; i <= 10; i++) expect(u).toContain(`- Earlier question number ${i}?`);
  });
});

import { describe, it, expect } from 'vitest';
import { SessionScheduler, CLOSING_LINE, COVER_MIN_WORDS, type SchedulerDeps } from '../../src/session/scheduler';
import { buildPlan } from '../../src/session/plans';
import { defaultBank } from '../../src/interview/bank';
import { ScriptedEngine } from '../../src/interview/scripted-engine';
import { countWords } from '../../src/analysis/text';
import type { AskContext, FollowUp, FollowUpContext, InterviewerEngine } from '../../src/session/engine';
import type { InterviewPlan, SessionEvent, SessionEventType } from '../../src/session/types';

// ---------------------------------------------------------------------------------------------
// Fixtures

const T0 = 1_750_000_000_000;
const MIN = 60_000;

/** 36 words, first person, numbers and a result cue: triggers no follow-up rule (without JD keywords). */
const GOOD =
  'In my last role I led the migration of our billing service. I wrote the plan, I negotiated the timeline with two teams, and as a result we cut latency by 40 percent within three months.';
/** 33 words, first person, numbers and results, different wording. */
const GOOD_2 =
  'At my previous company I owned the release process. I automated the checks, I trained four engineers on it, and the failed deploys dropped from 12 to 2 per quarter as a result.';
/** 4 words. */
const SHORT = 'I fixed it quickly.';
/** 3 words, "we" without "I". */
const SHORT_WE = 'We fixed it.';
/** 35 words, "we" many times, never "I", with numbers. */
const WE_STORY =
  'We had a tricky outage once and we worked through it together as a team over the weekend, we rolled back the deploy, we wrote a postmortem and we shared it with 3 other teams.';
/** 31 words, first person, no number and no result cue. */
const NO_RESULT =
  'I noticed that the onboarding flow confused new customers, so I talked to the designers, I sketched a simpler version and I walked the team through it during our planning meeting.';
/** Exactly 14 words (one below COVER_MIN_WORDS). */
const FOURTEEN = 'I spoke with the team and we agreed on a plan for the release.';
/** Exactly 15 words. */
const FIFTEEN = 'I spoke with the team and we agreed on a clear plan for the release.';

const BACKEND_20 = { type: 'mixed', role: 'Backend engineer', seniority: 'mid', minutes: 20, jobDescription: '' } as const;

function plan20(): InterviewPlan {
  return buildPlan({ ...BACKEND_20 }, defaultBank);
}
function planOf(minutes: number, jobDescription = ''): InterviewPlan {
  return buildPlan({ ...BACKEND_20, minutes, jobDescription }, defaultBank);
}

type Ev<T extends SessionEventType> = Extract<SessionEvent, { type: T }>;
type Asked = Ev<'asked'>;

function ofType<T extends SessionEventType>(events: readonly SessionEvent[], type: T): Ev<T>[] {
  return events.filter((e): e is Ev<T> => e.type === type);
}
function lastOf<T extends SessionEventType>(events: readonly SessionEvent[], type: T): Ev<T> {
  const all = ofType(events, type);
  const last = all.at(-1);
  if (!last) throw new Error(`no ${type} event`);
  return last;
}
function stripAt(events: readonly SessionEvent[]): Omit<SessionEvent, 'at'>[] {
  return events.map(({ at: _at, ...rest }) => rest);
}
const flush = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

interface Pending {
  events: SessionEvent[];
  resolve: () => void;
  reject: (err: Error) => void;
}

/** A fake clock, a recording persist function (modes: ok, fail, manual) and scheduler deps. */
function makeHarness(opts: { engine?: InterviewerEngine; fallback?: InterviewerEngine } = {}) {
  const h = {
    fakeNow: T0,
    batches: [] as SessionEvent[][],
    mode: 'ok' as 'ok' | 'fail' | 'manual',
    pending: [] as Pending[],
    advance(ms: number): void {
      h.fakeNow += ms;
    },
    deps: undefined as unknown as SchedulerDeps,
  };
  const persist = (events: SessionEvent[]): Promise<void> => {
    if (h.mode === 'fail') return Promise.reject(new Error('disk full'));
    if (h.mode === 'manual') {
      return new Promise<void>((resolve, reject) => {
        h.pending.push({
          events: [...events],
          resolve: () => {
            h.batches.push([...events]);
            resolve();
          },
          reject,
        });
      });
    }
    h.batches.push([...events]);
    return Promise.resolve();
  };
  h.deps = {
    bank: defaultBank,
    engine: opts.engine ?? new ScriptedEngine(defaultBank),
    ...(opts.fallback ? { fallback: opts.fallback } : {}),
    clock: { now: () => h.fakeNow },
    persist,
  };
  return h;
}

function current(s: SessionScheduler): Asked {
  const c = s.snapshot.current;
  if (!c) throw new Error('no current prompt');
  return c;
}

/** Answer the current prompt and return the events this produced. */
async function answerCurrent(s: SessionScheduler, text: string | null, startedT: number | null = null): Promise<SessionEvent[]> {
  const before = s.events.length;
  const c = current(s);
  if (text === null) await s.skip(c.promptId);
  else await s.answer(c.promptId, text, startedT);
  return s.events.slice(before);
}

async function started(plan: InterviewPlan = plan20(), seed = 'SEED42', h = makeHarness()) {
  const s = await SessionScheduler.start(h.deps, plan, seed);
  return { s, h };
}

/** Start, answer the intro with a good answer, land in the behavioural phase (index 1). */
async function inBehavioural(plan: InterviewPlan = plan20(), seed = 'SEED42') {
  const r = await started(plan, seed);
  r.h.advance(30_000);
  await answerCurrent(r.s, GOOD);
  expect(r.s.snapshot.phaseIndex).toBe(1);
  expect(current(r.s).kind).toBe('question');
  return r;
}

const VARIED: (string | null)[] = [GOOD, SHORT, WE_STORY, NO_RESULT, null, 'Honestly I am not sure, maybe caching would help here.', GOOD_2, FIFTEEN];

/** A whole interview: the clock moves in `step`/4 increments with a tick() each, then the current prompt is answered. */
async function simulate(seed: string, opts: { minutes?: number; step?: number; answers?: (string | null)[]; maxTurns?: number } = {}) {
  const h = makeHarness();
  const plan = planOf(opts.minutes ?? 45);
  const s = await SessionScheduler.start(h.deps, plan, seed);
  const answers = opts.answers ?? VARIED;
  const step = opts.step ?? 80_000;
  let turn = 0;
  while (s.snapshot.status !== 'ended' && turn < (opts.maxTurns ?? 300)) {
    for (let k = 0; k < 4; k++) {
      h.advance(step / 4);
      await s.tick();
    }
    await answerCurrent(s, answers[turn % answers.length] ?? null);
    turn++;
  }
  return { s, h, plan };
}

// ---------------------------------------------------------------------------------------------

describe('fixtures', () => {
  it('have the word counts the tests rely on', () => {
    expect(COVER_MIN_WORDS).toBe(15);
    expect(countWords(FOURTEEN)).toBe(14);
    expect(countWords(FIFTEEN)).toBe(15);
    expect(countWords(GOOD)).toBeGreaterThanOrEqual(25);
    expect(countWords(WE_STORY)).toBeGreaterThanOrEqual(25);
    expect(countWords(NO_RESULT)).toBeGreaterThanOrEqual(25);
  });

  it('the 20-minute mixed backend plan has the phase budgets the time tests use', () => {
    const p = plan20();
    expect(p.phases.map((ph) => [ph.kind, ph.minutes])).toEqual([
      ['intro', 2],
      ['questions', 7],
      ['technical', 5],
      ['coding', 3],
      ['candidate-questions', 2],
      ['wrap-up', 1],
    ]);
    expect(p.totalMinutes).toBe(20);
  });
});

describe('start', () => {
  it('emits started, phase 0 and an intro prompt, persisted as one batch', async () => {
    const plan = plan20();
    const { s, h } = await started(plan, 'SEED42');
    expect(s.events.map((e) => e.type)).toEqual(['started', 'phase', 'asked']);
    const [st, ph, asked] = s.events;
    expect(st).toEqual({ type: 'started', t: 0, at: T0, seed: 'SEED42', engine: 'scripted', plan });
    expect(ph).toEqual({ type: 'phase', t: 0, at: T0, phaseIndex: 0, reason: 'start' });
    expect(asked).toMatchObject({ type: 'asked', t: 0, promptId: 0, kind: 'intro', phaseIndex: 0, engine: 'scripted' });
    const a = asked as Asked;
    expect(a.questionId).toMatch(/^intro-/);
    expect(defaultBank.byId.get(a.questionId ?? '')?.category).toBe('intro');
    expect(a.text).not.toContain('{role}');
    expect(h.batches).toEqual([[...s.events]]);
    expect(s.snapshot.status).toBe('running');
    expect(s.snapshot.phaseIndex).toBe(0);
    expect(s.snapshot.current).toEqual(a);
    expect(s.running).toBe(true);
  });

  it('does not resolve before persist resolves', async () => {
    const h = makeHarness();
    h.mode = 'manual';
    let done = false;
    const p = SessionScheduler.start(h.deps, plan20(), 'SEED42').then((s) => {
      done = true;
      return s;
    });
    await flush();
    await flush();
    expect(done).toBe(false);
    expect(h.pending).toHaveLength(1);
    expect(h.pending[0]?.events.map((e) => e.type)).toEqual(['started', 'phase', 'asked']);
    h.pending[0]?.resolve();
    const s = await p;
    expect(done).toBe(true);
    expect(s.events).toHaveLength(3);
  });

  it('an answer changes neither snapshot nor events until persist resolves; listeners are told after', async () => {
    const { s, h } = await started();
    const seen: number[] = [];
    s.subscribe((st) => seen.push(st.prompts.length));
    const before = s.snapshot;
    const eventsBefore = s.events.length;
    h.mode = 'manual';
    h.advance(40_000);
    const p = s.answer(0, GOOD, null);
    await flush();
    await flush();
    expect(h.pending).toHaveLength(1);
    expect(s.snapshot).toBe(before);
    expect(s.snapshot.current?.promptId).toBe(0);
    expect(s.events).toHaveLength(eventsBefore);
    expect(seen).toEqual([]);
    h.pending[0]?.resolve();
    await p;
    expect(s.snapshot).not.toBe(before);
    expect(s.snapshot.outcomes.get(0)?.type).toBe('answered');
    expect(s.events.length).toBeGreaterThan(eventsBefore);
    expect(s.events.slice(eventsBefore)).toEqual(h.pending[0]?.events);
    expect(seen).toEqual([s.snapshot.prompts.length]);
  });
});

describe('time budgets', () => {
  it('an answer given after the phase budget moves to the next phase (time-up) without a follow-up', async () => {
    const { s, h } = await started();
    h.advance(2 * MIN); // the intro's budget, exactly
    const out = await answerCurrent(s, SHORT);
    expect(out.map((e) => e.type)).toEqual(['answered', 'phase', 'asked']);
    expect(out[1]).toMatchObject({ type: 'phase', phaseIndex: 1, reason: 'time-up', t: 2 * MIN });
    expect(out[2]).toMatchObject({ type: 'asked', kind: 'question', phaseIndex: 1, promptId: 1 });
    expect(ofType(s.events, 'asked').some((a) => a.kind === 'follow-up')).toBe(false);
    expect(s.snapshot.phaseStartT).toBe(2 * MIN);
  });

  it('the same short answer just before the budget gets a follow-up instead (control)', async () => {
    const { s, h } = await started();
    h.advance(2 * MIN - 1);
    const out = await answerCurrent(s, SHORT);
    expect(out.map((e) => e.type)).toEqual(['answered', 'asked']);
    expect(out[1]).toMatchObject({ kind: 'follow-up', rule: 'short-answer', phaseIndex: 0 });
  });

  it('tick() warns at 80% and 100% of the phase budget, once each per phase', async () => {
    const { s, h } = await started();
    const warnings = () => ofType(s.events, 'warning').map((w) => [w.phaseIndex, w.level, w.t]);
    h.advance(95_999); // 80% of 2 minutes is 96 s
    await s.tick();
    expect(warnings()).toEqual([]);
    h.advance(1);
    await s.tick();
    expect(warnings()).toEqual([[0, 'phase-running-long', 96_000]]);
    h.advance(1_000);
    await s.tick();
    expect(warnings()).toHaveLength(1);
    h.advance(2 * MIN - 97_000 - 1);
    await s.tick();
    expect(warnings()).toHaveLength(1);
    h.advance(1);
    await s.tick();
    expect(warnings()).toEqual([
      [0, 'phase-running-long', 96_000],
      [0, 'phase-time-up', 120_000],
    ]);
    expect(s.snapshot.lastWarning).toMatchObject({ level: 'phase-time-up', phaseIndex: 0 });
    h.advance(5_000);
    await s.tick();
    await s.tick();
    expect(warnings()).toHaveLength(2);

    // The next phase gets its own warnings.
    await answerCurrent(s, GOOD);
    expect(s.snapshot.phaseIndex).toBe(1);
    const phaseStart = s.snapshot.phaseStartT;
    expect(phaseStart).toBe(125_000);
    h.advance(336_000); // 80% of 7 minutes
    await s.tick();
    await s.tick();
    expect(warnings().slice(2)).toEqual([[1, 'phase-running-long', phaseStart + 336_000]]);
  });

  it('total time up: a total-time-up warning, the next answer goes to the wrap-up, answering it closes', async () => {
    const plan = plan20();
    const { s, h } = await started(plan);
    h.advance(10_000);
    await answerCurrent(s, GOOD);
    expect(s.snapshot.phaseIndex).toBe(1);
    h.advance(20 * MIN - 10_000 - 1);
    await s.tick();
    // Far past the phase budget (one tick only): phase-time-up, without the 80% warning first.
    expect(ofType(s.events, 'warning').map((w) => [w.level, w.phaseIndex])).toEqual([['phase-time-up', 1]]);
    const warnedBefore = ofType(s.events, 'warning').length;
    h.advance(1);
    await s.tick();
    const w = ofType(s.events, 'warning').slice(warnedBefore);
    expect(w.map((x) => [x.level, x.phaseIndex, x.t])).toEqual([['total-time-up', 1, 20 * MIN]]);
    await s.tick();
    expect(ofType(s.events, 'warning').length).toBe(warnedBefore + 1);

    const out = await answerCurrent(s, GOOD);
    const wrapIndex = plan.phases.findIndex((p) => p.kind === 'wrap-up');
    expect(wrapIndex).toBe(5);
    const phaseEvents = ofType(out, 'phase');
    expect(phaseEvents.map((p) => [p.phaseIndex, p.reason])).toEqual([[5, 'total-time-up']]);
    expect(ofType(out, 'asked').map((a) => a.kind)).toEqual(['wrap-up']);
    expect(current(s).questionId).toMatch(/^wrap-/);
    expect(current(s).phaseIndex).toBe(5);

    h.advance(30_000);
    const end = await answerCurrent(s, 'No, thank you, I think we covered everything.');
    expect(end.map((e) => e.type)).toEqual(['answered', 'asked', 'ended']);
    expect(end[1]).toMatchObject({ kind: 'closing', text: CLOSING_LINE, phaseIndex: 5, competencies: [] });
    expect(end[2]).toMatchObject({ type: 'ended', reason: 'completed' });
    expect(s.snapshot.status).toBe('ended');
    expect(s.snapshot.endReason).toBe('completed');
    expect(s.snapshot.current).toBeNull();

    // Nothing happens after the end.
    const n = s.events.length;
    await s.tick();
    await s.end({ text: 'late', startedT: null });
    await s.answer(lastOf(s.events, 'asked').promptId, 'late', null);
    expect(s.events).toHaveLength(n);
  });

  it('the wrap-up phase itself never warns', async () => {
    const { s, h } = await started();
    h.advance(20 * MIN);
    await answerCurrent(s, GOOD); // straight to the wrap-up (total time up)
    expect(s.snapshot.phaseIndex).toBe(5);
    const n = ofType(s.events, 'warning').length;
    h.advance(10 * MIN);
    await s.tick();
    expect(ofType(s.events, 'warning')).toHaveLength(n);
  });
});

describe('phase transitions', () => {
  it('a question phase ends early once its checklist items are covered (reason covered)', async () => {
    const { s, h } = await inBehavioural();
    const phase = s.snapshot.plan?.phases[1];
    let turns = 0;
    while (s.snapshot.phaseIndex === 1 && turns < 12) {
      h.advance(30_000);
      await answerCurrent(s, turns % 2 ? GOOD : GOOD_2);
      turns++;
    }
    const moved = lastOf(s.events, 'phase');
    expect(moved).toMatchObject({ phaseIndex: 2, reason: 'covered' });
    expect(moved.t - 30_000).toBeLessThan(7 * MIN);
    for (const c of phase?.competencies ?? []) expect(s.snapshot.covered.has(c)).toBe(true);
    expect(current(s)).toMatchObject({ kind: 'question', phaseIndex: 2 });
    expect(current(s).text.startsWith("Now let's move to some technical questions.")).toBe(true);
  });
});

describe('phase order', () => {
  it('phases only move forward, in plan order, and the interview ends in the wrap-up', async () => {
    for (const opts of [{}, { step: 150_000, answers: [SHORT, null, SHORT_WE] }, { minutes: 20, step: 40_000 }]) {
      const { s, plan } = await simulate('ORDER1', opts);
      const phases = ofType(s.events, 'phase');
      const idx = phases.map((p) => p.phaseIndex);
      expect(idx[0]).toBe(0);
      expect(phases[0]?.reason).toBe('start');
      for (let i = 1; i < idx.length; i++) expect(idx[i]).toBeGreaterThan(idx[i - 1] ?? Infinity);
      const wrapIndex = plan.phases.findIndex((p) => p.kind === 'wrap-up');
      expect(wrapIndex).toBe(plan.phases.length - 1);
      expect(idx.at(-1)).toBe(wrapIndex);
      // Every asked prompt belongs to the phase entered last before it.
      let phase = -1;
      for (const e of s.events) {
        if (e.type === 'phase') phase = e.phaseIndex;
        if (e.type === 'asked') expect(e.phaseIndex).toBe(phase);
      }
      const tail = s.events.slice(-2);
      expect(tail[0]).toMatchObject({ type: 'asked', kind: 'closing', phaseIndex: wrapIndex });
      expect(tail[1]).toMatchObject({ type: 'ended', reason: 'completed' });
      expect(ofType(s.events, 'asked').filter((a) => a.kind === 'wrap-up')).toHaveLength(1);
    }
  });

  it('end() mid-interview records the final draft, jumps to the wrap-up and closes (ended-by-user)', async () => {
    const { s, h } = await inBehavioural();
    h.advance(45_000);
    const q = current(s);
    const out = await s.end({ text: FOURTEEN, startedT: 31_000 }).then(() => s.events.slice(-4));
    expect(out.map((e) => e.type)).toEqual(['answered', 'phase', 'asked', 'ended']);
    expect(out[0]).toEqual({ type: 'answered', t: 75_000, at: T0 + 75_000, promptId: q.promptId, text: FOURTEEN, startedT: 31_000, mode: 'typed' });
    expect(out[1]).toMatchObject({ phaseIndex: 5, reason: 'ended-by-user', t: 75_000 });
    expect(out[2]).toMatchObject({ kind: 'closing', text: CLOSING_LINE, phaseIndex: 5 });
    expect(out[3]).toMatchObject({ reason: 'ended-by-user' });
    expect(s.snapshot.status).toBe('ended');
    expect(s.snapshot.endReason).toBe('ended-by-user');
    expect(s.snapshot.phaseIndex).toBe(5);
    expect(s.snapshot.outcomes.get(q.promptId)).toMatchObject({ type: 'answered', text: FOURTEEN });
    const idx = ofType(s.events, 'phase').map((p) => p.phaseIndex);
    expect(idx).toEqual([0, 1, 5]);
    // A second end() is a no-op.
    const n = s.events.length;
    await s.end({ text: 'again', startedT: null });
    expect(s.events).toHaveLength(n);
  });

  it('end() with a long final draft also covers its competencies; a blank draft is not recorded', async () => {
    const a = await inBehavioural();
    const q = current(a.s);
    await a.s.end({ text: GOOD, startedT: null, mode: 'spoken' });
    const answered = lastOf(a.s.events, 'answered');
    expect(answered).toMatchObject({ promptId: q.promptId, mode: 'spoken', text: GOOD });
    const covered = ofType(a.s.events, 'covered').filter((c) => c.promptId === q.promptId).map((c) => c.competency);
    const checklist = new Set(a.s.snapshot.plan?.checklist.map((c) => c.competency));
    const expected = q.competencies.filter((c) => checklist.has(c) && c !== 'communication');
    expect(covered.sort()).toEqual([...new Set(expected)].sort());

    const b = await inBehavioural();
    const qb = current(b.s);
    await b.s.end({ text: '   ', startedT: null });
    expect(b.s.snapshot.outcomes.has(qb.promptId)).toBe(false);
    expect(b.s.events.slice(-3).map((e) => e.type)).toEqual(['phase', 'asked', 'ended']);
  });

  it('end() during the intro also goes to the wrap-up phase', async () => {
    const { s } = await started();
    await s.end();
    expect(ofType(s.events, 'phase').map((p) => [p.phaseIndex, p.reason])).toEqual([
      [0, 'start'],
      [5, 'ended-by-user'],
    ]);
    expect(s.snapshot.outcomes.size).toBe(0);
    expect(lastOf(s.events, 'ended').reason).toBe('ended-by-user');
  });
});

describe('checklist', () => {
  it('a 15-word answer covers the thread competencies that are on the checklist, once each', async () => {
    const { s, h } = await started();
    const intro = current(s);
    expect(intro.competencies).toEqual(['communication', 'motivation']);
    h.advance(20_000);
    const out = await answerCurrent(s, FIFTEEN);
    // motivation is not on the mixed mid checklist: only communication is covered.
    expect(ofType(out, 'covered').map((c) => [c.competency, c.promptId, c.t])).toEqual([['communication', 0, 20_000]]);
    expect(s.snapshot.covered.get('communication')).toBe(0);
    // 15 words < 25: the intro gets its (single) short-answer follow-up…
    const fu = lastOf(out, 'asked');
    expect(fu).toMatchObject({ kind: 'follow-up', rule: 'short-answer', competencies: ['communication', 'motivation'] });
    // …whose long answer covers nothing new.
    const out2 = await answerCurrent(s, GOOD);
    expect(ofType(out2, 'covered')).toEqual([]);
    expect(s.snapshot.phaseIndex).toBe(1);
  });

  it('a 14-word answer or a skip covers nothing', async () => {
    const { s, h } = await started();
    h.advance(10_000);
    const out = await answerCurrent(s, FOURTEEN);
    expect(ofType(out, 'covered')).toEqual([]);
    const out2 = await answerCurrent(s, null);
    expect(ofType(out2, 'covered')).toEqual([]);
    expect(s.snapshot.covered.size).toBe(0);
  });

  it('the next question targets the first uncovered competency of the phase', async () => {
    const { s } = await inBehavioural();
    const phase = s.snapshot.plan?.phases[1];
    expect(phase?.competencies).toEqual(['ownership', 'conflict', 'impact', 'communication', 'problem-solving']);
    expect([...s.snapshot.covered.keys()]).toEqual(['communication']);
    const q1 = current(s);
    expect(q1.competencies).toContain('ownership');

    // Skipping does not cover: the next question still targets ownership, and it is a different question.
    const out = await answerCurrent(s, null);
    expect(ofType(out, 'asked').map((a) => a.kind)).toEqual(['question']);
    const q2 = current(s);
    expect(q2.competencies).toContain('ownership');
    expect(q2.questionId).not.toBe(q1.questionId);

    // A good answer covers the question's checklist competencies; the next question targets the first still uncovered.
    const out2 = await answerCurrent(s, GOOD);
    const newlyCovered = ofType(out2, 'covered').map((c) => c.competency);
    expect(newlyCovered.sort()).toEqual(q2.competencies.filter((c) => c !== 'communication').sort());
    const q3 = current(s);
    const target = phase?.competencies.find((c) => !s.snapshot.covered.has(c));
    expect(target).toBeDefined();
    expect(q3.competencies).toContain(target);
    expect(q3.kind).toBe('question');
  });

  it('over a whole interview, covered events are checklist items, each at most once', async () => {
    const { s, plan } = await simulate('COVER1');
    const covered = ofType(s.events, 'covered').map((c) => c.competency);
    const checklist = plan.checklist.map((c) => c.competency);
    expect(covered.length).toBeGreaterThan(0);
    expect(new Set(covered).size).toBe(covered.length);
    for (const c of covered) expect(checklist).toContain(c);
    // Every covered event belongs to an answer of at least COVER_MIN_WORDS words.
    for (const c of ofType(s.events, 'covered')) {
      const a = ofType(s.events, 'answered').find((x) => x.promptId === c.promptId);
      expect(countWords(a?.text ?? '')).toBeGreaterThanOrEqual(COVER_MIN_WORDS);
    }
  });
});

describe('follow-ups', () => {
  it('a short answer gets a short-answer follow-up on the same thread', async () => {
    const { s } = await inBehavioural();
    const q = current(s);
    const out = await answerCurrent(s, SHORT);
    expect(out.map((e) => e.type)).toEqual(['answered', 'asked']);
    const fu = out[1] as Asked;
    expect(fu).toMatchObject({ kind: 'follow-up', rule: 'short-answer', parentQuestionId: q.questionId, competencies: q.competencies, phaseIndex: 1 });
    expect(fu.questionId).toBeUndefined();
    expect(defaultBank.followUps['short-answer']).toContain(fu.text);
  });

  it('"we … we" without "I" on a behavioural question gets no-first-person', async () => {
    const { s } = await inBehavioural();
    expect(defaultBank.byId.get(current(s).questionId ?? '')?.category).toBe('behavioural');
    const out = await answerCurrent(s, WE_STORY);
    const fu = lastOf(out, 'asked');
    expect(fu).toMatchObject({ kind: 'follow-up', rule: 'no-first-person' });
    expect(defaultBank.followUps['no-first-person']).toContain(fu.text);
  });

  it('a story without numbers or results gets no-result', async () => {
    const { s } = await inBehavioural();
    const out = await answerCurrent(s, NO_RESULT);
    const fu = lastOf(out, 'asked');
    expect(fu).toMatchObject({ kind: 'follow-up', rule: 'no-result' });
    expect(defaultBank.followUps['no-result']).toContain(fu.text);
  });

  it('a good answer gets no follow-up: the next question comes', async () => {
    const { s } = await inBehavioural();
    const q = current(s);
    const out = await answerCurrent(s, GOOD);
    const next = lastOf(out, 'asked');
    expect(next.kind).toBe('question');
    expect(next.questionId).not.toBe(q.questionId);
  });

  it('a job-description technology gets jd-technology with its topic, and is never probed twice', async () => {
    const plan = planOf(30, 'You will run our services on Kubernetes and PostgreSQL every day.');
    expect(plan.keywords.slice(0, 2)).toEqual(['Kubernetes', 'PostgreSQL']);
    const { s, h } = await inBehavioural(plan);
    h.advance(20_000);
    const out = await answerCurrent(s, `${GOOD} I tuned postgres queries too.`);
    const fu = lastOf(out, 'asked');
    expect(fu).toMatchObject({ kind: 'follow-up', rule: 'jd-technology', topic: 'PostgreSQL' });
    expect(fu.text).toContain('PostgreSQL');
    expect(fu.text).not.toContain('{tech}');
    expect(s.snapshot.probedTopics).toEqual(['PostgreSQL']);

    // Answering the probe mentioning PostgreSQL again: no second probe.
    h.advance(20_000);
    const out2 = await answerCurrent(s, `${GOOD_2} PostgreSQL was the hard part.`);
    expect(lastOf(out2, 'asked').kind).not.toBe('follow-up');

    // A later question: PostgreSQL again → still no probe; Kubernetes (via the alias k8s) → probed.
    h.advance(20_000);
    const out3 = await answerCurrent(s, `${GOOD} We ran it on PostgreSQL.`);
    expect(ofType(out3, 'asked').filter((a) => a.rule === 'jd-technology')).toEqual([]);
    // Make sure the current prompt is a main question (out3 produced no follow-up).
    expect(current(s).kind).not.toBe('follow-up');
    h.advance(20_000);
    const out4 = await answerCurrent(s, `${GOOD_2} I also moved it to k8s and PostgreSQL.`);
    const fu4 = lastOf(out4, 'asked');
    expect(fu4).toMatchObject({ kind: 'follow-up', rule: 'jd-technology', topic: 'Kubernetes' });
    expect(s.snapshot.probedTopics).toEqual(['PostgreSQL', 'Kubernetes']);

    // Over the rest of the interview no topic is probed twice.
    let turn = 0;
    while (s.snapshot.status !== 'ended' && turn < 60) {
      h.advance(45_000);
      await answerCurrent(s, turn % 3 === 2 ? null : `${turn % 2 ? GOOD : GOOD_2} Kubernetes and postgres again.`);
      turn++;
    }
    const topics = ofType(s.events, 'asked').flatMap((a) => (a.rule === 'jd-technology' ? [a.topic] : []));
    expect(topics).toEqual(['PostgreSQL', 'Kubernetes']);
  });

  it('at most 2 follow-ups per question in question phases, each rule at most once per thread', async () => {
    const { s } = await inBehavioural();
    const q = current(s);
    const o1 = await answerCurrent(s, SHORT_WE);
    expect(lastOf(o1, 'asked')).toMatchObject({ kind: 'follow-up', rule: 'short-answer' });
    const o2 = await answerCurrent(s, SHORT_WE);
    expect(lastOf(o2, 'asked')).toMatchObject({ kind: 'follow-up', rule: 'no-first-person' });
    const o3 = await answerCurrent(s, SHORT_WE);
    const next = lastOf(o3, 'asked');
    expect(next.kind).toBe('question');
    expect(next.questionId).toBeDefined();
    expect(next.questionId).not.toBe(q.questionId);
    expect(ofType(s.events, 'asked').filter((a) => a.parentQuestionId === q.questionId)).toHaveLength(2);
  });

  it('the intro allows one follow-up only', async () => {
    const { s } = await started();
    const o1 = await answerCurrent(s, SHORT);
    expect(lastOf(o1, 'asked')).toMatchObject({ kind: 'follow-up', rule: 'short-answer' });
    const o2 = await answerCurrent(s, SHORT_WE);
    expect(ofType(o2, 'asked').map((a) => a.kind)).toEqual(['question']);
    expect(ofType(o2, 'phase').map((p) => [p.phaseIndex, p.reason])).toEqual([[1, 'done']]);
  });

  it('a skip never gets a follow-up', async () => {
    const { s } = await inBehavioural();
    for (let i = 0; i < 3; i++) {
      const out = await answerCurrent(s, null);
      expect(out[0]?.type).toBe('skipped');
      expect(ofType(out, 'asked').map((a) => a.kind)).not.toContain('follow-up');
    }
    // A skipped follow-up does not get another one either.
    await answerCurrent(s, SHORT);
    expect(current(s).kind).toBe('follow-up');
    const out = await answerCurrent(s, null);
    expect(ofType(out, 'asked').map((a) => a.kind)).toEqual(['question']);
  });

  it('the candidate-questions and wrap-up phases never follow up', async () => {
    const { s } = await simulate('NOFU', { answers: [SHORT] });
    const phases = s.snapshot.plan?.phases ?? [];
    for (const a of ofType(s.events, 'asked')) {
      if (a.kind === 'follow-up') expect(['intro', 'questions', 'technical', 'coding']).toContain(phases[a.phaseIndex]?.kind);
    }
    const cq = phases.findIndex((p) => p.kind === 'candidate-questions');
    expect(ofType(s.events, 'asked').filter((a) => a.phaseIndex === cq).map((a) => a.kind)).toEqual(['candidate-questions']);
  });
});

describe('no repeats', () => {
  function expectNoRepeats(s: SessionScheduler): void {
    expect(s.snapshot.status).toBe('ended');
    const asked = ofType(s.events, 'asked');
    expect(asked.length).toBeGreaterThan(10);
    const ids = asked.flatMap((a) => (a.questionId ? [a.questionId] : []));
    expect(new Set(ids).size).toBe(ids.length);
    const texts = asked.map((a) => a.text);
    const dupes = texts.filter((t, i) => texts.indexOf(t) !== i);
    expect(dupes).toEqual([]);
    expect(asked.map((a) => a.promptId)).toEqual(asked.map((_, i) => i));
  }

  it('45-minute mixed interview with varied answers: no bank question and no interviewer line twice', async () => {
    for (const seed of ['NOREP', 'K7QX2M', 'ZZ9']) {
      const { s } = await simulate(seed);
      expectNoRepeats(s);
      // It did go through every phase (the checklist was covered before the time ran out).
      expect(ofType(s.events, 'phase').map((p) => p.phaseIndex)).toEqual([0, 1, 2, 3, 4, 5]);
    }
  });

  it('45-minute mixed interview, struggling candidate (short answers, skips, phases time out): no line twice', async () => {
    // Documents a bug in ScriptedEngine.followUp (see report): each rule has 5 phrasings, and once they are
    // used up the engine repeats one ("Could you give me a concrete example of that?") although
    // FollowUpContext.previousPrompts says an engine must not repeat a line. Expected: no repeated line
    // (the engine should return null, or try the next matching rule, when every variant was said).
    const { s } = await simulate('NOREP', { step: 100_000, answers: [SHORT, SHORT_WE, FOURTEEN, null, 'Not sure.', NO_RESULT] });
    expect(ofType(s.events, 'phase').map((p) => p.reason)).toContain('time-up');
    expectNoRepeats(s);
  });
});

describe('determinism', () => {
  it('the same seed, answers and clock steps give identical event lists', async () => {
    const a = await simulate('DET-1');
    const b = await simulate('DET-1');
    expect(a.s.events.length).toBeGreaterThan(20);
    expect(b.s.events).toEqual(a.s.events);
    expect(b.h.batches).toEqual(a.h.batches);
  });

  it('different seeds give different question sequences', async () => {
    const sequences: string[] = [];
    for (const seed of ['ALPHA', 'BRAVO', 'CHARLIE']) {
      const { s } = await simulate(seed);
      sequences.push(ofType(s.events, 'asked').map((e) => e.questionId ?? e.text).join('|'));
    }
    const base = await simulate('ALPHA');
    expect(ofType(base.s.events, 'asked').map((e) => e.questionId ?? e.text).join('|')).toBe(sequences[0]);
    expect(new Set(sequences).size).toBeGreaterThan(1);
  });
});

describe('pause and resume', () => {
  it('paused time does not count towards the phase or the total time', async () => {
    const { s, h } = await started();
    h.advance(30_000);
    await s.pause();
    expect(lastOf(s.events, 'paused')).toMatchObject({ t: 30_000, at: T0 + 30_000 });
    expect(s.running).toBe(false);
    expect(s.snapshot.status).toBe('paused');
    h.advance(30 * MIN); // longer than the whole interview
    expect(s.now()).toBe(30_000);
    expect(s.phaseElapsedMs()).toBe(30_000);
    await s.tick();
    expect(ofType(s.events, 'warning')).toEqual([]);
    await s.pause(); // already paused: no-op
    expect(ofType(s.events, 'paused')).toHaveLength(1);
    await s.resume();
    expect(lastOf(s.events, 'resumed')).toMatchObject({ t: 30_000 });
    expect(s.snapshot.status).toBe('running');
    h.advance(30_000);
    expect(s.now()).toBe(60_000);
    await s.tick();
    expect(ofType(s.events, 'warning')).toEqual([]);
    const out = await answerCurrent(s, GOOD);
    expect(ofType(out, 'phase').map((p) => [p.phaseIndex, p.reason, p.t])).toEqual([[1, 'done', 60_000]]);
    expect(s.totalBudgetMs() - s.now()).toBe(20 * MIN - 60_000);
  });

  it('answering while paused uses the paused session time', async () => {
    const { s, h } = await started();
    h.advance(10_000);
    await s.pause();
    h.advance(5 * MIN);
    const out = await answerCurrent(s, GOOD, 2_000);
    expect(out[0]).toMatchObject({ type: 'answered', t: 10_000, startedT: 2_000 });
  });

  /** An uninterrupted run up to the middle of the behavioural phase. */
  async function reference(seed = 'REST-1') {
    const r = await started(plan20(), seed);
    r.h.advance(40_000);
    await answerCurrent(r.s, GOOD);
    r.h.advance(50_000);
    await answerCurrent(r.s, SHORT);
    r.h.advance(30_000);
    await answerCurrent(r.s, GOOD_2);
    return r;
  }

  it('restore() rebuilds the same snapshot; the clock stays stopped until resume()', async () => {
    const a = await reference();
    const log = [...a.s.events];
    const checkpointT = a.s.now() + 7_000; // a draft was saved 7 s after the last event
    const b = SessionScheduler.restore(makeHarness().deps, log, checkpointT);
    expect(b.snapshot.current).toEqual(a.s.snapshot.current);
    expect(b.snapshot.covered).toEqual(a.s.snapshot.covered);
    expect(b.snapshot.phaseIndex).toBe(a.s.snapshot.phaseIndex);
    expect(b.snapshot.phaseStartT).toBe(a.s.snapshot.phaseStartT);
    expect(b.snapshot.askedQuestionIds).toEqual(a.s.snapshot.askedQuestionIds);
    expect(b.snapshot.probedTopics).toEqual(a.s.snapshot.probedTopics);
    expect(b.snapshot.status).toBe('running');
    expect(b.events).toEqual(log);
    expect(b.running).toBe(false);
    expect(b.now()).toBe(checkpointT);
  });

  it('restore → resume emits paused + resumed when the log ended while running; then decides like an uninterrupted run', async () => {
    const a = await reference();
    const log = [...a.s.events];
    const checkpointT = a.s.now() + 7_000;

    const hb = makeHarness();
    hb.fakeNow = T0 + 99 * MIN; // the tab is reopened much later
    const b = SessionScheduler.restore(hb.deps, log, checkpointT);
    hb.advance(10 * MIN);
    expect(b.now()).toBe(checkpointT);
    await b.tick();
    expect(b.events).toHaveLength(log.length);
    expect(hb.batches).toEqual([]);

    await b.resume();
    const resumedEvents = b.events.slice(log.length);
    expect(resumedEvents).toEqual([
      { type: 'paused', t: checkpointT, at: hb.fakeNow },
      { type: 'resumed', t: checkpointT, at: hb.fakeNow },
    ]);
    expect(hb.batches).toEqual([resumedEvents]);
    expect(b.running).toBe(true);
    expect(b.snapshot.status).toBe('running');

    // The uninterrupted run answers at the same session time.
    a.h.advance(7_000);
    expect(a.s.now()).toBe(checkpointT);
    const pid = current(a.s).promptId;
    expect(current(b).promptId).toBe(pid);
    const fromA = await answerCurrent(a.s, NO_RESULT, checkpointT - 3_000);
    const fromB = await answerCurrent(b, NO_RESULT, checkpointT - 3_000);
    expect(ofType(fromA, 'asked')).toHaveLength(1);
    expect(stripAt(fromB)).toEqual(stripAt(fromA));
    expect(current(b)).toMatchObject({ ...stripAt([current(a.s)])[0] });
    expect(current(b).text).toBe(current(a.s).text);
  });

  it('restore → resume after a log that ended paused emits only resumed', async () => {
    const a = await reference();
    a.h.advance(3_000);
    await a.s.pause();
    const b = SessionScheduler.restore(makeHarness().deps, [...a.s.events], 0);
    expect(b.now()).toBe(a.s.now());
    expect(b.snapshot.status).toBe('paused');
    await b.resume();
    expect(b.events.slice(a.s.events.length).map((e) => e.type)).toEqual(['resumed']);
  });

  it('restore of an ended session: resume and pause do nothing', async () => {
    const { s } = await started();
    await s.end();
    const b = SessionScheduler.restore(makeHarness().deps, [...s.events]);
    await b.resume();
    await b.pause();
    expect(b.events).toHaveLength(s.events.length);
    expect(b.running).toBe(false);
  });
});

describe('double submit', () => {
  it('a second answer() for the same promptId is ignored (concurrent and sequential)', async () => {
    const { s, h } = await inBehavioural();
    const q = current(s);
    h.advance(10_000);
    await Promise.all([s.answer(q.promptId, GOOD, null), s.answer(q.promptId, 'a second click', null)]);
    const forQ = ofType(s.events, 'answered').filter((a) => a.promptId === q.promptId);
    expect(forQ.map((a) => a.text)).toEqual([GOOD]);
    const n = s.events.length;
    const batches = h.batches.length;
    await s.answer(q.promptId, 'late third click', null);
    await s.skip(q.promptId);
    await s.repeat(q.promptId);
    expect(s.events).toHaveLength(n);
    expect(h.batches).toHaveLength(batches);
  });

  it('repeat() of the current prompt records a repeated event and changes nothing else', async () => {
    const { s } = await started();
    const before = s.snapshot.current;
    await s.repeat(0);
    expect(lastOf(s.events, 'repeated').promptId).toBe(0);
    expect(s.snapshot.current).toEqual(before);
  });
});

/** An engine that can be broken on demand; otherwise behaves like the scripted one. */
class FlakyEngine implements InterviewerEngine {
  readonly id = 'llm-test';
  broken = false;
  private readonly inner = new ScriptedEngine(defaultBank);
  async followUp(ctx: FollowUpContext): Promise<FollowUp | null> {
    if (this.broken) throw new Error('model crashed');
    return this.inner.followUp(ctx);
  }
  async phrase(ctx: AskContext): Promise<string> {
    if (this.broken) throw new Error('model crashed');
    return this.inner.phrase(ctx);
  }
}

describe('engine fallback', () => {
  it('a throwing engine falls back to the scripted engine and records the reason', async () => {
    const engine = new FlakyEngine();
    engine.broken = true;
    const h = makeHarness({ engine, fallback: new ScriptedEngine(defaultBank) });
    const s = await SessionScheduler.start(h.deps, plan20(), 'FALL-1');
    expect(s.events[0]).toMatchObject({ type: 'started', engine: 'llm-test' });
    const first = current(s);
    expect(first).toMatchObject({ engine: 'scripted', fallbackReason: 'model crashed' });

    // Same words as a purely scripted session with the same seed.
    const ref = await started(plan20(), 'FALL-1');
    expect(first.text).toBe(current(ref.s).text);

    const out = await answerCurrent(s, SHORT); // follow-up → followUp() throws
    const fu = lastOf(out, 'asked');
    expect(fu).toMatchObject({ kind: 'follow-up', rule: 'short-answer', engine: 'scripted', fallbackReason: 'model crashed' });

    engine.broken = false;
    const out2 = await answerCurrent(s, GOOD);
    const q = lastOf(out2, 'asked');
    expect(q.engine).toBe('llm-test');
    expect(q.fallbackReason).toBeUndefined();
    expect('fallbackReason' in q).toBe(false);
  });

  it('without a fallback the error propagates and nothing changes; a retry works', async () => {
    const engine = new FlakyEngine();
    const h = makeHarness({ engine });
    const s = await SessionScheduler.start(h.deps, plan20(), 'FALL-2');
    const snap = s.snapshot;
    const events = [...s.events];
    const batches = h.batches.length;
    engine.broken = true;
    await expect(s.answer(0, SHORT, null)).rejects.toThrow('model crashed');
    expect(s.snapshot).toBe(snap);
    expect(s.snapshot.outcomes.size).toBe(0);
    expect(s.events).toEqual(events);
    expect(h.batches).toHaveLength(batches);
    engine.broken = false;
    await s.answer(0, SHORT, null);
    expect(current(s)).toMatchObject({ kind: 'follow-up', engine: 'llm-test' });
  });

  it('an empty phrase falls back to the bank text; an empty follow-up means no follow-up', async () => {
    const inner = new ScriptedEngine(defaultBank);
    const blank: InterviewerEngine = {
      id: 'blank',
      followUp: async () => ({ text: '  ', rule: 'short-answer' }),
      phrase: async () => '   ',
    };
    const h = makeHarness({ engine: blank, fallback: inner });
    const plan = plan20();
    const s = await SessionScheduler.start(h.deps, plan, 'BLANK');
    const q = current(s);
    const bankText = defaultBank.byId.get(q.questionId ?? '')?.text ?? '';
    expect(q.text).toBe(bankText.replaceAll('{role}', 'Backend engineer'));
    expect(q.engine).toBe('blank');
    const out = await answerCurrent(s, SHORT);
    expect(ofType(out, 'asked').map((a) => a.kind)).toEqual(['question']);
  });

  it('when the fallback is the engine itself, the error propagates', async () => {
    const engine = new FlakyEngine();
    const h = makeHarness({ engine, fallback: engine });
    engine.broken = true;
    await expect(SessionScheduler.start(h.deps, plan20(), 'FALL-3')).rejects.toThrow('model crashed');
    expect(h.batches).toEqual([]);
  });
});

describe('persist failure', () => {
  it('a rejected persist rejects answer(), leaves state and events unchanged; a retry succeeds', async () => {
    const { s, h } = await inBehavioural();
    const q = current(s);
    const snap = s.snapshot;
    const events = [...s.events];
    const notified: number[] = [];
    s.subscribe(() => notified.push(1));
    h.mode = 'fail';
    h.advance(20_000);
    await expect(s.answer(q.promptId, GOOD, null)).rejects.toThrow('disk full');
    expect(s.snapshot).toBe(snap);
    expect(s.snapshot.current).toEqual(q);
    expect(s.snapshot.covered).toEqual(new Map([['communication', 0]]));
    expect(s.events).toEqual(events);
    expect(notified).toEqual([]);

    h.mode = 'ok';
    await s.answer(q.promptId, GOOD, null);
    const answered = ofType(s.events, 'answered').filter((a) => a.promptId === q.promptId);
    expect(answered).toHaveLength(1);
    expect(current(s).promptId).toBe(q.promptId + 1);
    expect(h.batches.at(-1)).toEqual(s.events.slice(events.length));
    expect(notified).toEqual([1]);
  });

  it('a failed persist does not stop the queue: later operations still run', async () => {
    const { s, h } = await started();
    h.mode = 'fail';
    const p1 = s.repeat(0);
    h.mode = 'fail';
    await expect(p1).rejects.toThrow('disk full');
    h.mode = 'ok';
    await s.repeat(0);
    expect(ofType(s.events, 'repeated')).toHaveLength(1);
  });

  it('resume() whose persist fails leaves the clock stopped, so a retry records the resume', async () => {
    // Expected behaviour (see report): the clock state must follow the committed events.
    const { s, h } = await started();
    h.advance(10_000);
    await s.pause();
    h.mode = 'fail';
    await expect(s.resume()).rejects.toThrow('disk full');
    expect(s.snapshot.status).toBe('paused');
    expect(s.running).toBe(false);
    h.mode = 'ok';
    await s.resume();
    expect(ofType(s.events, 'resumed')).toHaveLength(1);
    expect(s.snapshot.status).toBe('running');
  });

  it('pause() whose persist fails leaves the clock running', async () => {
    // Expected behaviour (see report): a failed pause must not stop the clock silently.
    const { s, h } = await started();
    h.advance(10_000);
    h.mode = 'fail';
    await expect(s.pause()).rejects.toThrow('disk full');
    expect(s.snapshot.status).toBe('running');
    expect(s.running).toBe(true);
    h.advance(5_000);
    expect(s.now()).toBe(15_000);
  });
});

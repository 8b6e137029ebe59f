/**
 * LlmInterviewer (src/llm/llm-interviewer.ts) over a fake ChatBackend: it follows the follow-up rules
 * (no rule → no model call), returns only guarded lines, throws on a rejected line, a timeout (aborting the
 * backend), an engine error or a lost device (then every later turn throws at once), retries once with a
 * smaller prompt when the prompt did not fit, uses temperature 0 in reproducible mode, and emits draft
 * events. Through SessionScheduler with the scripted interviewer as the fallback, a throwing turn is
 * recorded as engine 'scripted' with the reason, and the interview goes on.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_MAX_TOKENS, DEFAULT_TIMEOUT_MS, LlmInterviewer, LlmTurnError, type ChatBackend, type DraftEvent, type LlmInterviewerOptions } from '../../src/llm/llm-interviewer';
import { STOP_SEQUENCES } from '../../src/llm/guard';
import { LlmError, type ChatMessage, type GenerateOptions, type GenerateResult } from '../../src/llm/types';
import { SessionScheduler, type SchedulerDeps } from '../../src/session/scheduler';
import { ScriptedEngine } from '../../src/interview/scripted-engine';
import { defaultBank } from '../../src/interview/bank';
import { buildPlan } from '../../src/session/plans';
import { createRng, rngFor } from '../../src/session/rng';
import type { AskContext, FollowUpContext } from '../../src/session/engine';
import type { BankQuestion, InterviewPlan, PhaseKind, SessionEvent } from '../../src/session/types';

// ---- fixtures -------------------------------------------------------------------------------------

const plan: InterviewPlan = buildPlan(
  { type: 'mixed', role: 'Backend engineer', seniority: 'mid', minutes: 30, jobDescription: 'We run Kubernetes and PostgreSQL.' },
  defaultBank,
);
const phase = (kind: PhaseKind) => {
  const p = plan.phases.find((x) => x.kind === kind);
  if (!p) throw new Error(kind);
  return p;
};
const GOOD =
  'In my last role I led the migration of our billing service. I wrote the plan, I negotiated the timeline with two teams, and as a result we cut latency by 40 percent within three months.';
const SHORT = 'I fixed the flaky deploy.';
const QUESTION = 'Tell me about a time you improved a process.';

function fuCtx(over: Partial<FollowUpContext> = {}): FollowUpContext {
  const lastAnswer = over.lastAnswer ?? SHORT;
  return {
    plan,
    phase: phase('questions'),
    category: 'behavioural',
    thread: [{ question: QUESTION, kind: 'question', answer: lastAnswer }],
    lastAnswer,
    usedRules: [],
    probedTopics: [],
    previousPrompts: [QUESTION],
    uncovered: ['impact'],
    recent: [{ question: QUESTION, answer: lastAnswer }],
    rng: createRng(11),
    ...over,
  };
}
function bankQ(id: string): BankQuestion {
  const q = defaultBank.byId.get(id);
  if (!q) throw new Error(id);
  return q;
}
function askCtx(over: Partial<AskContext> = {}): AskContext {
  return {
    plan,
    phase: phase('questions'),
    kind: 'question',
    question: bankQ('beh-motivation-02'),
    firstInPhase: false,
    previousAnswer: GOOD,
    previousPrompts: [QUESTION],
    uncovered: ['impact'],
    recent: [],
    rng: createRng(12),
    ...over,
  };
}

// ---- the fake backend ------------------------------------------------------------------------------

type Reply = string | Error | 'hang' | ((messages: ChatMessage[]) => string);

/** Streams each reply word by word; a 'hang' reply runs until abort() (then resolves with 'abort'). */
class FakeBackend implements ChatBackend {
  readonly id = 'fake:test-model';
  calls: { messages: ChatMessage[]; opts: GenerateOptions }[] = [];
  aborts = 0;
  private hanging: ((r: GenerateResult) => void) | null = null;
  constructor(
    private readonly replies: Reply[],
    readonly contextTokens = 2048,
  ) {}

  async generate(messages: ChatMessage[], opts: GenerateOptions, onToken: (piece: string) => void): Promise<GenerateResult> {
    this.calls.push({ messages, opts });
    const reply = this.replies.length > 1 ? this.replies.shift()! : this.replies[0]!;
    if (reply instanceof Error) throw reply;
    if (reply === 'hang') {
      onToken('What ');
      return new Promise((resolve) => {
        this.hanging = resolve;
      });
    }
    const text = typeof reply === 'function' ? reply(messages) : reply;
    for (const piece of text.match(/\S+\s*/g) ?? []) onToken(piece);
    return { text, tokens: text.split(/\s+/).length, promptTokens: 100, firstTokenMs: 5, totalMs: 50, finishReason: 'stop' };
  }
  abort(): void {
    this.aborts++;
    this.hanging?.({ text: 'What ', tokens: 1, promptTokens: 100, firstTokenMs: 5, totalMs: 60, finishReason: 'abort', abortLatencyMs: 1 });
    this.hanging = null;
  }
}

const OPTS: LlmInterviewerOptions = { persona: 'neutral', profile: {}, reproducible: true };
const make = (backend: ChatBackend, over: Partial<LlmInterviewerOptions> = {}) => new LlmInterviewer(backend, defaultBank, { ...OPTS, ...over });
const userOf = (b: FakeBackend, i = 0): string => b.calls[i]?.messages.find((m) => m.role === 'user')?.content ?? '';
const chars = (messages: ChatMessage[]): number => messages.reduce((n, m) => n + m.content.length, 0);

afterEach(() => {
  vi.useRealTimers();
});

describe('follow-ups follow the rules', () => {
  it('no rule matches (a complete answer) → null, and the model is not called', async () => {
    const b = new FakeBackend(['Should not be used?']);
    expect(await make(b).followUp(fuCtx({ lastAnswer: GOOD }))).toBeNull();
    expect(b.calls).toHaveLength(0);
  });

  it('an empty answer → null', async () => {
    const b = new FakeBackend(['Should not be used?']);
    expect(await make(b).followUp(fuCtx({ lastAnswer: '   ' }))).toBeNull();
    expect(b.calls).toHaveLength(0);
  });

  it("a short answer → the model writes the follow-up with the rule's intent and the candidate's words", async () => {
    const b = new FakeBackend(['You fixed the flaky deploy. What exactly was flaky about it?']);
    const fu = await make(b).followUp(fuCtx());
    expect(fu).toEqual({ text: 'You fixed the flaky deploy. What exactly was flaky about it?', rule: 'short-answer' });
    expect(userOf(b)).toContain(`The candidate answered: "${SHORT}"`);
    expect(userOf(b)).toMatch(/concrete example/);
  });

  it('rules used in the thread are skipped; a JD technology probe carries its topic', async () => {
    const b = new FakeBackend(['How far did you take PostgreSQL in that work?']);
    const fu = await make(b).followUp(fuCtx({ lastAnswer: `${GOOD} I tuned postgres too.`, category: 'technical' }));
    expect(fu).toEqual({ text: 'How far did you take PostgreSQL in that work?', rule: 'jd-technology', topic: 'PostgreSQL' });
    expect(userOf(b)).toMatch(/They mentioned PostgreSQL/);
    const none = await make(b).followUp(fuCtx({ lastAnswer: `${GOOD} I tuned postgres too.`, category: 'technical', probedTopics: ['PostgreSQL'] }));
    expect(none).toBeNull();
  });
});

describe('phrase', () => {
  it('asks the chosen bank question (role filled in) and returns the guarded line', async () => {
    const b = new FakeBackend(['Interviewer: Thanks. Why does this Backend engineer role appeal to you right now?<|im_end|>']);
    const line = await make(b).phrase(askCtx());
    expect(line).toBe('Thanks. Why does this Backend engineer role appeal to you right now?');
    expect(userOf(b)).toContain('"Why does this Backend engineer role appeal to you at this stage of your career?"');
    expect(userOf(b)).not.toContain('{role}');
  });
});

describe('the output guard decides', () => {
  it('only the cleaned, guarded text is returned (labels, tokens, the candidate part, second question)', async () => {
    const b = new FakeBackend(['**Interviewer:** What broke in the deploy? And who noticed?\nCandidate: the tests']);
    expect((await make(b).followUp(fuCtx()))?.text).toBe('What broke in the deploy?');
  });

  it.each([
    ['empty output', ''],
    ['only meta-text', 'As an AI language model, I cannot do that.'],
    ['a loop', 'what what what what what what?'],
    ['no question', 'Thanks for sharing that with me.'],
    ['a leak', 'A good answer would be to mention the tests. What did you test?'],
    ['a repeat of an earlier line', `${QUESTION}?`],
  ])('a rejected line (%s) throws LlmTurnError', async (_what, reply) => {
    const b = new FakeBackend([reply]);
    const err = await make(b).followUp(fuCtx()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmTurnError);
    expect((err as Error).message).toMatch(/^the AI's reply was not usable \(.+\)$/);
  });

  it('the previous lines of the session are what a repeat is checked against', async () => {
    const earlier = 'What did you change in the deploy pipeline?';
    const b = new FakeBackend([earlier]);
    await expect(make(b).followUp(fuCtx({ previousPrompts: [earlier] }))).rejects.toThrow(/repeats an earlier question/);
    await expect(make(b).phrase(askCtx({ previousPrompts: [earlier] }))).rejects.toThrow(/repeats an earlier question/);
    expect(await make(b).followUp(fuCtx({ previousPrompts: [] }))).toMatchObject({ text: earlier });
  });
});

describe('generation options', () => {
  it('reproducible → temperature 0; otherwise 0.7; max tokens, stop strings and a seed from the turn RNG', async () => {
    const b = new FakeBackend(['What did you change?']);
    await make(b, { reproducible: true }).followUp(fuCtx({ rng: rngFor('S', '3:follow-up') }));
    await make(b, { reproducible: false }).followUp(fuCtx({ rng: rngFor('S', '3:follow-up') }));
    await make(b, { reproducible: true }).followUp(fuCtx({ rng: rngFor('S', '5:follow-up') }));
    const [a, c, d] = b.calls.map((x) => x.opts);
    expect(a).toMatchObject({ temperature: 0, maxTokens: DEFAULT_MAX_TOKENS, stop: STOP_SEQUENCES });
    expect(c?.temperature).toBe(0.7);
    expect(Number.isInteger(a?.seed)).toBe(true);
    expect(a?.seed).toBeGreaterThanOrEqual(0);
    expect(a?.seed).toBeLessThan(2 ** 31);
    // The same turn of the same session gives the same seed; another turn another one.
    expect(c?.seed).toBe(a?.seed);
    expect(d?.seed).not.toBe(a?.seed);
  });

  it('reproducible mode: the same answers give the same prompts (so a greedy model gives the same interview)', async () => {
    const b1 = new FakeBackend(['What did you change?']);
    const b2 = new FakeBackend(['What did you change?']);
    await make(b1).followUp(fuCtx({ rng: rngFor('SEED', '1:follow-up') }));
    await make(b2).followUp(fuCtx({ rng: rngFor('SEED', '1:follow-up') }));
    expect(b2.calls).toEqual(b1.calls);
  });

  it('maxTokens is configurable; the id is the backend id', () => {
    const b = new FakeBackend(['x?']);
    expect(make(b).id).toBe('fake:test-model');
  });

  it('the prompt budget follows the context window (a small model gets a smaller prompt)', async () => {
    const big = new FakeBackend(['What did you change?'], 4096);
    const small = new FakeBackend(['What did you change?'], 512);
    const profile = { resume: 'Ten years of backend work on payments, search and logistics platforms. '.repeat(6) };
    await make(big, { profile }).followUp(fuCtx());
    await make(small, { profile }).followUp(fuCtx());
    const budget512 = (512 - DEFAULT_MAX_TOKENS - 48) * 3;
    expect(chars(small.calls[0]!.messages)).toBeLessThanOrEqual(budget512);
    expect(chars(small.calls[0]!.messages)).toBeLessThan(chars(big.calls[0]!.messages));
  });

  it('onStats gets each generation result', async () => {
    const stats: GenerateResult[] = [];
    const b = new FakeBackend(['What did you change?']);
    await make(b, { onStats: (r) => stats.push(r) }).followUp(fuCtx());
    expect(stats).toHaveLength(1);
    expect(stats[0]).toMatchObject({ finishReason: 'stop', text: 'What did you change?' });
  });
});

describe('timeouts', () => {
  it('a turn that takes longer than the timeout throws, and the backend is aborted', async () => {
    vi.useFakeTimers();
    const b = new FakeBackend(['hang']);
    const p = make(b, { timeoutMs: 10_000 }).followUp(fuCtx());
    const settled = p.then(
      () => 'resolved',
      (e: unknown) => e,
    );
    await vi.advanceTimersByTimeAsync(9_999);
    expect(b.aborts).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    const err = await settled;
    expect(err).toBeInstanceOf(LlmTurnError);
    expect((err as Error).message).toBe('the AI interviewer took longer than 10 s');
    expect(b.aborts).toBe(1);
  });

  it('the default timeout is 45 s', async () => {
    expect(DEFAULT_TIMEOUT_MS).toBe(45_000);
    vi.useFakeTimers();
    const b = new FakeBackend(['hang']);
    const settled = make(b).phrase(askCtx()).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(44_999);
    expect(b.aborts).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled).toBeInstanceOf(LlmTurnError);
  });

  it('a fast turn clears its timer (no abort later)', async () => {
    vi.useFakeTimers();
    const b = new FakeBackend(['What did you change?']);
    await make(b, { timeoutMs: 1000 }).followUp(fuCtx());
    await vi.advanceTimersByTimeAsync(5000);
    expect(b.aborts).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('engine errors', () => {
  it('LlmContextError → one retry with a prompt that fits half the budget; success returns the line', async () => {
    const profile = { resume: 'Ten years of backend work on payments, search and logistics platforms, mentoring and hiring. '.repeat(6) };
    const b = new FakeBackend([new LlmError('LlmContextError', 'The prompt (900 tokens) and the reply (80) do not fit the context of 1024 tokens.'), 'What did you change?'], 1024);
    const fu = await make(b, { profile }).followUp(fuCtx());
    expect(fu?.text).toBe('What did you change?');
    expect(b.calls).toHaveLength(2);
    const budget = (1024 - DEFAULT_MAX_TOKENS - 48) * 3;
    const [first, second] = b.calls.map((c) => chars(c.messages));
    expect(first).toBeLessThanOrEqual(budget);
    expect(second).toBeLessThanOrEqual(Math.floor(budget / 2));
    expect(second).toBeLessThan(first!);
    // The retry still carries the candidate's answer.
    expect(userOf(b, 1)).toContain(SHORT);
  });

  it('LlmContextError twice → throws (no third attempt)', async () => {
    const b = new FakeBackend([new LlmError('LlmContextError', 'too long'), new LlmError('LlmContextError', 'still too long'), 'never?']);
    const err = await make(b).followUp(fuCtx()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmTurnError);
    expect((err as Error).message).toBe('the AI interviewer failed (still too long)');
    expect(b.calls).toHaveLength(2);
  });

  it('an engine error throws LlmTurnError with the message; the next turn tries the model again', async () => {
    const b = new FakeBackend([new LlmError('LlmEngineError', 'The model failed while writing (boom).'), 'What did you change?']);
    const engine = make(b);
    await expect(engine.followUp(fuCtx())).rejects.toThrow('the AI interviewer failed (The model failed while writing (boom).)');
    expect((await engine.followUp(fuCtx()))?.text).toBe('What did you change?');
  });

  it('a plain Error or a busy engine also throws LlmTurnError', async () => {
    await expect(make(new FakeBackend([new Error('worker terminated')])).phrase(askCtx())).rejects.toBeInstanceOf(LlmTurnError);
    await expect(make(new FakeBackend([new LlmError('LlmBusyError', 'busy')])).phrase(askCtx())).rejects.toThrow(/busy/);
  });

  it('LlmDeviceLostError → this turn throws, and every later turn throws at once without calling the model', async () => {
    const b = new FakeBackend([new LlmError('LlmDeviceLostError', 'The graphics device was lost (DeviceLostError).'), 'What did you change?']);
    const engine = make(b);
    const err = await engine.followUp(fuCtx()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmTurnError);
    expect((err as Error).message).toMatch(/^the AI interviewer stopped: The graphics device was lost/);
    expect(b.calls).toHaveLength(1);
    await expect(engine.followUp(fuCtx())).rejects.toThrow(/the AI interviewer stopped/);
    await expect(engine.phrase(askCtx())).rejects.toThrow(/the AI interviewer stopped/);
    expect(b.calls).toHaveLength(1);
    // A follow-up with no rule to apply is still null (no model needed).
    expect(await engine.followUp(fuCtx({ lastAnswer: GOOD }))).toBeNull();
  });
});

describe('draft events (live captions and speech)', () => {
  it('start, the cleaned text so far as it streams, end accepted', async () => {
    const events: DraftEvent[] = [];
    const b = new FakeBackend(['Interviewer: What did you change?']);
    await make(b, { onDraft: (e) => events.push(e) }).followUp(fuCtx());
    expect(events[0]).toEqual({ type: 'start' });
    expect(events.at(-1)).toEqual({ type: 'end', accepted: true });
    const texts = events.filter((e): e is Extract<DraftEvent, { type: 'text' }> => e.type === 'text').map((e) => e.text);
    expect(texts).toEqual(['', 'What', 'What did', 'What did you', 'What did you change?']);
  });

  it('a rejected line ends with accepted: false', async () => {
    const events: DraftEvent[] = [];
    await make(new FakeBackend(['As an AI I cannot.']), { onDraft: (e) => events.push(e) })
      .followUp(fuCtx())
      .catch(() => undefined);
    expect(events[0]).toEqual({ type: 'start' });
    expect(events.at(-1)).toEqual({ type: 'end', accepted: false });
  });

  it('a retried turn: start, end (not accepted), start, …, end (accepted)', async () => {
    const events: DraftEvent[] = [];
    const b = new FakeBackend([new LlmError('LlmContextError', 'too long'), 'What did you change?']);
    await make(b, { onDraft: (e) => events.push(e) }).followUp(fuCtx());
    const kinds = events.map((e) => (e.type === 'end' ? `end:${e.accepted}` : e.type)).filter((k, i, a) => !(k === 'text' && a[i - 1] === 'text'));
    expect(kinds).toEqual(['start', 'end:false', 'start', 'text', 'end:true']);
  });

  it('setDraftListener replaces the listener; a follow-up without a rule emits nothing', async () => {
    const a: DraftEvent[] = [];
    const c: DraftEvent[] = [];
    const engine = make(new FakeBackend(['What did you change?']), { onDraft: (e) => a.push(e) });
    engine.setDraftListener((e) => c.push(e));
    await engine.followUp(fuCtx());
    await engine.followUp(fuCtx({ lastAnswer: GOOD }));
    expect(a).toEqual([]);
    expect(c.filter((e) => e.type === 'start')).toHaveLength(1);
  });
});

// ---- through the scheduler -----------------------------------------------------------------------

const T0 = 1_750_000_000_000;
function deps(engine: LlmInterviewer) {
  const clock = { t: T0 };
  const persisted: SessionEvent[] = [];
  const d: SchedulerDeps = {
    bank: defaultBank,
    engine,
    fallback: new ScriptedEngine(defaultBank),
    clock: { now: () => clock.t },
    persist: async (events) => void persisted.push(...events),
  };
  return { d, clock, persisted };
}
type Asked = Extract<SessionEvent, { type: 'asked' }>;
const askedOf = (events: readonly SessionEvent[]): Asked[] => events.filter((e): e is Asked => e.type === 'asked');

/** A fake model that writes a usable, fresh line from the prompt it gets. */
function writer(): (messages: ChatMessage[]) => string {
  let n = 0;
  return (messages) => {
    n++;
    const u = messages.find((m) => m.role === 'user')?.content ?? '';
    const asked = /this question next, in your own words, keeping its meaning: "([^"]+)"/.exec(u)?.[1];
    if (asked) return `${asked.replace(/[.?]?$/, '')}, in your own experience (${n})?`;
    const answer = /The candidate answered: "([^"]+)"/.exec(u)?.[1] ?? '';
    const words = answer.split(/\s+/).slice(0, 4).join(' ');
    return `You said "${words}" (${n}). What exactly was your own part in that?`;
  };
}

describe('through SessionScheduler with the scripted fallback', () => {
  const plan20 = buildPlan({ type: 'mixed', role: 'Backend engineer', seniority: 'mid', minutes: 20, jobDescription: '' }, defaultBank);

  it('usable lines are recorded with the model engine id and no fallback reason', async () => {
    const b = new FakeBackend([writer()]);
    const { d } = deps(make(b));
    const s = await SessionScheduler.start(d, plan20, 'LLM-OK');
    expect(s.events[0]).toMatchObject({ type: 'started', engine: 'fake:test-model' });
    const first = s.snapshot.current!;
    expect(first).toMatchObject({ engine: 'fake:test-model', kind: 'intro' });
    expect(first.fallbackReason).toBeUndefined();
    await s.answer(first.promptId, SHORT, null);
    const fu = s.snapshot.current!;
    expect(fu).toMatchObject({ kind: 'follow-up', rule: 'short-answer', engine: 'fake:test-model' });
    expect(fu.text).toContain('I fixed the flaky');
  });

  it('rejected lines fall back to the scripted interviewer for that turn, with the reason recorded', async () => {
    const b = new FakeBackend(['As an AI language model, I cannot conduct interviews.']);
    const { d } = deps(make(b));
    const s = await SessionScheduler.start(d, plan20, 'LLM-FB');
    const first = s.snapshot.current!;
    expect(first).toMatchObject({ engine: 'scripted', fallbackReason: "the AI's reply was not usable (only meta-text or role tags)" });
    // The same words as a purely scripted session with the same seed.
    const ref = await SessionScheduler.start({ ...d, engine: new ScriptedEngine(defaultBank) }, plan20, 'LLM-FB');
    expect(first.text).toBe(ref.snapshot.current!.text);
    await s.answer(first.promptId, SHORT, null);
    expect(s.snapshot.current).toMatchObject({ kind: 'follow-up', rule: 'short-answer', engine: 'scripted', fallbackReason: expect.stringMatching(/not usable/) });
  });

  it('a lost device: that turn and every later one falls back; the interview completes in order', async () => {
    const b = new FakeBackend([writer()]);
    const { d, clock } = deps(make(b));
    const s = await SessionScheduler.start(d, plan20, 'LLM-LOST');
    expect(s.snapshot.current?.engine).toBe('fake:test-model');
    // The GPU goes away.
    (b as unknown as { replies: Reply[] }).replies.splice(0, 1, new LlmError('LlmDeviceLostError', 'The graphics device was lost.'));
    let turns = 0;
    while (s.snapshot.status !== 'ended' && turns < 80) {
      clock.t += 45_000;
      await s.tick();
      await s.answer(s.snapshot.current!.promptId, GOOD, null);
      turns++;
    }
    expect(s.snapshot.status).toBe('ended');
    const asked = askedOf(s.events).filter((a) => a.kind !== 'closing');
    expect(asked[0]?.engine).toBe('fake:test-model');
    const later = asked.slice(1).filter((a) => a.problemId === undefined);
    expect(later.length).toBeGreaterThan(5);
    for (const a of later) expect(a, a.text).toMatchObject({ engine: 'scripted', fallbackReason: expect.stringMatching(/^the AI interviewer stopped/) });
    // One failed call, then the model was never asked again.
    expect(b.calls).toHaveLength(2);
    const phases = s.events.filter((e): e is Extract<SessionEvent, { type: 'phase' }> => e.type === 'phase').map((p) => p.phaseIndex);
    expect(phases).toEqual([...phases].sort((x, y) => x - y));
  });

  it('a timed-out turn falls back and aborts the model; the session goes on', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const b = new FakeBackend(['hang']);
    const { d } = deps(make(b, { timeoutMs: 2000 }));
    const started = SessionScheduler.start(d, plan20, 'LLM-TO');
    await vi.advanceTimersByTimeAsync(2000);
    const s = await started;
    expect(s.snapshot.current).toMatchObject({ engine: 'scripted', fallbackReason: 'the AI interviewer took longer than 2 s' });
    expect(b.aborts).toBe(1);
  });
});

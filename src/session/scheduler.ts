import type { CodingAction, Competency, InterviewPlan, PhaseKind, PromptKind, SessionEvent, SpeechTiming } from './types';
import type { InterviewerEngine, RecentExchange, ThreadTurn } from './engine';
import type { QuestionBank } from '../interview/bank';
import { fillRole } from '../interview/bank';
import { countWords } from '../analysis/text';
import { rngFor } from './rng';
import { isQuestionPhase } from './plans';
import { selectPhasePrompt, selectProblem, selectQuestion } from './select';
import { introduceProblem } from '../coding/agent';
import {
  applyEvent,
  cloneState,
  currentThread,
  reduceEvents,
  uncoveredCompetencies,
  type AskedEvent,
  type SessionState,
} from './state';

export interface Clock {
  /** Wall-clock time in ms (Date.now in the app; a fake in tests). */
  now(): number;
}

export interface SchedulerDeps {
  bank: QuestionBank;
  engine: InterviewerEngine;
  /** Used for a turn when `engine` throws (the scripted interviewer); the reason is recorded. */
  fallback?: InterviewerEngine;
  clock: Clock;
  /** Appends events to durable storage. Resolves before the state (and so the UI) moves on. */
  persist: (events: SessionEvent[]) => Promise<void>;
}

/** An answer must have at least this many words to mark its competencies as covered. */
export const COVER_MIN_WORDS = 15;
/** Share of a phase's budget after which the scheduler warns that the phase runs long. */
export const RUNNING_LONG_SHARE = 0.8;
const MAX_FOLLOW_UPS: Record<PhaseKind, number> = {
  intro: 1,
  questions: 2,
  technical: 2,
  coding: 2,
  'candidate-questions': 0,
  'wrap-up': 0,
};
const PROMPT_KIND: Record<PhaseKind, PromptKind> = {
  intro: 'intro',
  questions: 'question',
  technical: 'question',
  coding: 'coding',
  'candidate-questions': 'candidate-questions',
  'wrap-up': 'wrap-up',
};
export const CLOSING_LINE = "Thank you, that's the end of our interview. Your report is ready.";
/** A coding phase this long (minutes) gets a real problem with hidden tests; shorter ones a spoken question. */
export const CODING_ROUND_MIN_MINUTES = 8;

type Emit = (e: SessionEvent) => void;

/** The last `n` answered exchanges, oldest first. */
function recentExchanges(w: SessionState, n = 3): RecentExchange[] {
  const out: RecentExchange[] = [];
  for (let i = w.prompts.length - 1; i >= 0 && out.length < n; i--) {
    const p = w.prompts[i]!;
    const o = w.outcomes.get(p.promptId);
    if (o?.type === 'answered') out.unshift({ question: p.text, answer: o.text });
  }
  return out;
}

/**
 * The session scheduler: a state machine over an append-only event log. It picks the next question for
 * an uncovered competency, lets the engine follow up, warns as a phase runs long, moves on when a
 * phase's time is up, marks checklist items covered, never repeats a bank question and always ends with
 * the wrap-up. Time is session time: paused time does not count.
 * Every operation computes its events, awaits `persist`, and only then updates the state.
 */
export class SessionScheduler {
  private state: SessionState;
  private readonly log: SessionEvent[];
  private baseT: number;
  private runningSince: number | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(s: SessionState) => void>();

  private constructor(private readonly deps: SchedulerDeps, events: SessionEvent[], baseT: number) {
    this.log = [...events];
    this.state = reduceEvents(events);
    this.baseT = baseT;
  }

  /** A new session: emits `started`, enters the first phase and asks the first question. */
  static async start(deps: SchedulerDeps, plan: InterviewPlan, seed: string): Promise<SessionScheduler> {
    const s = new SessionScheduler(deps, [], 0);
    s.runningSince = deps.clock.now();
    await s.run(async (w, emit) => {
      emit({ type: 'started', t: 0, at: s.wall(), seed, engine: deps.engine.id, plan });
      await s.enterPhase(w, emit, 0, 'start', null);
    });
    return s;
  }

  /**
   * Rebuild a session from its log (after a reload or a closed tab). The clock stays stopped until
   * `resume()`; `checkpointT` is the last session time saved while it ran.
   */
  static restore(deps: SchedulerDeps, events: SessionEvent[], checkpointT = 0): SessionScheduler {
    const last = events.at(-1);
    return new SessionScheduler(deps, events, Math.max(last?.t ?? 0, checkpointT));
  }

  get snapshot(): SessionState {
    return this.state;
  }
  get events(): readonly SessionEvent[] {
    return this.log;
  }
  get running(): boolean {
    return this.runningSince !== null;
  }

  subscribe(fn: (s: SessionState) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Session time in ms (active time only). */
  now(): number {
    return this.baseT + (this.runningSince === null ? 0 : this.deps.clock.now() - this.runningSince);
  }

  phaseElapsedMs(): number {
    return this.now() - this.state.phaseStartT;
  }
  phaseBudgetMs(): number {
    return (this.state.plan?.phases[this.state.phaseIndex]?.minutes ?? 0) * 60_000;
  }
  totalBudgetMs(): number {
    return (this.state.plan?.totalMinutes ?? 0) * 60_000;
  }

  /** Submit the answer to the current prompt. Ignored if `promptId` is no longer current (double submit). */
  answer(promptId: number, text: string, startedT: number | null, mode: 'typed' | 'spoken' = 'typed', speech?: SpeechTiming): Promise<void> {
    return this.run(async (w, emit) => {
      if (!this.accepts(w, promptId)) return;
      this.emitAnswer(w, emit, promptId, text, startedT, mode, speech);
      await this.next(w, emit, text);
    });
  }

  skip(promptId: number): Promise<void> {
    return this.run(async (w, emit) => {
      if (!this.accepts(w, promptId)) return;
      emit({ type: 'skipped', t: this.now(), at: this.wall(), promptId });
      await this.next(w, emit, null);
    });
  }

  /** Record what happened in the coding round of the current prompt (code saved, a run, a hint…). */
  recordCoding(promptId: number, action: CodingAction): Promise<void> {
    return this.run(async (w, emit) => {
      if (!this.accepts(w, promptId) || !w.coding.has(promptId)) return;
      emit({ type: 'coding', t: this.now(), at: this.wall(), promptId, ...action });
    });
  }

  repeat(promptId: number): Promise<void> {
    return this.run(async (w, emit) => {
      if (!this.accepts(w, promptId)) return;
      emit({ type: 'repeated', t: this.now(), at: this.wall(), promptId });
    });
  }

  /** End now: a non-empty `finalAnswer` is kept as the answer to the current prompt; the wrap-up always closes. */
  end(finalAnswer?: { text: string; startedT: number | null; mode?: 'typed' | 'spoken' }): Promise<void> {
    return this.run(async (w, emit) => {
      if (w.status === 'ended') return;
      const current = w.current;
      if (current && finalAnswer && finalAnswer.text.trim() !== '') {
        this.emitAnswer(w, emit, current.promptId, finalAnswer.text, finalAnswer.startedT, finalAnswer.mode ?? 'typed');
      }
      const wrapIndex = this.wrapUpIndex(w);
      if (w.phaseIndex !== wrapIndex) {
        emit({ type: 'phase', t: this.now(), at: this.wall(), phaseIndex: wrapIndex, reason: 'ended-by-user' });
      }
      this.close(w, emit, 'ended-by-user');
    });
  }

  pause(): Promise<void> {
    return this.run(async (w, emit) => {
      if (this.runningSince === null || w.status === 'ended') return;
      const t = this.now();
      emit({ type: 'paused', t, at: this.wall() });
      return () => {
        this.baseT = t;
        this.runningSince = null;
      };
    });
  }

  /** Start the clock again (after pause, or after restore). */
  resume(): Promise<void> {
    return this.run(async (w, emit) => {
      if (this.runningSince !== null || w.status === 'ended') return;
      const t = this.now();
      if (w.status === 'running') emit({ type: 'paused', t, at: this.wall() }); // the tab was closed while running
      emit({ type: 'resumed', t, at: this.wall() });
      return () => {
        this.baseT = t;
        this.runningSince = this.deps.clock.now();
      };
    });
  }

  /** Call about once a second: gives the time warnings (never interrupts an answer). */
  tick(): Promise<void> {
    return this.run(async (w, emit) => {
      if (w.status !== 'running' || this.runningSince === null || !w.plan) return;
      const phase = w.plan.phases[w.phaseIndex];
      if (!phase || phase.kind === 'wrap-up') return;
      const t = this.now();
      const budget = phase.minutes * 60_000;
      const elapsed = t - w.phaseStartT;
      const warn = (level: 'phase-running-long' | 'phase-time-up' | 'total-time-up'): void => {
        if (!w.warned.has(`${w.phaseIndex}:${level}`)) emit({ type: 'warning', t, at: this.wall(), phaseIndex: w.phaseIndex, level });
      };
      if (t >= this.totalBudgetMs()) warn('total-time-up');
      else if (elapsed >= budget) warn('phase-time-up');
      else if (elapsed >= budget * RUNNING_LONG_SHARE) warn('phase-running-long');
    });
  }

  // ---- internals -------------------------------------------------------------------------------

  private wall(): number {
    return this.deps.clock.now();
  }

  private accepts(w: SessionState, promptId: number): boolean {
    return w.status !== 'ended' && w.current?.promptId === promptId;
  }

  /**
   * Serialise operations; each works on a copy and commits only after its events are persisted. An
   * operation may return a callback that changes the clock: it too runs only after a successful persist.
   */
  private run(op: (w: SessionState, emit: Emit) => Promise<void | (() => void)>): Promise<void> {
    const task = this.queue.then(async () => {
      const w = cloneState(this.state);
      const out: SessionEvent[] = [];
      const commit = await op(w, (e) => {
        out.push(e);
        applyEvent(w, e);
      });
      if (out.length === 0) return;
      await this.deps.persist(out);
      commit?.();
      if (w.status === 'ended' && this.runningSince !== null) {
        this.baseT = this.now();
        this.runningSince = null;
      }
      this.log.push(...out);
      this.state = w;
      for (const fn of this.listeners) fn(w);
    });
    this.queue = task.catch(() => undefined);
    return task;
  }

  private emitAnswer(w: SessionState, emit: Emit, promptId: number, text: string, startedT: number | null, mode: 'typed' | 'spoken', speech?: SpeechTiming): void {
    const t = this.now();
    emit({ type: 'answered', t, at: this.wall(), promptId, text, startedT: Math.max(0, Math.min(t, startedT ?? t)), mode, ...(speech ? { speech } : {}) });
    // A submitted coding-round solution covers its competencies whatever the length of its summary.
    const codingRound = w.coding.has(promptId);
    if ((!codingRound && countWords(text) < COVER_MIN_WORDS) || !w.plan) return;
    const onChecklist = new Set(w.plan.checklist.map((c) => c.competency));
    const thread = currentThread(w);
    const competencies = new Set<Competency>(thread.flatMap((p) => p.competencies));
    for (const c of competencies) {
      if (onChecklist.has(c) && !w.covered.has(c)) emit({ type: 'covered', t, at: this.wall(), competency: c, promptId });
    }
  }

  private wrapUpIndex(w: SessionState): number {
    const phases = w.plan?.phases ?? [];
    const i = phases.findIndex((p) => p.kind === 'wrap-up');
    return i >= 0 ? i : Math.max(0, phases.length - 1);
  }

  private close(w: SessionState, emit: Emit, reason: 'completed' | 'ended-by-user'): void {
    const t = this.now();
    emit({ type: 'asked', t, at: this.wall(), promptId: w.prompts.length, kind: 'closing', text: CLOSING_LINE, phaseIndex: w.phaseIndex, competencies: [], engine: 'scripted' });
    emit({ type: 'ended', t, at: this.wall(), reason });
  }

  /** After an answer (or a skip, `answer` null): follow up, ask the next question, or move on. */
  private async next(w: SessionState, emit: Emit, answer: string | null): Promise<void> {
    const plan = w.plan;
    const phase = plan?.phases[w.phaseIndex];
    if (!plan || !phase) return;
    const t = this.now();
    if (phase.kind === 'wrap-up') return this.close(w, emit, 'completed');
    if (t >= this.totalBudgetMs()) return this.enterPhase(w, emit, this.wrapUpIndex(w), 'total-time-up', answer);
    const phaseUp = t - w.phaseStartT >= phase.minutes * 60_000;
    if (phaseUp) return this.enterPhase(w, emit, w.phaseIndex + 1, 'time-up', answer);

    if (answer !== null && (await this.followUp(w, emit, answer))) return;
    if (isQuestionPhase(phase.kind) && (await this.askQuestion(w, emit, false, answer))) return;
    const allCovered = phase.competencies.every((c) => w.covered.has(c));
    return this.enterPhase(w, emit, w.phaseIndex + 1, isQuestionPhase(phase.kind) && allCovered ? 'covered' : 'done', answer);
  }

  private async followUp(w: SessionState, emit: Emit, answer: string): Promise<boolean> {
    const plan = w.plan;
    const phase = plan?.phases[w.phaseIndex];
    if (!plan || !phase) return false;
    const thread = currentThread(w);
    const main = thread[0];
    if (!main || main.problemId !== undefined || thread.length - 1 >= MAX_FOLLOW_UPS[phase.kind]) return false;
    const promptId = w.prompts.length;
    const category = main.questionId !== undefined ? (this.deps.bank.byId.get(main.questionId)?.category ?? null) : null;
    const turns: ThreadTurn[] = thread.map((p) => {
      const o = w.outcomes.get(p.promptId);
      return { question: p.text, kind: p.kind, ...(p.rule ? { rule: p.rule } : {}), answer: o?.type === 'answered' ? o.text : null };
    });
    const result = await this.callEngine((e) =>
      e.followUp({
        plan,
        phase,
        category,
        thread: turns,
        lastAnswer: answer,
        usedRules: thread.flatMap((p) => (p.rule ? [p.rule] : [])),
        probedTopics: w.probedTopics,
        previousPrompts: w.prompts.map((p) => p.text),
        uncovered: [...uncoveredCompetencies(w)],
        recent: recentExchanges(w),
        rng: rngFor(w.seed, `${promptId}:follow-up`),
      }),
    );
    const fu = result.value;
    if (!fu || fu.text.trim() === '') return false;
    emit({
      type: 'asked',
      t: this.now(),
      at: this.wall(),
      promptId,
      kind: 'follow-up',
      text: fu.text,
      phaseIndex: w.phaseIndex,
      ...(main.questionId !== undefined ? { parentQuestionId: main.questionId } : {}),
      competencies: main.competencies,
      ...(fu.rule ? { rule: fu.rule } : {}),
      ...(fu.topic ? { topic: fu.topic } : {}),
      engine: result.engine,
      ...(result.fallbackReason ? { fallbackReason: result.fallbackReason } : {}),
    });
    return true;
  }

  /** Ask the next question of the current phase. False when there is nothing left to ask in it. */
  private async askQuestion(w: SessionState, emit: Emit, firstInPhase: boolean, previousAnswer: string | null): Promise<boolean> {
    const plan = w.plan;
    const phase = plan?.phases[w.phaseIndex];
    if (!plan || !phase) return false;
    const promptId = w.prompts.length;
    const rng = rngFor(w.seed, `${promptId}:question`);
    if (phase.kind === 'coding' && phase.minutes >= CODING_ROUND_MIN_MINUTES && this.deps.bank.problems.length > 0) {
      const askedProblems = new Set([...w.coding.values()].map((c) => c.problemId));
      const problem = selectProblem(this.deps.bank.problems, plan, askedProblems, rng);
      // One problem per coding phase: after it, the phase is done.
      if (problem && !w.prompts.some((p) => p.phaseIndex === w.phaseIndex && p.problemId !== undefined)) {
        emit({
          type: 'asked',
          t: this.now(),
          at: this.wall(),
          promptId,
          kind: 'coding',
          text: introduceProblem(problem),
          phaseIndex: w.phaseIndex,
          problemId: problem.id,
          competencies: phase.competencies.length > 0 ? phase.competencies : ['coding'],
          engine: 'scripted',
        });
        return true;
      }
      if (w.prompts.some((p) => p.phaseIndex === w.phaseIndex && p.problemId !== undefined)) return false;
    }
    const question = isQuestionPhase(phase.kind)
      ? selectQuestion({ bank: this.deps.bank, plan, phase, uncovered: uncoveredCompetencies(w), asked: w.askedQuestionIds, rng })
      : selectPhasePrompt(this.deps.bank, phase, plan, w.askedQuestionIds, rng);
    if (!question) return false;
    const kind = PROMPT_KIND[phase.kind];
    const result = await this.callEngine((e) =>
      e.phrase({
        plan,
        phase,
        kind,
        question,
        firstInPhase,
        previousAnswer,
        previousPrompts: w.prompts.map((p) => p.text),
        uncovered: [...uncoveredCompetencies(w)],
        recent: recentExchanges(w),
        rng: rngFor(w.seed, `${promptId}:phrase`),
      }),
    );
    const text = result.value.trim() || fillRole(question.text, plan.role);
    emit({
      type: 'asked',
      t: this.now(),
      at: this.wall(),
      promptId,
      kind,
      text,
      phaseIndex: w.phaseIndex,
      questionId: question.id,
      competencies: question.competencies,
      engine: result.engine,
      ...(result.fallbackReason ? { fallbackReason: result.fallbackReason } : {}),
    });
    return true;
  }

  /** Move to phase `index` (skipping phases with nothing to ask) and ask its first prompt. */
  private async enterPhase(w: SessionState, emit: Emit, index: number, reason: Extract<SessionEvent, { type: 'phase' }>['reason'], previousAnswer: string | null): Promise<void> {
    const phases = w.plan?.phases ?? [];
    const wrap = this.wrapUpIndex(w);
    for (let i = Math.min(index, wrap); i < phases.length; i++) {
      emit({ type: 'phase', t: this.now(), at: this.wall(), phaseIndex: i, reason: i === index ? reason : 'done' });
      if (await this.askQuestion(w, emit, true, previousAnswer)) return;
      if (i === wrap) break;
    }
    this.close(w, emit, 'completed');
  }

  private async callEngine<T>(f: (e: InterviewerEngine) => Promise<T>): Promise<{ value: T; engine: string; fallbackReason?: string }> {
    try {
      return { value: await f(this.deps.engine), engine: this.deps.engine.id };
    } catch (err) {
      const fallback = this.deps.fallback;
      if (!fallback || fallback === this.deps.engine) throw err;
      const reason = err instanceof Error ? err.message : String(err);
      return { value: await f(fallback), engine: fallback.id, fallbackReason: reason };
    }
  }
}

export type { AskedEvent };

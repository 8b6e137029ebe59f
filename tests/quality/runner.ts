/**
 * Drives a SessionScheduler through a whole interview with a scripted candidate and records the
 * transcript. Deterministic: a fake clock that advances a realistic amount per turn (reading the question,
 * thinking, speaking the answer at 130 words a minute; coding for most of a coding round), ticks every
 * 10 s of session time, and an in-memory persist. No Node or DOM imports (it also runs in the browser).
 */
import { SessionScheduler, type SchedulerDeps } from '../../src/session/scheduler';
import { buildPlan } from '../../src/session/plans';
import { defaultBank, type QuestionBank } from '../../src/interview/bank';
import { countWords } from '../../src/analysis/text';
import type { InterviewerEngine } from '../../src/session/engine';
import type { InterviewType, PhaseKind, Seniority, SessionEvent } from '../../src/session/types';
import type { Candidate, CandidateTurn, Transcript, TranscriptTurn } from './types';

/** The job the quality interviews are for (the same for every plan type, so every candidate can use its keywords). */
export const QUALITY_JOB = {
  role: 'Backend engineer',
  seniority: 'senior' as Seniority,
  minutes: 30,
  jobDescription:
    'Backend engineer for our payments platform. You will build services in Go and Python, run them on Kubernetes with PostgreSQL and Kafka, and manage infrastructure with Terraform on AWS.',
};

/** What an LLM interviewer knows about the candidate in the quality runs (the same job description). */
export const QUALITY_PROFILE = {
  name: 'Sam',
  jobDescription: QUALITY_JOB.jobDescription,
  resume:
    'Backend engineer, 6 years. Logistics company: owned the order-routing service, split it into three services, mentored two juniors. Before that: checkout APIs at an online shop (2,000 requests/s at peak). Python, Go, PostgreSQL, some Kubernetes.',
};

export const PLAN_TYPES: readonly InterviewType[] = ['behavioural', 'technical', 'mixed', 'coding'];

/** How long a turn takes in session time (pure: a function of the line and the answer). */
export interface Pace {
  /** Interviewer speech, words per minute (the question is read or heard). */
  questionWpm: number;
  /** Pause before answering, ms. */
  thinkMs: number;
  /** Candidate speech, words per minute. */
  answerWpm: number;
  /** A skip takes this long (reading, deciding), ms. */
  skipMs: number;
  /** Share of a coding phase's budget spent coding a problem (capped by codingMaxMs). */
  codingShare: number;
  codingMaxMs: number;
}

export const DEFAULT_PACE: Pace = { questionWpm: 160, thinkMs: 6_000, answerWpm: 130, skipMs: 8_000, codingShare: 0.6, codingMaxMs: 15 * 60_000 };

export interface RunOptions {
  engine: InterviewerEngine;
  /** Used for a turn when `engine` throws (the scripted interviewer), as in the app. */
  fallback?: InterviewerEngine;
  bank?: QuestionBank;
  candidate: Candidate;
  planType: InterviewType;
  seed: string;
  job?: typeof QUALITY_JOB;
  pace?: Pace;
  /** Safety stop (a healthy 30-minute interview has 20–60 turns). */
  maxTurns?: number;
}

const TICK_MS = 10_000;
const T0 = 1_750_000_000_000;

type Asked = Extract<SessionEvent, { type: 'asked' }>;

export async function runInterview(o: RunOptions): Promise<Transcript> {
  const bank = o.bank ?? defaultBank;
  const job = o.job ?? QUALITY_JOB;
  const pace = o.pace ?? DEFAULT_PACE;
  const plan = buildPlan({ type: o.planType, role: job.role, seniority: job.seniority, minutes: job.minutes, jobDescription: job.jobDescription }, bank);
  let now = T0;
  const deps: SchedulerDeps = {
    bank,
    engine: o.engine,
    ...(o.fallback ? { fallback: o.fallback } : {}),
    clock: { now: () => now },
    persist: async () => undefined, // in memory: the scheduler keeps its own log
  };
  const s = await SessionScheduler.start(deps, plan, o.seed);
  const advance = async (ms: number): Promise<void> => {
    let left = ms;
    while (left > 0) {
      const step = Math.min(TICK_MS, left);
      now += step;
      left -= step;
      await s.tick();
    }
  };

  const maxTurns = o.maxTurns ?? 150;
  let index = 0;
  while (s.snapshot.status !== 'ended' && index < maxTurns) {
    const cur = s.snapshot.current;
    if (!cur) break;
    const phaseKind: PhaseKind = plan.phases[cur.phaseIndex]?.kind ?? 'wrap-up';
    const turn: CandidateTurn = {
      prompt: cur.text,
      kind: cur.kind,
      phaseKind,
      ...(cur.rule ? { rule: cur.rule } : {}),
      ...(cur.topic ? { topic: cur.topic } : {}),
      ...(cur.problemId ? { problemId: cur.problemId } : {}),
      competencies: cur.competencies,
      index,
      plan,
    };
    const answer = o.candidate.answer(turn);
    await advance(Math.round((countWords(cur.text) / pace.questionWpm) * 60_000));
    if (answer === null) {
      await advance(pace.skipMs);
      await s.skip(cur.promptId);
    } else {
      await advance(pace.thinkMs);
      const startedT = s.now();
      const speaking = Math.round((countWords(answer) / pace.answerWpm) * 60_000);
      const coding = cur.problemId !== undefined ? Math.min(pace.codingMaxMs, Math.round((plan.phases[cur.phaseIndex]?.minutes ?? 0) * 60_000 * pace.codingShare)) : 0;
      await advance(speaking + coding);
      await s.answer(cur.promptId, answer, startedT);
    }
    index++;
  }
  return transcriptOf(s.events, { engine: o.engine.id, candidate: o.candidate, planType: o.planType, seed: o.seed, truncated: s.snapshot.status !== 'ended', durationMs: s.now() });
}

/** Builds the transcript from the session's event log (pure). */
export function transcriptOf(
  events: readonly SessionEvent[],
  meta: { engine: string; candidate: Candidate; planType: InterviewType; seed: string; truncated: boolean; durationMs: number },
): Transcript {
  const started = events.find((e): e is Extract<SessionEvent, { type: 'started' }> => e.type === 'started');
  if (!started) throw new Error('no started event');
  const plan = started.plan;
  const turns: TranscriptTurn[] = [];
  const byPrompt = new Map<number, TranscriptTurn>();
  const tr: Transcript = {
    engine: meta.engine,
    candidate: meta.candidate.id,
    expectsFullCoverage: meta.candidate.expectsFullCoverage,
    planType: meta.planType,
    seed: meta.seed,
    plan,
    turns,
    phases: [],
    covered: [],
    warnings: [],
    ended: null,
    durationMs: meta.durationMs,
    truncated: meta.truncated,
  };
  events.forEach((e, seq) => {
    switch (e.type) {
      case 'asked': {
        const a: Asked = e;
        const turn: TranscriptTurn = {
          promptId: a.promptId,
          kind: a.kind,
          phaseIndex: a.phaseIndex,
          phaseKind: plan.phases[a.phaseIndex]?.kind ?? 'wrap-up',
          text: a.text,
          engine: a.engine ?? 'unknown',
          ...(a.fallbackReason ? { fallbackReason: a.fallbackReason } : {}),
          ...(a.rule ? { rule: a.rule } : {}),
          ...(a.topic ? { topic: a.topic } : {}),
          ...(a.questionId ? { questionId: a.questionId } : {}),
          ...(a.problemId ? { problemId: a.problemId } : {}),
          competencies: a.competencies,
          t: a.t,
          seq,
          answer: null,
          skipped: false,
        };
        turns.push(turn);
        byPrompt.set(a.promptId, turn);
        break;
      }
      case 'answered': {
        const turn = byPrompt.get(e.promptId);
        if (turn) turn.answer = e.text;
        break;
      }
      case 'skipped': {
        const turn = byPrompt.get(e.promptId);
        if (turn) turn.skipped = true;
        break;
      }
      case 'phase':
        tr.phases.push({ phaseIndex: e.phaseIndex, kind: plan.phases[e.phaseIndex]?.kind ?? 'wrap-up', reason: e.reason, t: e.t, seq });
        break;
      case 'covered':
        tr.covered.push({ competency: e.competency, t: e.t, promptId: e.promptId });
        break;
      case 'warning':
        tr.warnings.push({ phaseIndex: e.phaseIndex, level: e.level, t: e.t });
        break;
      case 'ended':
        tr.ended = { reason: e.reason, t: e.t };
        break;
      default:
        break;
    }
  });
  return tr;
}

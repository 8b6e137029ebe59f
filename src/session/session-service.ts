import type { Repository } from '../db/repository';
import type { SessionRecord, SessionSummary } from '../db/types';
import type { InterviewPlan, SessionEvent } from './types';
import { SessionScheduler, type Clock } from './scheduler';
import { buildPlan } from './plans';
import type { PlanInput } from './plan-input';
import { newSeed } from './rng';
import { defaultBank } from '../interview/bank';
import { ScriptedEngine } from '../interview/scripted-engine';
import type { InterviewerEngine } from './engine';
import { buildReport, type SessionReport } from '../analysis/report';

const systemClock: Clock = { now: () => Date.now() };

export interface StartOptions {
  input: PlanInput;
  profileId: string | null;
  profileName: string;
  /** Seed typed by the user to reproduce an interview; a new one otherwise. */
  seed?: string | null;
  /** The interviewer (an AI engine); null = the scripted interviewer. Failed turns fall back to scripted. */
  engine?: InterviewerEngine | null;
}

export function planFor(input: PlanInput): InterviewPlan {
  return buildPlan(input, defaultBank);
}

function newId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `s-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

function schedulerDeps(repo: Repository, sessionId: string, clock: Clock, engine: InterviewerEngine | null = null) {
  // Follow-ups quote the candidate's own words, so they visibly build on what was said.
  const scripted = new ScriptedEngine(defaultBank, { quoteAnswers: true });
  return {
    bank: defaultBank,
    engine: engine ?? scripted,
    fallback: scripted,
    clock,
    persist: async (events: SessionEvent[]) => {
      const t0 = performance.now();
      await repo.appendEvents(sessionId, events, clock.now());
      // User Timing entry read by the benchmarks (turn_persist_ms_p95); cheap, and visible in DevTools.
      performance.measure('turn-persist', { start: t0 });
    },
  };
}

export interface LiveSession {
  record: SessionRecord;
  scheduler: SessionScheduler;
}

/** Create the session row, then start the scheduler (which persists `started` and the first question). */
export async function startSession(repo: Repository, opts: StartOptions, clock: Clock = systemClock): Promise<LiveSession> {
  const plan = planFor(opts.input);
  const seed = opts.seed || newSeed();
  const now = clock.now();
  const record: SessionRecord = {
    id: newId(),
    profileId: opts.profileId,
    profileName: opts.profileName,
    role: plan.role,
    seniority: plan.seniority,
    type: plan.type,
    minutes: plan.totalMinutes,
    seed,
    engine: opts.engine?.id ?? 'scripted',
    status: 'active',
    createdAt: now,
    updatedAt: now,
    endedAt: null,
    checkpointT: 0,
    summary: null,
  };
  await repo.saveSession(record);
  const scheduler = await SessionScheduler.start(schedulerDeps(repo, record.id, clock, opts.engine), plan, seed);
  return { record, scheduler };
}

/** Rebuild a live session from its log; the clock stays stopped until the user resumes. */
export async function restoreSession(repo: Repository, id: string, clock: Clock = systemClock, engine: InterviewerEngine | null = null): Promise<LiveSession | null> {
  const record = await repo.getSession(id);
  if (!record) return null;
  const events = await repo.listEvents(id);
  if (events.length === 0) return null;
  const scheduler = SessionScheduler.restore(schedulerDeps(repo, id, clock, engine), events, record.checkpointT);
  return { record, scheduler };
}

export function summarise(report: SessionReport): SessionSummary {
  return {
    overall: report.overall,
    answered: report.totals.answered,
    skipped: report.totals.skipped,
    words: report.totals.words,
    fillers: report.totals.fillers,
    avgWpm: report.totals.avgWpm,
    keywordCoverage: report.totals.keywordCoverage,
    competencies: Object.fromEntries(report.competencies.map((c) => [c.competency, c.score])),
  };
}

/** Mark an ended session completed with its headline numbers (for History). */
export async function finishSession(repo: Repository, id: string, events: readonly SessionEvent[], now = Date.now()): Promise<void> {
  const report = buildReport([...events], { lexicon: defaultBank.technologies as { name: string; aliases: string[] }[] });
  await repo.updateSession(id, { status: 'completed', endedAt: now, updatedAt: now, summary: summarise(report) });
  await repo.deleteDraft(id);
}

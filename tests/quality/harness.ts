/**
 * The quality harness: runs every scripted candidate through an interview of every plan type with a given
 * interviewer engine, checks the criteria on each transcript, and returns a JSON report; plus a plain-text
 * table of the results. No Node or DOM imports: tests/quality/quality.test.ts (Node) and
 * tests/quality/browser.ts (a real browser, e.g. a WebGPU model) both use it.
 */
import type { InterviewerEngine } from '../../src/session/engine';
import type { InterviewType } from '../../src/session/types';
import { CANDIDATES } from './candidates';
import { evaluate } from './criteria';
import { PLAN_TYPES, runInterview, type Pace } from './runner';
import { CRITERIA, type Candidate, type CriterionId, type QualityReport, type RunResult, type RunStats, type Transcript } from './types';

export interface QualityOptions {
  /** A fresh engine for each interview (an LLM engine that broke in one run must not affect the next). */
  makeEngine: () => InterviewerEngine;
  /** The scripted interviewer, used for a turn when the engine throws. */
  makeFallback?: () => InterviewerEngine;
  candidates?: readonly Candidate[];
  planTypes?: readonly InterviewType[];
  /** The session seed (same seed for every run: the same first question everywhere). */
  seed?: string;
  criteria?: readonly CriterionId[];
  /** Keep the transcripts in the report (default true). */
  includeTranscripts?: boolean;
  environment?: Record<string, string>;
  pace?: Pace;
  /** Called after each interview (progress in a console or a test log). */
  onRun?: (r: RunResult, done: number, total: number) => void;
}

export const QUALITY_SEED = 'QUALITY-1';

export function statsOf(tr: Transcript): RunStats {
  const fallbackReasons: Record<string, number> = {};
  let engineLines = 0;
  let fallbacks = 0;
  for (const t of tr.turns) {
    if (t.fallbackReason) {
      fallbacks++;
      // Group reasons by their first words ("the AI's reply was not usable (…)").
      const key = t.fallbackReason.replace(/\s*\(.*$/, '').slice(0, 80);
      fallbackReasons[key] = (fallbackReasons[key] ?? 0) + 1;
    } else if (t.engine === tr.engine && t.kind !== 'closing' && t.problemId === undefined) engineLines++;
  }
  const checklist = tr.plan.checklist.length;
  const covered = tr.plan.checklist.filter((c) => tr.covered.some((x) => x.competency === c.competency)).length;
  return {
    turns: tr.turns.length,
    followUps: tr.turns.filter((t) => t.kind === 'follow-up').length,
    engineLines,
    fallbacks,
    fallbackReasons,
    covered,
    checklist,
    durationMin: Math.round((tr.durationMs / 60_000) * 10) / 10,
  };
}

export function runResult(tr: Transcript, criteria: readonly CriterionId[] = CRITERIA, includeTranscript = true): RunResult {
  const results = evaluate(tr, criteria);
  return {
    candidate: tr.candidate,
    planType: tr.planType,
    seed: tr.seed,
    criteria: results,
    stats: statsOf(tr),
    pass: results.every((c) => !c.applies || c.pass),
    ...(includeTranscript ? { transcript: tr } : {}),
  };
}

export function summarise(engine: string, runs: RunResult[], environment: Record<string, string> = {}): QualityReport {
  const failedCriteria: Partial<Record<CriterionId, number>> = {};
  for (const r of runs) for (const c of r.criteria) if (c.applies && !c.pass) failedCriteria[c.id] = (failedCriteria[c.id] ?? 0) + 1;
  return { version: 1, engine, environment, runs, summary: { runs: runs.length, passed: runs.filter((r) => r.pass).length, failedCriteria } };
}

/** Every candidate × every plan type, one interview each, in a fixed order (deterministic for a deterministic engine). */
export async function runQuality(o: QualityOptions): Promise<QualityReport> {
  const candidates = o.candidates ?? CANDIDATES;
  const planTypes = o.planTypes ?? PLAN_TYPES;
  const runs: RunResult[] = [];
  const total = candidates.length * planTypes.length;
  let engineId = '';
  for (const planType of planTypes) {
    for (const candidate of candidates) {
      const engine = o.makeEngine();
      engineId = engine.id;
      const tr = await runInterview({
        engine,
        ...(o.makeFallback ? { fallback: o.makeFallback() } : {}),
        candidate,
        planType,
        seed: o.seed ?? QUALITY_SEED,
        ...(o.pace ? { pace: o.pace } : {}),
      });
      const r = runResult(tr, o.criteria ?? CRITERIA, o.includeTranscripts ?? true);
      runs.push(r);
      o.onRun?.(r, runs.length, total);
    }
  }
  return summarise(engineId, runs, o.environment ?? {});
}

// ---- the table ------------------------------------------------------------------------------------

const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));

/** One row per candidate × plan, one column per criterion: "ok", "FAIL", or "(info)" for criteria that do not apply. */
export function formatReport(report: QualityReport, criteria: readonly CriterionId[] = CRITERIA): string {
  const cols = criteria.filter((id) => report.runs.some((r) => r.criteria.some((c) => c.id === id)));
  const head = ['candidate', 'plan', ...cols, 'lines', 'fallbacks'];
  const rows = report.runs.map((r) => {
    const cells = cols.map((id) => {
      const c = r.criteria.find((x) => x.id === id);
      if (!c) return '-';
      if (id === 'coverage') return `${c.applies ? (c.pass ? 'ok' : 'FAIL') : 'info'} ${r.stats.covered}/${r.stats.checklist}`;
      return c.applies ? (c.pass ? 'ok' : `FAIL(${c.failures.length})`) : 'info';
    });
    return [r.candidate, r.planType, ...cells, String(r.stats.turns), String(r.stats.fallbacks)];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => pad(c, widths[i]!)).join('  ').trimEnd();
  const out = [`Interviewer quality: ${report.engine} — ${report.summary.passed}/${report.summary.runs} interviews pass`, line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  const failures = report.runs.flatMap((r) =>
    r.criteria.filter((c) => c.applies && !c.pass).flatMap((c) => c.failures.slice(0, 5).map((f) => `  ${r.candidate}/${r.planType} ${c.id}: ${f}`)),
  );
  if (failures.length > 0) out.push('', 'Failures (first 5 per criterion and run):', ...failures);
  return out.join('\n');
}

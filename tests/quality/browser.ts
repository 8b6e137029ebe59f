/**
 * The quality harness in a real browser: the same candidates, runner and criteria as the Node run, with
 * the AI interviewer over any ChatBackend — in the app, the LLM worker's client (src/bridges/llm-client.ts)
 * after it loaded a WebGPU (web-llm) or CPU (transformers.js) model. Returns the JSON report (the same
 * format as .cache/quality/<engine>.json). No Node imports: Vite bundles it for the page.
 *
 * Intended use (see tests/quality/README.md): the app exposes `window.__quality` in development builds;
 * in the DevTools console:
 *   const report = await __quality.run(__quality.backend(), { onProgress: console.log });
 *   console.log(__quality.format(report)); __quality.download(report);
 */
import { LlmInterviewer, type ChatBackend } from '../../src/llm/llm-interviewer';
import type { Persona } from '../../src/llm/prompts';
import type { GenerateResult } from '../../src/llm/types';
import { ScriptedEngine } from '../../src/interview/scripted-engine';
import { defaultBank } from '../../src/interview/bank';
import type { InterviewType } from '../../src/session/types';
import { CANDIDATES } from './candidates';
import { formatReport, runQuality } from './harness';
import { PLAN_TYPES, QUALITY_PROFILE } from './runner';
import type { CandidateId, QualityReport } from './types';

export interface BrowserQualityOptions {
  persona?: Persona;
  /** Temperature 0 (default true): a rerun with the same model gives the same report. */
  reproducible?: boolean;
  /** Per-line timeout, ms (the app's default is 45 s; a slow device may need more). */
  timeoutMs?: number;
  candidates?: readonly CandidateId[];
  planTypes?: readonly InterviewType[];
  /** Keep the transcripts in the report (default true). */
  includeTranscripts?: boolean;
  /** Extra notes for the report, e.g. { model: 'Llama-3.2-1B-Instruct-q4f16_1-MLC', adapter: 'nvidia ampere' }. */
  environment?: Record<string, string>;
  onProgress?: (message: string) => void;
}

function browserEnvironment(): Record<string, string> {
  const nav = typeof navigator === 'undefined' ? undefined : navigator;
  return {
    runner: 'browser',
    ...(nav ? { userAgent: nav.userAgent, hardwareConcurrency: String(nav.hardwareConcurrency ?? '') } : {}),
    date: new Date().toISOString(),
  };
}

/** Runs every candidate × plan type with the AI interviewer over `backend` (scripted fallback per turn). */
export async function runQualityInBrowser(backend: ChatBackend, options: BrowserQualityOptions = {}): Promise<QualityReport> {
  const generated = { lines: 0, tokens: 0, ms: 0, firstTokenMs: [] as number[] };
  const onStats = (r: GenerateResult): void => {
    generated.lines++;
    generated.tokens += r.tokens;
    generated.ms += r.totalMs;
    if (r.firstTokenMs !== null) generated.firstTokenMs.push(r.firstTokenMs);
  };
  const candidates = options.candidates ? CANDIDATES.filter((c) => options.candidates!.includes(c.id)) : CANDIDATES;
  const report = await runQuality({
    makeEngine: () =>
      new LlmInterviewer(backend, defaultBank, {
        persona: options.persona ?? 'neutral',
        profile: QUALITY_PROFILE,
        reproducible: options.reproducible ?? true,
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        onStats,
      }),
    makeFallback: () => new ScriptedEngine(defaultBank, { quoteAnswers: true }),
    candidates,
    planTypes: options.planTypes ?? PLAN_TYPES,
    includeTranscripts: options.includeTranscripts ?? true,
    environment: { ...browserEnvironment(), backend: backend.id, contextTokens: String(backend.contextTokens), ...options.environment },
    onRun: (r, done, total) =>
      options.onProgress?.(
        `${done}/${total} ${r.candidate} × ${r.planType}: ${r.pass ? 'pass' : 'FAIL'} — ${r.stats.engineLines} lines by the model, ${r.stats.fallbacks} fallbacks`,
      ),
  });
  const sorted = [...generated.firstTokenMs].sort((a, b) => a - b);
  report.environment.generatedLines = String(generated.lines);
  report.environment.tokensPerSecond = generated.ms > 0 ? (generated.tokens / (generated.ms / 1000)).toFixed(1) : '';
  report.environment.medianFirstTokenMs = sorted.length ? String(sorted[Math.floor(sorted.length / 2)]) : '';
  return report;
}

/** Saves the report as quality-<engine>.json through a download link (record it with the PR or the issue). */
export function downloadReport(report: QualityReport): void {
  const blob = new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `quality-${report.engine.replace(/[^a-z0-9.-]+/gi, '_')}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

export { formatReport };

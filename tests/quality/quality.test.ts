/**
 * The interviewer quality harness in Node (`npx vitest run --config tests/quality/vitest.config.ts`):
 *
 * 1. the scripted interviewer (with follow-ups that quote the candidate) must pass every criterion for
 *    every candidate and plan type;
 * 2. the AI interviewer over the tiny random-weight Llama (transformers.js in Node, 512-token context)
 *    plays the same interviews as a plumbing check: they complete, phases come in order, and every line is
 *    either written by the model or a recorded fallback with its reason. Its quality criteria are reported,
 *    not asserted (random weights write gibberish, which the guard rejects).
 *
 * Reports: a table in the log and JSON in .cache/quality/scripted.json and .cache/quality/tiny.json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as transformers from '@huggingface/transformers';
import { ROOT, findModelsDir } from '../models-dir.mjs';
import { ScriptedEngine } from '../../src/interview/scripted-engine';
import { defaultBank } from '../../src/interview/bank';
import { LlmInterviewer, type ChatBackend } from '../../src/llm/llm-interviewer';
import type { GenerateResult, LlmLoadSpec } from '../../src/llm/types';
import { TransformersEngine } from '../../workers/llm/transformers-engine';
import { CANDIDATES } from './candidates';
import { formatReport, runQuality } from './harness';
import { PLAN_TYPES, QUALITY_PROFILE } from './runner';
import type { CriterionId, QualityReport, RunResult } from './types';

const OUT = join(ROOT, '.cache', 'quality');

function save(name: string, report: QualityReport): void {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, `${name}.json`), `${JSON.stringify(report, null, 2)}\n`);
}

const failuresOf = (r: RunResult, ids?: readonly CriterionId[]): string[] =>
  r.criteria.filter((c) => c.applies && !c.pass && (!ids || ids.includes(c.id))).flatMap((c) => c.failures.map((f) => `${c.id}: ${f}`));

const scripted = () => new ScriptedEngine(defaultBank, { quoteAnswers: true });

describe('scripted interviewer: every criterion, every candidate, every plan type', () => {
  let report: QualityReport;
  const run = (candidate: string, planType: string): RunResult => {
    const r = report.runs.find((x) => x.candidate === candidate && x.planType === planType);
    if (!r) throw new Error(`no run ${candidate}/${planType}`);
    return r;
  };

  beforeAll(async () => {
    report = await runQuality({ makeEngine: scripted, environment: { runner: 'node', engine: 'ScriptedEngine { quoteAnswers: true }' } });
    save('scripted', report);
    console.log(formatReport(report));
  });

  for (const planType of PLAN_TYPES) {
    for (const c of CANDIDATES) {
      it(`${c.id} × ${planType}`, () => {
        const r = run(c.id, planType);
        expect(failuresOf(r)).toEqual([]);
        expect(r.pass).toBe(true);
        expect(r.stats.fallbacks).toBe(0);
      });
    }
  }

  it('the candidates exercise the follow-up rules: weak, evasive and off-topic answers get follow-ups, the JD candidate technology probes', () => {
    const rules = (candidate: string) => new Set(report.runs.filter((r) => r.candidate === candidate).flatMap((r) => r.transcript!.turns.flatMap((t) => (t.rule ? [t.rule] : []))));
    expect(rules('weak')).toContain('short-answer');
    expect([...rules('evasive')]).toEqual(expect.arrayContaining(['no-first-person', 'no-result']));
    expect([...rules('off-topic')]).toContain('no-result');
    expect([...rules('jd-tech')]).toContain('jd-technology');
    // Follow-ups quote the candidate: the criterion is not passed vacuously.
    const weakFollowUps = report.runs.filter((r) => r.candidate === 'weak').flatMap((r) => r.transcript!.turns.filter((t) => t.kind === 'follow-up'));
    expect(weakFollowUps.length).toBeGreaterThan(10);
    expect(weakFollowUps.filter((t) => /^You (?:said|mentioned) "/.test(t.text)).length).toBeGreaterThan(weakFollowUps.length / 2);
  });

  it('coverage is enforced for the strong candidates and reported for the others (weak answers cover nothing)', () => {
    for (const r of report.runs) {
      const cov = r.criteria.find((c) => c.id === 'coverage')!;
      expect(cov.applies).toBe(r.candidate === 'strong' || r.candidate === 'jd-tech');
      expect(cov.summary).toMatch(/^\d+\/\d+ covered in time$/);
    }
    const weak = report.runs.filter((r) => r.candidate === 'weak' && r.planType !== 'coding');
    for (const r of weak) expect(r.stats.covered, r.planType).toBe(0);
  });

  it('is deterministic: a second run gives the same report', async () => {
    const again = await runQuality({ makeEngine: scripted, environment: { runner: 'node', engine: 'ScriptedEngine { quoteAnswers: true }' } });
    expect(again).toEqual(report);
  });

  it('the default scripted interviewer (no quoting) is reported too; only follow-up references may fail', async () => {
    const plain = await runQuality({ makeEngine: () => new ScriptedEngine(defaultBank), includeTranscripts: false });
    save('scripted-plain', plain);
    for (const r of plain.runs) {
      const failed = r.criteria.filter((c) => c.applies && !c.pass).map((c) => c.id);
      expect(failed.filter((id) => id !== 'follow-up-refers'), `${r.candidate}/${r.planType}`).toEqual([]);
    }
  });
});

// ---- the tiny CPU model: plumbing ------------------------------------------------------------------

const SPEC: LlmLoadSpec = {
  engine: 'transformers',
  catalogueId: 'tiny-random-llama',
  model: 'test/tiny-random-llama',
  baseUrl: null,
  dtype: 'q8',
  contextTokens: 512,
};
/** Gibberish is rejected whatever its length: short replies keep the 20 interviews (≈340 lines) fast. */
const TINY_MAX_TOKENS = 32;
const PLUMBING: readonly CriterionId[] = ['completed', 'phases-in-order', 'attributed'];

describe('AI interviewer on the tiny CPU model (plumbing, random weights)', () => {
  const engine = new TransformersEngine(transformers);
  const stats: GenerateResult[] = [];
  let calls = 0;
  let report: QualityReport;
  const backend: ChatBackend = {
    id: 'transformers:tiny-random-llama',
    contextTokens: SPEC.contextTokens,
    generate: (messages, opts, onToken) => {
      calls++;
      return engine.generate(messages, opts, onToken);
    },
    abort: () => engine.abort(),
  };

  beforeAll(async () => {
    const dir = findModelsDir();
    if (!dir) throw new Error('No local model folder: run `npm run models:fetch`.');
    transformers.env.allowLocalModels = true;
    transformers.env.allowRemoteModels = false;
    transformers.env.localModelPath = dir.endsWith('/') ? dir : `${dir}/`;
    await engine.load(SPEC, () => undefined);
    report = await runQuality({
      makeEngine: () =>
        new LlmInterviewer(backend, defaultBank, { persona: 'neutral', profile: QUALITY_PROFILE, reproducible: true, maxTokens: TINY_MAX_TOKENS, onStats: (r) => stats.push(r) }),
      makeFallback: scripted,
      environment: { runner: 'node', model: SPEC.model, contextTokens: String(SPEC.contextTokens), note: 'random weights: plumbing only' },
    });
    save('tiny', report);
    console.log(formatReport(report));
  }, 120_000);

  afterAll(() => engine.unload());

  for (const planType of PLAN_TYPES) {
    for (const c of CANDIDATES) {
      it(`${c.id} × ${planType}: completes, phases in order, every line by the model or a fallback with its reason`, () => {
        const r = report.runs.find((x) => x.candidate === c.id && x.planType === planType)!;
        expect(failuresOf(r, PLUMBING)).toEqual([]);
        const tr = r.transcript!;
        expect(tr.engine).toBe('transformers:tiny-random-llama');
        for (const t of tr.turns) {
          if (t.kind === 'closing' || t.problemId !== undefined) continue;
          if (t.engine === 'scripted') expect(t.fallbackReason, `#${t.promptId}`).toMatch(/^the AI/);
          else expect(t.engine).toBe('transformers:tiny-random-llama');
        }
      });
    }
  }

  it('the model really generated: tokens streamed on many turns; its gibberish fell back with the reasons recorded', () => {
    expect(calls).toBeGreaterThan(50);
    const generatedTokens = stats.reduce((n, r) => n + r.tokens, 0);
    expect(stats.length).toBeGreaterThan(20);
    expect(generatedTokens).toBeGreaterThan(stats.length); // more than one token per generated line on average
    const reasons = report.runs.flatMap((r) => Object.keys(r.stats.fallbackReasons));
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) expect(reason).toMatch(/^the AI/);
  });
});

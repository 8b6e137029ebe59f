import { describe, expect, it } from 'vitest';
import { ANSWER_FEEDBACK_JSON_SCHEMA, competencyScores, generateFeedback, parseFeedbackJson, ruleFeedback } from '../../src/llm/feedback';
import type { ChatBackend } from '../../src/llm/llm-interviewer';
import type { ChatMessage, GenerateOptions, GenerateResult } from '../../src/llm/types';
import type { SessionReport, AnswerReport } from '../../src/analysis/report';
import * as v from 'valibot';
import { AiFeedbackSchema } from '../../src/db/export-schema';

const GOOD = { strengths: ['Clear ownership.'], gaps: ['No measurable result.'], stronger: 'I led the migration and cut costs by [number] percent within a quarter.', score: 4 };

function answer(promptId: number, competencies: AnswerReport['competencies'], text: string | null): AnswerReport {
  return {
    promptId,
    kind: 'question',
    question: `Question ${promptId}?`,
    phaseIndex: 1,
    phaseLabel: 'Questions',
    competencies,
    answer: text,
    skipped: text === null,
    metrics: null,
    score: 2.6,
    suggestions: ['Say what the result was.'],
  };
}

function report(): SessionReport {
  return {
    plan: { role: 'Backend engineer', seniority: 'mid' },
    answers: [answer(0, ['ownership'], 'I owned it.'), answer(1, ['ownership', 'impact'], 'We shipped it.'), answer(2, ['conflict'], null)],
    competencies: [
      { competency: 'ownership', label: 'Ownership', covered: true, score: 3, basis: '', promptIds: [0, 1] },
      { competency: 'impact', label: 'Impact', covered: true, score: 3, basis: '', promptIds: [1] },
      { competency: 'conflict', label: 'Conflict', covered: false, score: null, basis: '', promptIds: [] },
    ],
  } as unknown as SessionReport; // only the fields the feedback reads
}

class FakeBackend implements ChatBackend {
  readonly id = 'transformers:fake';
  readonly contextTokens = 4096;
  calls: { messages: ChatMessage[]; opts: GenerateOptions }[] = [];
  constructor(private readonly replies: (string | Error)[]) {}
  async generate(messages: ChatMessage[], opts: GenerateOptions): Promise<GenerateResult> {
    this.calls.push({ messages, opts });
    const r = this.replies.shift() ?? '';
    if (r instanceof Error) throw r;
    return { text: r, tokens: 10, promptTokens: 10, firstTokenMs: 1, totalMs: 2, finishReason: 'stop' };
  }
  abort(): void {}
}

describe('parseFeedbackJson', () => {
  it('accepts valid JSON, also inside a code fence', () => {
    expect(parseFeedbackJson(JSON.stringify(GOOD))).toEqual({ ok: true, value: GOOD });
    expect(parseFeedbackJson('```json\n' + JSON.stringify(GOOD) + '\n```').ok).toBe(true);
  });
  it('rejects broken JSON, missing fields, wrong types and out-of-range scores with a reason', () => {
    expect(parseFeedbackJson('no json here')).toMatchObject({ ok: false, error: expect.stringContaining('no JSON') });
    expect(parseFeedbackJson('{"strengths": [}')).toMatchObject({ ok: false, error: expect.stringContaining('invalid JSON') });
    expect(parseFeedbackJson(JSON.stringify({ ...GOOD, score: 9 }))).toMatchObject({ ok: false, error: expect.stringContaining('score') });
    expect(parseFeedbackJson(JSON.stringify({ ...GOOD, score: 3.5 })).ok).toBe(false);
    expect(parseFeedbackJson(JSON.stringify({ ...GOOD, strengths: [] })).ok).toBe(false);
    expect(parseFeedbackJson(JSON.stringify({ ...GOOD, gaps: 'x' })).ok).toBe(false);
    const { stronger: _s, ...noStronger } = GOOD;
    expect(parseFeedbackJson(JSON.stringify(noStronger))).toMatchObject({ ok: false, error: expect.stringContaining('stronger') });
  });
  it('the JSON Schema given to web-llm requires the same fields', () => {
    const s = JSON.parse(ANSWER_FEEDBACK_JSON_SCHEMA) as { required: string[]; properties: Record<string, unknown> };
    expect(s.required.sort()).toEqual(Object.keys(GOOD).sort());
  });
});

describe('generateFeedback', () => {
  it('asks once per answered question, validates, and aggregates rubric scores per competency', async () => {
    const b = new FakeBackend([JSON.stringify(GOOD), JSON.stringify({ ...GOOD, score: 2 })]);
    const fb = await generateFeedback(b, report(), { reproducible: true, constrainJson: true });
    expect(b.calls).toHaveLength(2); // the skipped answer is not sent
    expect(b.calls.every((c) => c.opts.temperature === 0 && c.opts.jsonSchema === ANSWER_FEEDBACK_JSON_SCHEMA)).toBe(true);
    expect(b.calls[0]!.messages[1]!.content).toContain('I owned it.');
    expect(fb.answers.map((a) => [a.promptId, a.source, a.score])).toEqual([
      [0, 'ai', 4],
      [1, 'ai', 2],
    ]);
    expect(fb.competencies).toEqual([
      { competency: 'ownership', score: 3, source: 'ai' },
      { competency: 'impact', score: 2, source: 'ai' },
      { competency: 'conflict', score: null, source: 'rules' },
    ]);
    expect(v.safeParse(AiFeedbackSchema, fb).success).toBe(true);
  });

  it('retries once with the validation error, then falls back to the rules with the reason', async () => {
    const b = new FakeBackend(['not json', JSON.stringify(GOOD), '{"score": 7}', 'still not json']);
    const fb = await generateFeedback(b, report(), { reproducible: false, constrainJson: false });
    expect(b.calls).toHaveLength(4);
    expect(b.calls[1]!.messages[1]!.content).toContain('was not valid (no JSON object');
    expect(b.calls[0]!.opts.jsonSchema).toBeUndefined();
    expect(fb.answers[0]).toMatchObject({ source: 'ai', score: 4 });
    expect(fb.answers[1]).toMatchObject({ source: 'rules', stronger: '', fallbackReason: expect.stringContaining('not valid') });
    expect(fb.competencies.find((c) => c.competency === 'ownership')!.source).toBe('mixed');
  });

  it('an engine error goes straight to the rules (no retry)', async () => {
    const b = new FakeBackend([new Error('device lost'), JSON.stringify(GOOD)]);
    const fb = await generateFeedback(b, report(), { reproducible: true, constrainJson: false });
    expect(fb.answers[0]).toMatchObject({ source: 'rules', fallbackReason: expect.stringContaining('device lost') });
    expect(fb.answers[1]).toMatchObject({ source: 'ai' });
  });

  it('rule feedback is valid for the schema', () => {
    const r = ruleFeedback(answer(3, ['impact'], 'x'), 'why');
    expect(r).toMatchObject({ source: 'rules', score: 3, gaps: ['Say what the result was.'], fallbackReason: 'why' });
    expect(competencyScores(report(), [r]).every((c) => c.score === null)).toBe(true);
  });
});

/**
 * After the interview: written feedback per answer (strengths, gaps, a stronger version) and rubric
 * scores per competency. The model answers in JSON, validated against a schema (valibot); web-llm also
 * gets the JSON schema to constrain its output. Invalid JSON is retried once (with the error), then the
 * answer gets the rule-based feedback. Reproducible mode: temperature 0.
 */
import * as v from 'valibot';
import type { SessionReport, AnswerReport } from '../analysis/report';
import type { Competency } from '../session/types';
import type { ChatBackend } from './llm-interviewer';
import type { ChatMessage } from './types';

export const AnswerFeedbackJsonSchema = v.object({
  strengths: v.pipe(v.array(v.pipe(v.string(), v.trim(), v.minLength(3), v.maxLength(300))), v.minLength(1), v.maxLength(3)),
  gaps: v.pipe(v.array(v.pipe(v.string(), v.trim(), v.minLength(3), v.maxLength(300))), v.minLength(1), v.maxLength(3)),
  stronger: v.pipe(v.string(), v.trim(), v.minLength(20), v.maxLength(1500)),
  score: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5)),
});
export type AnswerFeedbackJson = v.InferOutput<typeof AnswerFeedbackJsonSchema>;

/** The same shape as a JSON Schema document (for web-llm's constrained decoding). */
export const ANSWER_FEEDBACK_JSON_SCHEMA = JSON.stringify({
  type: 'object',
  properties: {
    strengths: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 3 },
    gaps: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 3 },
    stronger: { type: 'string' },
    score: { type: 'integer', minimum: 1, maximum: 5 },
  },
  required: ['strengths', 'gaps', 'stronger', 'score'],
  additionalProperties: false,
});

export interface AnswerFeedback {
  promptId: number;
  strengths: string[];
  gaps: string[];
  /** A stronger version of the answer ('' when the rules wrote the feedback: they cannot write one). */
  stronger: string;
  /** Rubric score 1–5. */
  score: number;
  source: 'ai' | 'rules';
  /** Why the rules were used instead of the model, when they were. */
  fallbackReason?: string;
}

export interface CompetencyFeedback {
  competency: Competency;
  /** Mean of the answers' rubric scores for this competency (1–5, one decimal), null when none. */
  score: number | null;
  source: 'ai' | 'rules' | 'mixed';
}

export interface AiFeedback {
  engine: string;
  createdAt: number;
  answers: AnswerFeedback[];
  competencies: CompetencyFeedback[];
}

/** Parses a model reply as feedback JSON: the first {...} block, validated. */
export function parseFeedbackJson(text: string): { ok: true; value: AnswerFeedbackJson } | { ok: false; error: string } {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return { ok: false, error: 'no JSON object in the reply' };
  let data: unknown;
  try {
    data = JSON.parse(text.slice(start, end + 1));
  } catch (e) {
    return { ok: false, error: `invalid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  const r = v.safeParse(AnswerFeedbackJsonSchema, data);
  if (!r.success) return { ok: false, error: r.issues.map((i) => `${v.getDotPath(i) ?? 'value'}: ${i.message}`).join('; ') };
  return { ok: true, value: r.output };
}

/** Rule-based feedback from the report's measurements (used when the model's JSON is not valid). */
export function ruleFeedback(a: AnswerReport, reason?: string): AnswerFeedback {
  const m = a.metrics;
  const strengths: string[] = [];
  if (m) {
    if (m.star.result) strengths.push('You said how it ended.');
    if (m.hasNumbers) strengths.push('You backed it up with numbers.');
    if (m.firstPersonSingular > 0) strengths.push('You made your own part clear.');
    if (m.keywordsUsed.length > 0) strengths.push(`You used the job's vocabulary (${m.keywordsUsed.slice(0, 3).join(', ')}).`);
    if (strengths.length === 0 && m.wordCount >= 40) strengths.push('You gave a full answer.');
  }
  if (strengths.length === 0) strengths.push('You answered the question.');
  const gaps = a.suggestions.length > 0 ? a.suggestions.slice(0, 3) : ['Add a concrete example with a measurable result.'];
  const score = Math.min(5, Math.max(1, Math.round(a.score ?? 1)));
  return { promptId: a.promptId, strengths: strengths.slice(0, 3), gaps, stronger: '', score, source: 'rules', ...(reason ? { fallbackReason: reason } : {}) };
}

export function feedbackMessages(report: SessionReport, a: AnswerReport, retryError?: string): ChatMessage[] {
  const plan = report.plan;
  const system = [
    `You are an experienced interview coach reviewing a practice interview for a ${plan.seniority} ${plan.role} position.`,
    'Reply with ONLY a JSON object: {"strengths": [1-3 short strings], "gaps": [1-3 short strings], "stronger": "a stronger version of the answer, in the first person, under 120 words, using only facts the candidate gave or clearly marked placeholders like [number]", "score": integer 1-5}.',
    'Score: 1 = no real answer, 3 = adequate, 5 = excellent (specific, structured, own actions, measurable result).',
  ].join('\n');
  const user = [
    `Question: ${a.question}`,
    `Answer: ${a.answer ?? ''}`,
    a.competencies.length > 0 ? `Competencies assessed: ${a.competencies.join(', ')}.` : '',
    retryError ? `Your previous reply was not valid (${retryError}). Reply with the JSON object only.` : '',
  ]
    .filter(Boolean)
    .join('\n');
  return [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
}

export interface FeedbackOptions {
  reproducible: boolean;
  /** web-llm can constrain its output to the JSON schema. */
  constrainJson: boolean;
  maxTokens?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Feedback for every answered question of the report, one model call each (plus at most one retry). */
export async function generateFeedback(backend: ChatBackend, report: SessionReport, opts: FeedbackOptions): Promise<AiFeedback> {
  const answered = report.answers.filter((a) => a.answer !== null && !a.skipped && a.answer.trim() !== '');
  const out: AnswerFeedback[] = [];
  let done = 0;
  opts.onProgress?.(0, answered.length);
  for (const a of answered) {
    if (opts.signal?.aborted) throw new DOMException('Feedback was cancelled', 'AbortError');
    let retryError: string | undefined;
    let result: AnswerFeedback | null = null;
    for (let attempt = 0; attempt < 2 && !result; attempt++) {
      try {
        const messages = feedbackMessages(report, a, retryError);
        // Leave room for the prompt in small context windows (~2.5 characters per token, conservatively).
        const promptTokens = Math.ceil(messages.reduce((n, m) => n + m.content.length, 0) / 2.5) + 16;
        const r = await backend.generate(
          messages,
          {
            maxTokens: Math.max(32, Math.min(opts.maxTokens ?? 400, backend.contextTokens - promptTokens)),
            temperature: opts.reproducible ? 0 : 0.3,
            ...(opts.constrainJson ? { jsonSchema: ANSWER_FEEDBACK_JSON_SCHEMA } : {}),
          },
          () => undefined,
        );
        const parsed = parseFeedbackJson(r.text);
        if (parsed.ok) result = { promptId: a.promptId, ...parsed.value, source: 'ai' };
        else retryError = parsed.error;
      } catch (e) {
        retryError = e instanceof Error ? e.message : String(e);
        break; // an engine error is not fixed by asking again
      }
    }
    out.push(result ?? ruleFeedback(a, `the model's feedback was not valid (${retryError ?? 'unknown'})`));
    opts.onProgress?.(++done, answered.length);
  }
  return { engine: backend.id, createdAt: Date.now(), answers: out, competencies: competencyScores(report, out) };
}

/** Per competency: the mean rubric score of the answers that assessed it. */
export function competencyScores(report: SessionReport, answers: readonly AnswerFeedback[]): CompetencyFeedback[] {
  const byPrompt = new Map(answers.map((a) => [a.promptId, a]));
  return report.competencies.map((c) => {
    const fb = report.answers.filter((a) => a.competencies.includes(c.competency)).flatMap((a) => byPrompt.get(a.promptId) ?? []);
    if (fb.length === 0) return { competency: c.competency, score: null, source: 'rules' as const };
    const score = Math.round((fb.reduce((s, f) => s + f.score, 0) / fb.length) * 10) / 10;
    const sources = new Set(fb.map((f) => f.source));
    return { competency: c.competency, score, source: sources.size > 1 ? ('mixed' as const) : fb[0]!.source };
  });
}

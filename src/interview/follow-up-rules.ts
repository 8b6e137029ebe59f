import type { FollowUpRule, QuestionCategory } from '../session/types';
import type { FollowUpContext } from '../session/engine';
import { analyseAnswer } from '../analysis/metrics';
import { findKeywords } from '../analysis/keywords';
import type { Technology } from './bank';

/** Answers shorter than this many words get "can you give a concrete example?". */
export const SHORT_ANSWER_WORDS = 25;

const STORY_CATEGORIES: readonly (QuestionCategory | null)[] = ['behavioural', 'role', 'intro'];

export interface RuleInput {
  answer: string;
  category: QuestionCategory | null;
  /** Job-description keywords of the plan. */
  keywords: readonly string[];
  technologies: readonly Technology[];
  usedRules: readonly FollowUpRule[];
  probedTopics: readonly string[];
}

export interface RuleMatch {
  rule: FollowUpRule;
  topic?: string;
}

/**
 * Which follow-up rules an answer triggers, most important first:
 * 1. short-answer: fewer than SHORT_ANSWER_WORDS words → ask for a concrete example;
 * 2. no-first-person: a story told with "we" but never "I" → ask what the candidate did;
 * 3. no-result: a story with no measurable result (no number, no result cue) → ask for the outcome;
 * 4. jd-technology: a technology from the job description is mentioned → probe its depth.
 * Rules 2 and 3 apply to stories (behavioural, role-specific and intro answers) only.
 */
export function matchFollowUpRules(input: RuleInput): RuleMatch[] {
  const text = input.answer.trim();
  if (text === '') return [];
  const technologyKeywords = input.keywords.filter((k) => input.technologies.some((t) => t.name === k));
  const m = analyseAnswer(text, {
    durationMs: 0,
    mode: 'typed',
    keywords: technologyKeywords,
    lexicon: input.technologies as Technology[],
  });
  const story = STORY_CATEGORIES.includes(input.category);
  const out: RuleMatch[] = [];
  if (m.wordCount < SHORT_ANSWER_WORDS) out.push({ rule: 'short-answer' });
  if (story && m.firstPersonPlural > 0 && m.firstPersonSingular === 0) out.push({ rule: 'no-first-person' });
  if (story && input.category !== 'intro' && !m.hasNumbers && !m.star.result) out.push({ rule: 'no-result' });
  const tech = findKeywords(text, technologyKeywords, input.technologies as Technology[]).find(
    (k) => !input.probedTopics.includes(k),
  );
  if (tech !== undefined) out.push({ rule: 'jd-technology', topic: tech });
  return out.filter((r) => !input.usedRules.includes(r.rule));
}

/** The rules an interviewer engine's follow-up context triggers (see {@link matchFollowUpRules}). */
export function matchFollowUpContext(ctx: FollowUpContext, technologies: readonly Technology[]): RuleMatch[] {
  return matchFollowUpRules({
    answer: ctx.lastAnswer,
    category: ctx.category,
    keywords: ctx.plan.keywords,
    technologies,
    usedRules: ctx.usedRules,
    probedTopics: ctx.probedTopics,
  });
}

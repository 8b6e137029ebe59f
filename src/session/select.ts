import type { BankQuestion, Competency, InterviewPlan, PhasePlan } from './types';
import { availableQuestions, type QuestionBank } from '../interview/bank';
import type { Rng } from './rng';
import type { Difficulty, Problem } from '../coding/types';

export interface SelectInput {
  bank: QuestionBank;
  plan: InterviewPlan;
  phase: PhasePlan;
  /** Checklist competencies not yet covered (any phase). */
  uncovered: ReadonlySet<Competency>;
  asked: ReadonlySet<string>;
  rng: Rng;
}

/**
 * The next bank question for a question phase: one that targets the first uncovered competency of the
 * phase (checklist order) for which an unasked question exists, preferring questions that cover more
 * uncovered items and questions written for the role family. Null when the phase has nothing left to cover.
 */
export function selectQuestion({ bank, plan, phase, uncovered, asked, rng }: SelectInput): BankQuestion | null {
  const pool = availableQuestions(bank, {
    categories: phase.categories,
    seniority: plan.seniority,
    roleFamily: plan.roleFamily,
  }).filter((q) => !asked.has(q.id));
  for (const target of phase.competencies) {
    if (!uncovered.has(target)) continue;
    const candidates = pool.filter((q) => q.competencies.includes(target));
    if (candidates.length === 0) continue;
    const score = (q: BankQuestion): number =>
      q.competencies.filter((c) => uncovered.has(c)).length * 2 + (q.roles.includes(plan.roleFamily) ? 1 : 0);
    const best = Math.max(...candidates.map(score));
    return rng.pick(candidates.filter((q) => score(q) === best));
  }
  return null;
}

/** A one-off question of a non-question phase (intro, candidate questions, wrap-up). */
export function selectPhasePrompt(bank: QuestionBank, phase: PhasePlan, plan: InterviewPlan, asked: ReadonlySet<string>, rng: Rng): BankQuestion | null {
  const pool = availableQuestions(bank, { categories: phase.categories, seniority: plan.seniority, roleFamily: plan.roleFamily });
  const fresh = pool.filter((q) => !asked.has(q.id));
  const from = fresh.length > 0 ? fresh : pool;
  return from.length > 0 ? rng.pick(from) : null;
}

/** Problem difficulties by seniority, most suitable first. */
const DIFFICULTY_BY_SENIORITY: Record<InterviewPlan['seniority'], Difficulty[]> = {
  junior: ['easy', 'medium'],
  mid: ['medium', 'easy'],
  senior: ['medium', 'hard'],
  staff: ['hard', 'medium'],
};

/** A coding-round problem for the plan's seniority that has not been given in this session. */
export function selectProblem(problems: readonly Problem[], plan: InterviewPlan, asked: ReadonlySet<string>, rng: Rng): Problem | null {
  for (const d of DIFFICULTY_BY_SENIORITY[plan.seniority]) {
    const pool = problems.filter((p) => p.difficulty === d && !asked.has(p.id));
    if (pool.length > 0) return rng.pick(pool);
  }
  return null;
}

import type { BankQuestion, Competency, QuestionCategory, RoleFamily, Seniority } from '../session/types';
import questionsJson from './data/questions.json';
import followUpsJson from './data/follow-ups.json';
import technologiesJson from './data/technologies.json';
import problemsJson from '../coding/data/problems.json';
import type { Problem } from '../coding/types';

export interface Technology {
  name: string;
  aliases: string[];
}

export type FollowUpPhrases = Record<'short-answer' | 'no-first-person' | 'no-result' | 'jd-technology' | 'transition', string[]>;

export interface QuestionBank {
  questions: readonly BankQuestion[];
  /** Coding-round problems (empty: the coding phase asks spoken coding questions). */
  problems: readonly Problem[];
  byId: ReadonlyMap<string, BankQuestion>;
  followUps: FollowUpPhrases;
  technologies: readonly Technology[];
}

export function createBank(
  questions: readonly BankQuestion[],
  followUps: FollowUpPhrases,
  technologies: readonly Technology[],
  problems: readonly Problem[] = [],
): QuestionBank {
  return { questions, problems, byId: new Map(questions.map((q) => [q.id, q])), followUps, technologies };
}

// The JSON files are validated against the enums by tests/unit/question-bank.test.ts; TypeScript widens
// their string literals to `string`, hence the casts.
export const defaultBank: QuestionBank = createBank(
  questionsJson as BankQuestion[],
  followUpsJson as FollowUpPhrases,
  technologiesJson as Technology[],
  problemsJson as Problem[],
);

export interface QuestionFilter {
  categories: readonly QuestionCategory[];
  seniority: Seniority;
  roleFamily: RoleFamily;
  competency?: Competency;
}

/** Questions of the given categories that suit the seniority and the role family ('general' suits everyone). */
export function availableQuestions(bank: QuestionBank, f: QuestionFilter): BankQuestion[] {
  return bank.questions.filter(
    (q) =>
      f.categories.includes(q.category) &&
      q.seniority.includes(f.seniority) &&
      (q.roles.includes('general') || q.roles.includes(f.roleFamily)) &&
      (f.competency === undefined || q.competencies.includes(f.competency)),
  );
}

/** Replace the `{role}` placeholder. */
export function fillRole(text: string, role: string): string {
  return text.replaceAll('{role}', role.trim()).replace(/ {2,}/g, ' ');
}

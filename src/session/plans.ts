import type {
  ChecklistItem,
  Competency,
  InterviewPlan,
  InterviewType,
  PhaseKind,
  PhasePlan,
  QuestionCategory,
  RoleFamily,
  Seniority,
} from './types';
import templatesJson from './data/plan-templates.json';
import labelsJson from '../analysis/data/competency-labels.json';
import { availableQuestions, type QuestionBank } from '../interview/bank';
import { extractJobKeywords } from '../analysis/keywords';
import { MAX_MINUTES, MIN_MINUTES, PLAN_DEFAULTS, type PlanInput } from './plan-input';

interface PhaseTemplate {
  kind: PhaseKind;
  label: string;
  share: number;
  categories: QuestionCategory[];
}
interface PlanTemplate {
  label: string;
  phases: PhaseTemplate[];
  checklist: Competency[];
  bySeniority: Partial<Record<Seniority, Competency[]>>;
}
interface TemplatesFile {
  templates: Record<InterviewType, PlanTemplate>;
  nonEngineeringPhases: { technical: { label: string; categories: QuestionCategory[] }; coding: null };
  roleFamilies: { family: RoleFamily; patterns: string[] }[];
}
// JSON literals widen to string; the shapes are checked by tests/unit/plans.test.ts.
const templates = templatesJson as unknown as TemplatesFile;
const labels = labelsJson as Record<string, string>;

export { PLAN_DEFAULTS, MIN_MINUTES, MAX_MINUTES, planTypeLabel, type PlanInput } from './plan-input';

export function competencyLabel(c: Competency): string {
  return labels[c] ?? c;
}

const escapeRegExp = (t: string): string => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const FAMILY_MATCHERS = templates.roleFamilies.map(({ family, patterns }) => ({
  family,
  re: new RegExp(`(?:^|[^a-z0-9])(?:${patterns.map(escapeRegExp).join('|')})(?![a-z0-9])`, 'i'),
}));

/** Role family from a free-text role title ("Senior data analyst" → data), by whole words, first family wins. */
export function roleFamilyOf(role: string): RoleFamily {
  return FAMILY_MATCHERS.find((m) => m.re.test(role))?.family ?? 'general';
}

const QUESTION_PHASES: readonly PhaseKind[] = ['questions', 'technical', 'coding'];
export const isQuestionPhase = (kind: PhaseKind): boolean => QUESTION_PHASES.includes(kind);


/** Round to half minutes. */
const half = (m: number): number => Math.round(m * 2) / 2;

/**
 * Build an interview plan: phases with time budgets and the competency checklist, chosen from the
 * template of the interview type, the role family and the seniority. Question phases with no suitable
 * question in the bank are dropped and their time shared out; checklist items that no phase can cover
 * are dropped; each item is assigned to the first phase able to cover it.
 */
export function buildPlan(input: PlanInput, bank: QuestionBank): InterviewPlan {
  const template = templates.templates[input.type];
  const detected = roleFamilyOf(input.role);
  // Someone who asks for a coding interview gets coding questions whatever the role title says.
  const roleFamily: RoleFamily = input.type === 'coding' && detected !== 'data' ? 'engineering' : detected;
  const technicalRole = roleFamily === 'engineering' || roleFamily === 'data';
  const asked = Number.isFinite(input.minutes) ? Math.round(input.minutes) : PLAN_DEFAULTS.minutes;
  const minutes = Math.min(MAX_MINUTES, Math.max(MIN_MINUTES, asked));

  const wanted: Competency[] = [];
  for (const c of [...template.checklist, ...(template.bySeniority[input.seniority] ?? [])]) {
    if (!wanted.includes(c)) wanted.push(c);
  }

  type Draft = PhaseTemplate & { coverable: Set<Competency> };
  const drafts: Draft[] = [];
  for (const p of template.phases) {
    let phase: PhaseTemplate = p;
    if (!technicalRole && input.type === 'mixed' && p.kind === 'coding') continue;
    if (!technicalRole && p.kind === 'technical') phase = { ...p, ...templates.nonEngineeringPhases.technical };
    const coverable = new Set<Competency>();
    if (isQuestionPhase(phase.kind)) {
      const qs = availableQuestions(bank, { categories: phase.categories, seniority: input.seniority, roleFamily });
      if (qs.length === 0) continue;
      for (const q of qs) for (const c of q.competencies) coverable.add(c);
    }
    drafts.push({ ...phase, coverable });
  }

  const assigned = new Map<Competency, number>();
  for (const c of wanted) {
    const i = drafts.findIndex((d) => d.coverable.has(c));
    if (i >= 0) assigned.set(c, i);
  }
  // A later question phase that could cover items but got none (an earlier phase covers them all) takes
  // one over from the phase holding the most, so every planned part of the interview is used.
  drafts.forEach((d, i) => {
    if (!isQuestionPhase(d.kind) || [...assigned.values()].includes(i)) return;
    const holders = (c: Competency): number => [...assigned.values()].filter((j) => j === assigned.get(c)).length;
    const movable = wanted.filter((c) => d.coverable.has(c) && assigned.has(c) && holders(c) >= 2);
    const pick = movable.sort((a, b) => holders(b) - holders(a) || wanted.indexOf(b) - wanted.indexOf(a))[0];
    if (pick !== undefined) assigned.set(pick, i);
  });
  // A question phase with nothing left to cover is dropped too (its time goes to the others).
  const kept = drafts.filter((d, i) => !isQuestionPhase(d.kind) || [...assigned.values()].includes(i));
  const keptIndex = new Map(kept.map((d) => [drafts.indexOf(d), kept.indexOf(d)]));

  const shareSum = kept.reduce((s, d) => s + d.share, 0);
  const phases: PhasePlan[] = kept.map((d) => ({
    kind: d.kind,
    label: d.label,
    minutes: Math.max(0.5, half((d.share / shareSum) * minutes)),
    categories: d.categories,
    competencies: [],
  }));
  // Make the budgets add up exactly: adjust the longest phase.
  const diff = minutes - phases.reduce((s, p) => s + p.minutes, 0);
  const longest = phases.reduce((a, b) => (b.minutes > a.minutes ? b : a));
  longest.minutes = half(longest.minutes + diff);

  const checklist: ChecklistItem[] = [];
  for (const c of wanted) {
    const from = assigned.get(c);
    const to = from === undefined ? undefined : keptIndex.get(from);
    if (to === undefined) continue;
    phases[to]?.competencies.push(c);
    checklist.push({ competency: c, label: competencyLabel(c) });
  }

  return {
    type: input.type,
    role: input.role.trim() || PLAN_DEFAULTS.role,
    roleFamily,
    seniority: input.seniority,
    totalMinutes: minutes,
    phases,
    checklist,
    keywords: extractJobKeywords(input.jobDescription, bank.technologies as { name: string; aliases: string[] }[]),
  };
}

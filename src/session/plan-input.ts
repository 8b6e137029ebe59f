import type { InterviewType, Seniority } from './types';
import type { Profile } from '../db/types';
import templatesJson from './data/plan-templates.json';

/** What the candidate chose: enough to build a plan. Light module (no question bank) for the first screen. */
export interface PlanInput {
  type: InterviewType;
  role: string;
  seniority: Seniority;
  minutes: number;
  jobDescription: string;
}

const templates = templatesJson as unknown as {
  templates: Record<InterviewType, { label: string }>;
  defaults: { type: InterviewType; minutes: number; seniority: Seniority; role: string };
};

export const PLAN_DEFAULTS = templates.defaults;
export const MIN_MINUTES = 5;
export const MAX_MINUTES = 90;

export function planTypeLabel(type: InterviewType): string {
  return templates.templates[type].label;
}

/** What a profile asks for (the defaults for a guest). */
export function planInputFor(profile: Profile | null): PlanInput {
  return {
    type: profile?.interviewType ?? PLAN_DEFAULTS.type,
    role: profile?.role || PLAN_DEFAULTS.role,
    seniority: profile?.seniority ?? PLAN_DEFAULTS.seniority,
    minutes: profile?.minutes ?? PLAN_DEFAULTS.minutes,
    jobDescription: profile?.jobDescription ?? '',
  };
}

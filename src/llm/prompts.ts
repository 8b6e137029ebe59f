/**
 * Prompts for the AI interviewer, built from the plan, the phase, the uncovered checklist items, the
 * profile (role, seniority, job description, resume) and the recent answers. Pure.
 *
 * The context is fitted to the model's window: optional parts (resume and job-description text, then the
 * job-description keywords, older answers, the already-asked list) are dropped in that order until the
 * prompt fits the character budget.
 */
import type { AskContext, FollowUpContext, RecentExchange } from '../session/engine';
import type { Competency, FollowUpRule, InterviewPlan, PhasePlan } from '../session/types';
import type { ChatMessage } from './types';

export const PERSONAS = ['friendly', 'neutral', 'tough'] as const;
export type Persona = (typeof PERSONAS)[number];

export const PERSONA_LABELS: Record<Persona, string> = {
  friendly: 'Friendly — warm and encouraging',
  neutral: 'Neutral — calm and matter-of-fact',
  tough: 'Tough — brisk, probes every claim',
};

const PERSONA_STYLE: Record<Persona, string> = {
  friendly: 'You are warm and encouraging, and you put the candidate at ease, but you still ask for specifics.',
  neutral: 'You are calm, polite and matter-of-fact.',
  tough: 'You are brisk and demanding: you probe vague claims and ask for evidence, while staying professional and never rude.',
};

/** What the interviewer knows about the candidate (from the profile). */
export interface CandidateProfile {
  name?: string;
  jobDescription?: string;
  resume?: string;
}

const RULE_INTENT: Record<FollowUpRule, string> = {
  'short-answer': 'The answer was short: ask for a concrete example from their own experience.',
  'no-first-person': 'They said "we" throughout: ask what they personally did.',
  'no-result': 'They did not say how it ended: ask about the outcome and how they measured it.',
  'jd-technology': 'They mentioned {topic}: probe the depth of their hands-on experience with it.',
};

const clip = (s: string, n: number): string => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length <= n ? t : `${t.slice(0, n - 1).replace(/\s+\S*$/, '')}…`;
};

export function systemPrompt(plan: InterviewPlan, persona: Persona): string {
  return [
    `You are the interviewer in a practice job interview for a ${plan.seniority} ${plan.role} position. ${PERSONA_STYLE[persona]}`,
    'Rules: speak in at most two short sentences and ask exactly one question, ending with a question mark.',
    'Never answer your own question, never give an example answer or a solution, and never grade the candidate.',
    'Do not repeat a question that was already asked. Do not mention these rules or that you are an AI.',
    'Reply with only the words you would say aloud: no labels, no quotes, no notes.',
  ].join('\n');
}

interface ContextParts {
  phase: PhasePlan;
  plan: InterviewPlan;
  uncovered: readonly Competency[];
  recent: readonly RecentExchange[];
  asked: readonly string[];
  profile: CandidateProfile;
}

/** Optional context blocks, most expendable first. */
function contextBlocks(c: ContextParts, level: number): string[] {
  const checklist = c.plan.checklist.filter((i) => c.uncovered.includes(i.competency)).map((i) => i.label);
  const blocks: string[] = [`Current part of the interview: ${c.phase.label}.`];
  if (checklist.length > 0) blocks.push(`Still to cover: ${checklist.join('; ')}.`);
  if (level < 4 && c.recent.length > 0) {
    const recent = c.recent.slice(level >= 2 ? -1 : -3);
    blocks.push(`Recent exchanges:\n${recent.map((r) => `Q: ${clip(r.question, 160)}\nA: ${clip(r.answer, level >= 2 ? 160 : 320)}`).join('\n')}`);
  }
  if (level < 3 && c.asked.length > 0) blocks.push(`Already asked (do not repeat):\n${c.asked.slice(-6).map((q) => `- ${clip(q, 120)}`).join('\n')}`);
  if (level < 2 && c.plan.keywords.length > 0) blocks.push(`Job description keywords: ${c.plan.keywords.slice(0, 12).join(', ')}.`);
  if (level < 1 && c.profile.jobDescription?.trim()) blocks.push(`Job description (excerpt): ${clip(c.profile.jobDescription, 400)}`);
  if (level < 1 && c.profile.resume?.trim()) blocks.push(`Candidate's resume (summary): ${clip(c.profile.resume, 500)}`);
  return blocks;
}

export interface BuiltPrompt {
  messages: ChatMessage[];
  /** 0 = full context; higher = more dropped to fit. */
  level: number;
  chars: number;
}

function fit(system: string, task: (level: number) => string, c: ContextParts, budgetChars: number): BuiltPrompt {
  let last: BuiltPrompt | null = null;
  for (let level = 0; level <= 5; level++) {
    const context = level >= 5 ? '' : contextBlocks(c, level).join('\n\n');
    const user = [context, task(level)].filter(Boolean).join('\n\n');
    const messages: ChatMessage[] = [
      { role: 'system', content: system },
      { role: 'user', content: user },
    ];
    const chars = system.length + user.length;
    last = { messages, level, chars };
    if (chars <= budgetChars) return last;
  }
  return last!;
}

export interface PromptOptions {
  persona: Persona;
  profile: CandidateProfile;
  /** Characters the messages may take (from the model's context window). */
  budgetChars: number;
}

/** The follow-up prompt: the candidate's last answer and what to probe (from the follow-up rule). */
export function followUpPrompt(ctx: FollowUpContext, rule: FollowUpRule, topic: string | undefined, o: PromptOptions): BuiltPrompt {
  const question = ctx.thread.at(-1)?.question ?? '';
  const intent = RULE_INTENT[rule].replace('{topic}', topic ?? 'a technology');
  const task = (level: number): string =>
    [
      `You asked: "${clip(question, level >= 4 ? 120 : 240)}"`,
      `The candidate answered: "${clip(ctx.lastAnswer, level >= 4 ? 240 : 700)}"`,
      `Ask one follow-up question that refers to something specific they just said. ${intent}`,
    ].join('\n');
  return fit(
    systemPrompt(ctx.plan, o.persona),
    task,
    { phase: ctx.phase, plan: ctx.plan, uncovered: ctx.uncovered ?? [], recent: (ctx.recent ?? []).slice(0, -1), asked: ctx.previousPrompts, profile: o.profile },
    o.budgetChars,
  );
}

/** The prompt that asks the scheduler's chosen question in the interviewer's own words. */
export function askPrompt(ctx: AskContext, questionText: string, o: PromptOptions): BuiltPrompt {
  const task = (level: number): string => {
    const lines = [`Ask the candidate this question next, in your own words, keeping its meaning: "${questionText}"`];
    if (ctx.firstInPhase) lines.push(`This starts a new part of the interview (${ctx.phase.label}): say so in a few words first.`);
    else if (ctx.previousAnswer) {
      lines.push(`Their previous answer was: "${clip(ctx.previousAnswer, level >= 4 ? 120 : 300)}". Start with a short, neutral acknowledgement of it (no praise, no judgement).`);
    }
    return lines.join('\n');
  };
  return fit(
    systemPrompt(ctx.plan, o.persona),
    task,
    { phase: ctx.phase, plan: ctx.plan, uncovered: ctx.uncovered ?? [], recent: ctx.recent ?? [], asked: ctx.previousPrompts ?? [], profile: o.profile },
    o.budgetChars,
  );
}

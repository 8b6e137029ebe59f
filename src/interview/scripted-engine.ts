import type { AskContext, FollowUp, FollowUpContext, InterviewerEngine } from '../session/engine';
import { fillRole, type QuestionBank } from './bank';
import { matchFollowUpRules } from './follow-up-rules';

/** Phase openers the scripted interviewer says before the first question of a phase. */
const PHASE_OPENERS: Record<string, string> = {
  questions: "Let's talk about some situations from your experience.",
  technical: "Now let's move to some technical questions.",
  coding: "Let's do some problem solving. Talk me through your thinking out loud.",
  'candidate-questions': '',
  'wrap-up': '',
  intro: '',
};

/**
 * The scripted interviewer: needs no model. Asks the scheduler's bank questions as written and follows
 * up by rules on the content of the answer. Deterministic: every choice comes from the injected RNG.
 */
export class ScriptedEngine implements InterviewerEngine {
  readonly id = 'scripted';
  constructor(private readonly bank: QuestionBank) {}

  async followUp(ctx: FollowUpContext): Promise<FollowUp | null> {
    const matches = matchFollowUpRules({
      answer: ctx.lastAnswer,
      category: ctx.category,
      keywords: ctx.plan.keywords,
      technologies: this.bank.technologies,
      usedRules: ctx.usedRules,
      probedTopics: ctx.probedTopics,
    });
    // The most important rule that still has a phrasing not yet said in this session; never a repeat.
    for (const match of matches) {
      const fill = (template: string): string => (match.topic === undefined ? template : template.replaceAll('{tech}', match.topic));
      const fresh = this.bank.followUps[match.rule].map(fill).filter((v) => !ctx.previousPrompts.includes(v));
      if (fresh.length === 0) continue;
      const text = ctx.rng.pick(fresh);
      return match.topic === undefined ? { text, rule: match.rule } : { text, rule: match.rule, topic: match.topic };
    }
    return null;
  }

  async phrase(ctx: AskContext): Promise<string> {
    const question = fillRole(ctx.question.text, ctx.plan.role);
    if (ctx.firstInPhase) {
      const opener = PHASE_OPENERS[ctx.phase.kind] ?? '';
      return opener ? `${opener} ${question}` : question;
    }
    if (ctx.previousAnswer !== null && ctx.kind === 'question') {
      return `${ctx.rng.pick(this.bank.followUps.transition)} ${question}`;
    }
    return question;
  }
}

import type { AskContext, FollowUp, FollowUpContext, InterviewerEngine } from '../session/engine';
import { fillRole, type QuestionBank } from './bank';
import { matchFollowUpContext } from './follow-up-rules';
import { similarity } from '../llm/guard';
import stopwordList from '../analysis/data/stopwords.json';

/** Phase openers the scripted interviewer says before the first question of a phase. */
const PHASE_OPENERS: Record<string, string> = {
  questions: "Let's talk about some situations from your experience.",
  technical: "Now let's move to some technical questions.",
  coding: "Let's do some problem solving. Talk me through your thinking out loud.",
  'candidate-questions': '',
  'wrap-up': '',
  intro: '',
};

export interface ScriptedEngineOptions {
  /**
   * Start a follow-up with a few of the candidate's own words ('You said "we look at the options
   * together".'), so that it visibly refers to what they said. Not for technology probes, which name the
   * technology already.
   */
  quoteAnswers?: boolean;
}

/** A line this similar (word-set Jaccard, as the LLM output guard uses) to an earlier one counts as said. */
export const NEAR_DUPLICATE = 0.8;

const STOPWORDS: ReadonlySet<string> = new Set(stopwordList as string[]);
const QUOTE_LEADS = ['You said', 'You mentioned'] as const;
const MAX_QUOTE_WORDS = 9;

const sentences = (text: string): string[] => (text.match(/[^.!?]+[.!?]*/g) ?? []).map((s) => s.trim()).filter(Boolean);
/** The question a line asks: its last sentence with a question mark, else its last sentence. */
const questionOf = (text: string): string => {
  const ss = sentences(text);
  return [...ss].reverse().find((s) => s.includes('?')) ?? ss.at(-1) ?? text;
};
const wordCount = (s: string): number => s.split(/\s+/).filter(Boolean).length;

/** True when `line` (a phrasing) was said before: as a line, at the end of a line, or nearly so. */
function saidBefore(line: string, previous: readonly string[]): boolean {
  const q = questionOf(line);
  return previous.some((p) => {
    if (p === line || p.endsWith(` ${line}`) || similarity(p, line) >= NEAR_DUPLICATE) return true;
    const pq = questionOf(p);
    return wordCount(q) >= 5 && wordCount(pq) >= 5 && similarity(pq, q) >= NEAR_DUPLICATE;
  });
}

const isContentWord = (w: string): boolean => {
  const x = w.toLowerCase().replace(/^[^a-z]+|[^a-z]+$/g, '');
  return x.length >= 4 && !STOPWORDS.has(x.replace(/'s$/, ''));
};
const LEADING_FILLER = /^(?:(?:well|so|and|but|then|honestly|basically|actually|um+|uh+|er+|okay|ok|yeah|yes|hmm+|oh)\b[,\s]*)+/i;
/** Discourse markers that say nothing about the answer ("That's a good question", "Speaking of that"). */
const OPENING_PHRASE =
  /^(?:(?:that's|that is) a (?:good|great) question|good question|it depends(?: on the situation)?(?: really)?|funny you ask|speaking of (?:that|which)|that reminds me(?: of)?|to be honest|in general|as i said)\b[,.\s]*/i;
const CONJUNCTION = /\s(?:and|but|so|because|which|while|then)\s/i;
const contentCount = (clause: string): number => clause.split(' ').filter(isContentWord).length;

/**
 * A few of the candidate's own words to quote: the first clause (up to 9 words) with content words (4+
 * letters, not stopwords), without fillers or discourse markers ("Well,", "Speaking of that"); a long
 * clause is cut at a conjunction, else after 9 words (not on a function word). Null when there is none.
 */
export function quotableWords(answer: string): string | null {
  const clauses = answer
    .replace(/["“”]/g, '')
    .replace(/\s+/g, ' ')
    .split(/[.!?;:,()]+|\s[-–—]\s/)
    .map((c) => {
      let x = c.trim();
      for (let i = 0; i < 3; i++) x = x.replace(LEADING_FILLER, '').replace(OPENING_PHRASE, '').trim();
      if (x.split(' ').length > MAX_QUOTE_WORDS) x = x.split(CONJUNCTION)[0]!.trim();
      return x;
    })
    .filter((c) => contentCount(c) > 0);
  const first = clauses.find((c) => contentCount(c) >= 2) ?? clauses[0];
  if (!first) return null;
  let words = first.split(' ');
  if (words.length > MAX_QUOTE_WORDS) {
    // Cut long clauses, and do not end on a function word ("…sort of thing as").
    words = words.slice(0, MAX_QUOTE_WORDS);
    while (words.length > 1 && STOPWORDS.has(words.at(-1)!.toLowerCase().replace(/[^a-z']/g, ''))) words = words.slice(0, -1);
  }
  const quote = words.join(' ').replace(/[\s,;:-]+$/, '');
  return contentCount(quote) > 0 ? quote : null;
}

/**
 * The scripted interviewer: needs no model. Asks the scheduler's bank questions as written and follows
 * up by rules on the content of the answer. Deterministic: every choice comes from the injected RNG.
 */
export class ScriptedEngine implements InterviewerEngine {
  readonly id = 'scripted';
  constructor(
    private readonly bank: QuestionBank,
    private readonly options: ScriptedEngineOptions = {},
  ) {}

  async followUp(ctx: FollowUpContext): Promise<FollowUp | null> {
    const matches = matchFollowUpContext(ctx, this.bank.technologies);
    // The most important rule that still has a phrasing not yet said in this session (nor a near-duplicate
    // of one, e.g. the same technology probe about another technology); never a repeat.
    for (const match of matches) {
      const fill = (template: string): string => (match.topic === undefined ? template : template.replaceAll('{tech}', match.topic));
      const fresh = this.bank.followUps[match.rule].map(fill).filter((v) => !saidBefore(v, ctx.previousPrompts));
      if (fresh.length === 0) continue;
      let text = ctx.rng.pick(fresh);
      const quote = this.options.quoteAnswers && match.rule !== 'jd-technology' ? quotableWords(ctx.lastAnswer) : null;
      if (quote) text = `${ctx.rng.pick(QUOTE_LEADS)} "${quote}". ${text}`;
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

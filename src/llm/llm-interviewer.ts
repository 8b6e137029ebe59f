/**
 * The AI interviewer: an InterviewerEngine whose words come from a language model (through a
 * ChatBackend: the LLM worker's client in the app, the engine itself in Node). The scheduler still
 * decides what is needed (phase, competency, whether a follow-up is allowed); the follow-up rules decide
 * what to probe (transparent and testable); the model writes the line, following up on the candidate's
 * actual words. Every line passes the output guard. A timeout, an engine error, a lost GPU device or a
 * rejected line throws, and the scheduler asks the scripted interviewer for that turn instead, recording
 * the reason.
 */
import type { AskContext, FollowUp, FollowUpContext, InterviewerEngine } from '../session/engine';
import { fillRole, type QuestionBank } from '../interview/bank';
import { matchFollowUpContext } from '../interview/follow-up-rules';
import { askPrompt, followUpPrompt, type CandidateProfile, type Persona } from './prompts';
import { STOP_SEQUENCES, cleanModelText, guardInterviewerLine } from './guard';
import { errorMessage, llmErrorName, type ChatMessage, type GenerateOptions, type GenerateResult } from './types';

/** What the interviewer needs from an engine. */
export interface ChatBackend {
  /** e.g. 'transformers:HuggingFaceTB/SmolLM2-360M-Instruct'. */
  readonly id: string;
  readonly contextTokens: number;
  generate(messages: ChatMessage[], opts: GenerateOptions, onToken: (piece: string) => void): Promise<GenerateResult>;
  abort(): void;
}

/** Live text of the line being written, for captions and speech before generation ends. */
export type DraftEvent = { type: 'start' } | { type: 'text'; text: string } | { type: 'end'; accepted: boolean };

export interface LlmInterviewerOptions {
  persona: Persona;
  profile: CandidateProfile;
  /** Temperature 0 (greedy): the same answers give the same interview. */
  reproducible: boolean;
  /** Per line: longer and the turn falls back to the scripted interviewer. */
  timeoutMs?: number;
  maxTokens?: number;
  /** Characters per token for budgeting prompts (conservative). */
  charsPerToken?: number;
  onDraft?: (e: DraftEvent) => void;
  /** Per-turn statistics (tokens/s, first token), for the UI and benchmarks. */
  onStats?: (r: GenerateResult) => void;
}

export const DEFAULT_TIMEOUT_MS = 45_000;
export const DEFAULT_MAX_TOKENS = 80;

export class LlmTurnError extends Error {
  override readonly name = 'LlmTurnError';
}

export class LlmInterviewer implements InterviewerEngine {
  readonly id: string;
  /** Set when the engine cannot be used any more (device lost): later turns fall back at once. */
  private broken: string | null = null;
  private opts: Required<Omit<LlmInterviewerOptions, 'onDraft' | 'onStats'>> & Pick<LlmInterviewerOptions, 'onDraft' | 'onStats'>;

  constructor(
    private readonly backend: ChatBackend,
    private readonly bank: QuestionBank,
    options: LlmInterviewerOptions,
  ) {
    this.id = backend.id;
    this.opts = { timeoutMs: DEFAULT_TIMEOUT_MS, maxTokens: DEFAULT_MAX_TOKENS, charsPerToken: 3, ...options };
  }

  setDraftListener(fn: ((e: DraftEvent) => void) | undefined): void {
    this.opts.onDraft = fn;
  }

  private budgetChars(): number {
    return Math.max(200, Math.floor((this.backend.contextTokens - this.opts.maxTokens - 48) * this.opts.charsPerToken));
  }

  async followUp(ctx: FollowUpContext): Promise<FollowUp | null> {
    const matches = matchFollowUpContext(ctx, this.bank.technologies);
    const match = matches[0];
    if (!match) return null;
    const text = await this.write(
      (budget) => followUpPrompt(ctx, match.rule, match.topic, { persona: this.opts.persona, profile: this.opts.profile, budgetChars: budget }).messages,
      ctx.previousPrompts,
      seedOf(ctx.rng.next()),
    );
    return match.topic === undefined ? { text, rule: match.rule } : { text, rule: match.rule, topic: match.topic };
  }

  async phrase(ctx: AskContext): Promise<string> {
    const question = fillRole(ctx.question.text, ctx.plan.role);
    return this.write(
      (budget) => askPrompt(ctx, question, { persona: this.opts.persona, profile: this.opts.profile, budgetChars: budget }).messages,
      ctx.previousPrompts ?? [],
      seedOf(ctx.rng.next()),
    );
  }

  /** Generates, guards and returns one line; throws LlmTurnError (→ scripted fallback) otherwise. */
  private async write(build: (budgetChars: number) => ChatMessage[], previousPrompts: readonly string[], seed: number): Promise<string> {
    if (this.broken) throw new LlmTurnError(this.broken);
    const gen: GenerateOptions = {
      maxTokens: this.opts.maxTokens,
      temperature: this.opts.reproducible ? 0 : 0.7,
      seed,
      stop: STOP_SEQUENCES,
    };
    let budget = this.budgetChars();
    for (let attempt = 0; attempt < 2; attempt++) {
      let accepted = false;
      try {
        const result = await this.generate(build(budget), gen);
        const guarded = guardInterviewerLine(result.text, { previousPrompts });
        if (!guarded.ok) throw new LlmTurnError(`the AI's reply was not usable (${guarded.detail})`);
        accepted = true;
        return guarded.text;
      } catch (e) {
        if (e instanceof LlmTurnError) throw e;
        const name = llmErrorName(e);
        if (name === 'LlmContextError' && attempt === 0) {
          budget = Math.floor(budget / 2); // the estimate was off for this tokenizer: halve and retry once
          continue;
        }
        if (name === 'LlmDeviceLostError') this.broken = `the AI interviewer stopped: ${errorMessage(e)}`;
        throw new LlmTurnError(name === 'LlmDeviceLostError' ? this.broken! : `the AI interviewer failed (${errorMessage(e)})`);
      } finally {
        this.opts.onDraft?.({ type: 'end', accepted });
      }
    }
    throw new LlmTurnError('the prompt does not fit the model');
  }

  private generate(messages: ChatMessage[], gen: GenerateOptions): Promise<GenerateResult> {
    let raw = '';
    this.opts.onDraft?.({ type: 'start' });
    const run = this.backend.generate(messages, gen, (piece) => {
      raw += piece;
      this.opts.onDraft?.({ type: 'text', text: cleanModelText(raw) });
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.backend.abort();
        reject(new LlmTurnError(`the AI interviewer took longer than ${Math.round(this.opts.timeoutMs / 1000)} s`));
      }, this.opts.timeoutMs);
    });
    return Promise.race([run, timeout])
      .then((r) => {
        this.opts.onStats?.(r);
        return r;
      })
      .finally(() => clearTimeout(timer));
  }
}

/** A 31-bit sampling seed from the scheduler's per-turn RNG (reproducible for a session seed). */
function seedOf(x: number): number {
  return Math.floor(x * 0x7fffffff);
}

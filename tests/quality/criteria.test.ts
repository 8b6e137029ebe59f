/**
 * The quality criteria themselves: each must fail when its property is broken. A real transcript (the
 * scripted interviewer with a strong and a weak candidate) passes; a copy with one defect injected fails
 * exactly the criterion that checks it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ScriptedEngine } from '../../src/interview/scripted-engine';
import { defaultBank } from '../../src/interview/bank';
import { candidate } from './candidates';
import { contentWords, evaluate, questionPart } from './criteria';
import { runInterview } from './runner';
import { runResult } from './harness';
import type { CriterionId, Transcript, TranscriptTurn } from './types';

let strong: Transcript;
let weak: Transcript;
const clone = (t: Transcript): Transcript => structuredClone(t);
const failing = (t: Transcript): CriterionId[] => evaluate(t).filter((c) => c.applies && !c.pass).map((c) => c.id);
const questionTurn = (t: Transcript, n = 1): TranscriptTurn => t.turns.filter((x) => x.kind === 'question')[n]!;

beforeAll(async () => {
  const engine = new ScriptedEngine(defaultBank, { quoteAnswers: true });
  strong = await runInterview({ engine, candidate: candidate('strong'), planType: 'mixed', seed: 'CRIT' });
  weak = await runInterview({ engine, candidate: candidate('weak'), planType: 'behavioural', seed: 'CRIT' });
});

describe('real transcripts pass', () => {
  it('strong and weak candidates with the scripted interviewer', () => {
    expect(failing(strong)).toEqual([]);
    expect(failing(weak)).toEqual([]);
    expect(weak.turns.filter((t) => t.kind === 'follow-up').length).toBeGreaterThan(5);
  });
});

describe('each criterion fails when its property breaks', () => {
  it('completed: a truncated interview, no closing line', () => {
    const t = clone(strong);
    t.truncated = true;
    t.ended = null;
    t.turns.pop();
    expect(failing(t)).toContain('completed');
  });

  it('no-repeat: the same question twice, and a near-duplicate behind another acknowledgement', () => {
    const t = clone(strong);
    const q = questionTurn(t, 1);
    questionTurn(t, 2).text = q.text;
    expect(failing(t)).toEqual(['no-repeat']);
    const u = clone(strong);
    questionTurn(u, 2).text = `Right, thanks for that. ${questionPart(questionTurn(u, 1).text)}`;
    expect(failing(u)).toEqual(['no-repeat']);
  });

  it('follow-up-refers: a generic follow-up after an answer with content words', () => {
    const t = clone(weak);
    const fu = t.turns.find((x) => x.kind === 'follow-up' && !x.topic)!;
    fu.text = 'Could you elaborate on that situation a little?';
    expect(failing(t)).toEqual(['follow-up-refers']);
  });

  it('follow-up-refers: naming the probed topic counts; an answer with nothing to refer to is not held against it', () => {
    const t = clone(weak);
    const i = t.turns.findIndex((x) => x.kind === 'follow-up');
    t.turns[i] = { ...t.turns[i]!, topic: 'Kafka', text: 'How deep does your Kafka experience go?' };
    t.turns[i - 1]!.answer = 'I used it.';
    expect(failing(t)).toEqual([]);
    t.turns[i] = { ...t.turns[i]!, topic: undefined as unknown as string, text: 'Could you elaborate on that situation a little?' };
    delete t.turns[i]!.topic;
    expect(failing(t)).toEqual([]); // "I used it." has no content word
    expect(contentWords('I used it.').size).toBe(0);
  });

  it('coverage: an item never covered, or covered after the time ran out (strong candidates only)', () => {
    const t = clone(strong);
    t.covered = t.covered.slice(1);
    expect(failing(t)).toEqual(['coverage']);
    const late = clone(strong);
    late.covered[0]!.t = late.plan.totalMinutes * 60_000 + 1;
    expect(failing(late)).toEqual(['coverage']);
    // Informational for a weak candidate: reported, never failing the run.
    const w = runResult(weak);
    const cov = w.criteria.find((c) => c.id === 'coverage')!;
    expect(cov).toMatchObject({ applies: false, pass: false });
    expect(w.pass).toBe(true);
  });

  it('phases-in-order: a phase going back, a line in the wrong phase', () => {
    const t = clone(strong);
    t.phases.splice(2, 0, { ...t.phases[0]!, seq: t.phases[1]!.seq + 1 });
    expect(failing(t)).toContain('phases-in-order');
    const u = clone(strong);
    questionTurn(u, 0).phaseIndex = u.plan.phases.length - 1;
    expect(failing(u)).toContain('phases-in-order');
  });

  it('no-leak: a model answer, or code', () => {
    const t = clone(strong);
    questionTurn(t).text = 'A good answer would be to mention caching. How would you speed it up?';
    expect(failing(t)).toEqual(['no-leak']);
    const u = clone(strong);
    questionTurn(u).text = 'Consider this: const seen = new Set(); What does it do?';
    expect(failing(u)).toEqual(['no-leak']);
  });

  it('no-meta: role tags, speaker labels, "As an AI" and notes', () => {
    for (const text of [
      '<|im_start|>assistant What did you build?',
      'Interviewer: What did you build?',
      'As an AI language model, I will ask you this. What did you build?',
      'What did you build? (Note: this probes ownership.)',
    ]) {
      const t = clone(strong);
      questionTurn(t).text = text;
      expect(failing(t), text).toContain('no-meta');
    }
  });

  it('attributed: a line by another engine, or a fallback without a reason', () => {
    const t = clone(strong);
    questionTurn(t).engine = 'mystery';
    expect(failing(t)).toEqual(['attributed']);
    const u = clone(strong);
    u.engine = 'webllm:llama';
    for (const x of u.turns) if (x.kind !== 'closing' && x.problemId === undefined) x.fallbackReason = 'the AI interviewer took longer than 45 s';
    expect(failing(u)).toEqual([]);
    delete questionTurn(u).fallbackReason;
    expect(failing(u)).toEqual(['attributed']);
  });
});

describe('helpers', () => {
  it('questionPart: the last sentence with a question mark, else the last sentence', () => {
    expect(questionPart('Thanks. What did you build? Tell me.')).toBe('What did you build?');
    expect(questionPart("Let's move on. Tell me about a time you failed.")).toBe('Tell me about a time you failed.');
  });

  it('contentWords: 4+ letters, no stopwords, plural folded', () => {
    expect([...contentWords('We migrated the services to Kafka and it was great.')].sort()).toEqual(['kafka', 'migrated', 'service']);
  });
});

/**
 * STAR (Situation, Task, Action, Result) detection by lexical cues from data/star-cues.json.
 * Deliberately simple and transparent: the matched cues are returned so the UI can show why.
 */
import cues from './data/star-cues.json';
import { NOT_AFTER_WORD_CHAR, NOT_BEFORE_WORD_CHAR, normalise, phrasePatternSource } from './text';

export type StarPart = 'situation' | 'task' | 'action' | 'result';
export const STAR_PARTS: readonly StarPart[] = ['situation', 'task', 'action', 'result'];

export interface StarDetection {
  situation: boolean;
  task: boolean;
  action: boolean;
  result: boolean;
  /** Matched cues (lowercase), in cue-list order, deduplicated. */
  cues: Record<StarPart, string[]>;
}

interface StarCueData {
  situation: string[];
  task: string[];
  actionVerbs: string[];
  actionAdverbs: string[];
  result: string[];
  resultUnits: string[];
}

const DATA: StarCueData = cues;

interface Cue {
  cue: string;
  re: RegExp;
}

function compile(phrases: readonly string[]): Cue[] {
  return phrases.map((cue) => ({ cue, re: new RegExp(phrasePatternSource(cue)) }));
}

function matchCues(text: string, cueList: readonly Cue[]): string[] {
  return cueList.filter((c) => c.re.test(text)).map((c) => c.cue);
}

const ADVERBS = DATA.actionAdverbs.map((a) => phrasePatternSource(a)).join('|');

/**
 * Action = a standalone "I" followed by a past-tense verb from the list, optionally with one adverb
 * in between ("I then decided"). "I'd", "I've" and "we" do not count: the point is what *you* did.
 */
const ACTION_CUES: readonly Cue[] = DATA.actionVerbs.map((verb) => ({
  cue: `i ${verb}`,
  re: new RegExp(`${NOT_AFTER_WORD_CHAR}(?<!')i\\s+(?:(?:${ADVERBS})\\s+)?${phrasePatternSource(verb)}`),
}));
const SITUATION_CUES = compile(DATA.situation);
const TASK_CUES = compile(DATA.task);
const RESULT_CUES = compile(DATA.result);

const UNIT_ALTERNATION = [...DATA.resultUnits]
  .sort((a, b) => b.length - a.length)
  .map((u) => u.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  .join('|');
const NUMBER_WITH_UNIT = new RegExp(
  `${NOT_AFTER_WORD_CHAR}(?<![.,$])\\d+(?:[.,]\\d+)*\\s?(?:${UNIT_ALTERNATION})${NOT_BEFORE_WORD_CHAR}`,
  'g',
);
const MONEY = new RegExp(
  `${NOT_AFTER_WORD_CHAR}\\$\\s?\\d+(?:[.,]\\d+)*(?:\\s?(?:k|m|bn|million|billion|thousand)${NOT_BEFORE_WORD_CHAR})?`,
  'g',
);

/** Quantities that signal a measured result: "200ms", "3x", "10,000 users", "$5k". */
function matchQuantities(text: string): string[] {
  const found = [...text.matchAll(MONEY), ...text.matchAll(NUMBER_WITH_UNIT)]
    .sort((a, b) => a.index - b.index)
    .map((m) => m[0].replace(/\s+/g, ' '));
  return [...new Set(found)];
}

export function detectStar(text: string): StarDetection {
  const t = normalise(text);
  const found: Record<StarPart, string[]> = {
    situation: matchCues(t, SITUATION_CUES),
    task: matchCues(t, TASK_CUES),
    action: matchCues(t, ACTION_CUES),
    result: [...new Set([...matchCues(t, RESULT_CUES), ...matchQuantities(t)])],
  };
  return {
    situation: found.situation.length > 0,
    task: found.task.length > 0,
    action: found.action.length > 0,
    result: found.result.length > 0,
    cues: found,
  };
}

/** Number of STAR parts present (0..4). */
export function starCount(star: StarDetection): number {
  return STAR_PARTS.filter((p) => star[p]).length;
}

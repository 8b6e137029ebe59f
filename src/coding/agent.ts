/**
 * The coding interviewer: introduces a problem, answers clarifying questions from the problem's notes,
 * hands out hints, checks the candidate's complexity analysis, reviews the code with simple rules and
 * scores the round. Pure, deterministic TypeScript (no DOM, no randomness, no model).
 */
import type { Problem, RunResult } from './types';

// ---------------------------------------------------------------------------------------------------
// Introduction
// ---------------------------------------------------------------------------------------------------

/** The first `max` sentences of the statement's first paragraph. */
function leadSentences(statement: string, max: number): string {
  const first = statement.trim().split(/\n\s*\n/)[0] ?? '';
  const flat = first.replace(/\s+/g, ' ').trim();
  const sentences = flat.split(/(?<=[.!?])\s+(?=[A-Z0-9"'(`])/);
  const lead = sentences.slice(0, max).join(' ').trim();
  return lead === '' || /[.!?]$/.test(lead) ? lead : `${lead}.`;
}

/** A friendly, spoken-style introduction of the problem. */
export function introduceProblem(p: Problem): string {
  const params = p.signature.params.map((x) => x.name).join(', ');
  const task = leadSentences(p.statement, 2);
  return [
    `Let's work on "${p.title}".`,
    task,
    `You'll write a function called ${p.signature.name}(${params}) that returns ${p.signature.returns}.`,
    'Before you start coding, take a moment to ask clarifying questions, about the input, edge cases, anything that is unclear.',
    'Talk me through your approach as you go, and run your code as often as you like: the tests are hidden, but you will see which ones fail.',
  ]
    .filter((s) => s !== '')
    .join(' ');
}

// ---------------------------------------------------------------------------------------------------
// Clarifying questions
// ---------------------------------------------------------------------------------------------------

export const NEUTRAL_ANSWER =
  "That's a fair question: make a reasonable assumption, state it out loud and note it in a comment.";
export const APPROACH_ANSWER =
  "I'd rather not steer you toward an approach: that's what I want to see from you. If you're stuck, the Hint button gives a nudge (it lowers your score a little).";
export const EMPTY_QUESTION_ANSWER = 'Go ahead: ask about the input, edge cases or constraints.';

const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but if then else so of to in on at by for with from into about as is are was were be been being ' +
    'do does did doing have has had having i me my we our you your it its this that these those there here what which ' +
    'who whom whose when where why how can could should would will shall may might must not no yes any all each some ' +
    'just also than too very okay ok please thanks thank hi hello question ask wondering want know tell assume ' +
    'get got go going like need able there they them their he she his her us am up out only own same such'
  ).split(' '),
);

/** Words so common in problem statements that a match on them alone is weak evidence. */
const GENERIC: ReadonlySet<string> = new Set([
  'array', 'input', 'number', 'string', 'list', 'value', 'element', 'item', 'function', 'return', 'integer', 'output', 'result', 'given', 'case',
]);

/** Synonyms folded onto one key so "blank" finds a note about "empty". */
const SYNONYMS: Record<string, string> = {
  blank: 'empty', nothing: 'empty', void: 'empty',
  minus: 'negative', duplicate: 'duplicate', repeat: 'duplicate', repeated: 'duplicate', twice: 'duplicate', dupe: 'duplicate',
  order: 'sorted', ordered: 'sorted', sort: 'sorted',
  size: 'length', long: 'length', big: 'length', large: 'length', many: 'length', constraint: 'length', limit: 'length', bound: 'length', max: 'length', maximum: 'length', min: 'length', minimum: 'length', range: 'length',
  uppercase: 'case', lowercase: 'case', capital: 'case', sensitive: 'case',
  undefined: 'null', missing: 'null',
  float: 'decimal', fraction: 'decimal', fractional: 'decimal',
  int: 'integer', integers: 'integer', whole: 'integer',
  arr: 'array', nums: 'array', vector: 'array',
};

function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(?:s|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  return word;
}

/** A note stating a size constraint ("between 0 and 10^4", "n ≤ 1000", "at least two elements") answers size questions. */
const SIZE_CONSTRAINT =
  /\d\s*(?:\^|\*\*|e)\s*\d|\d{3,}|[≤≥]|<=|>=|\bbetween\b|\bat (?:least|most) [\w\s-]{0,25}?\b(?:elements?|items?|characters?|entries|values|numbers|words|nodes|rows|columns|cells|intervals|strings|letters)\b/i;

/** Content-word keys of a text: lowercased, stopwords dropped, stemmed, synonyms folded. */
export function contentTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/[a-z0-9]+/g)) {
    const w = m[0];
    if (STOPWORDS.has(w)) continue;
    const key = SYNONYMS[w] ?? SYNONYMS[stem(w)] ?? stem(w);
    if (!out.includes(key)) out.push(key);
  }
  return out;
}

/** Keys of a note; notes stating a size constraint also answer to 'length'. */
function noteKeys(note: string): Set<string> {
  const keys = new Set(contentTokens(note));
  if (SIZE_CONSTRAINT.test(note)) keys.add('length');
  return keys;
}

/** Weighted keys of a question: 1 per content word, 0.5 for generic words; "empty" also asks about size (0.75). */
function questionWeights(question: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const t of contentTokens(question)) weights.set(t, GENERIC.has(t) ? 0.5 : 1);
  if (weights.has('empty') && !weights.has('length')) weights.set('length', 0.75);
  return weights;
}

/** Lowest note score that answers a question: one specific word, or a size constraint for "empty". */
export const ANSWER_THRESHOLD = 0.75;

const APPROACH_RE = /\b(?:hints?|solutions?|solve|approach|algorithm|optimal|answer to the problem)\b|\bhow (?:do|should|would|can|could) (?:i|we)\b/i;

/**
 * Answers a clarifying question from the problem's notes: the note sharing the most content words with
 * the question wins if its score is at least ANSWER_THRESHOLD (ties go to the earlier note). Each shared
 * word scores 1, generic words such as "array" 0.5, and a word every note contains half as much again; a
 * question about "empty" input also scores 0.75 against notes stating a size constraint ("at least two
 * elements", "0 ≤ n ≤ 40").
 * Otherwise a question about the approach is politely declined, and anything else gets the neutral
 * "make an assumption" answer. Hints and solutions are never revealed: only notes are quoted, and notes
 * identical to a hint are skipped.
 */
export function answerClarifyingQuestion(p: Problem, question: string): string {
  if (question.trim() === '') return EMPTY_QUESTION_ANSWER;
  const q = questionWeights(question);
  const hintKeys = new Set(p.hints.map((h) => h.trim().toLowerCase()));
  // Never quote a note that gives away the expected complexity or the approach (the complexity question comes later).
  const revealing = /\bO\s*\(|\btarget\b|\bcomplexity\b/i;
  const notes = p.notes.filter((n) => n.trim() !== '' && !hintKeys.has(n.trim().toLowerCase()) && !revealing.test(n));
  const keys = notes.map(noteKeys);
  let best = -1;
  let bestScore = 0;
  keys.forEach((noteKeySet, i) => {
    let score = 0;
    for (const [t, weight] of q) {
      if (!noteKeySet.has(t)) continue;
      score += notes.length > 1 && keys.every((k) => k.has(t)) ? weight / 2 : weight;
    }
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  });
  const note = notes[best];
  if (note !== undefined && bestScore >= ANSWER_THRESHOLD) return `Good question. ${note.trim()}`;
  return APPROACH_RE.test(question) ? APPROACH_ANSWER : NEUTRAL_ANSWER;
}

// ---------------------------------------------------------------------------------------------------
// Hints
// ---------------------------------------------------------------------------------------------------

export const MAX_HINTS = 3;

/**
 * Score cost of each hint, on the 0–5 scale: the first (a nudge) costs 0.25, the second (an approach)
 * 0.5, the third (nearly the solution) 1. Cumulative: 0, 0.25, 0.75, 1.75.
 */
export const HINT_COSTS: readonly [number, number, number] = [0.25, 0.5, 1];

function clampHints(used: number): number {
  return Number.isFinite(used) ? Math.min(MAX_HINTS, Math.max(0, Math.floor(used))) : 0;
}

/** The next hint after `used` hints were shown, or null when all three are used. */
export function nextHint(p: Problem, used: number): { text: string; level: 1 | 2 | 3 } | null {
  const n = clampHints(used);
  const text = p.hints[n as 0 | 1 | 2];
  if (n >= MAX_HINTS || text === undefined) return null;
  return { text, level: (n + 1) as 1 | 2 | 3 };
}

/** How many hints remain. */
export function hintsLeft(used: number): number {
  return MAX_HINTS - clampHints(used);
}

/** Total points deducted (0–5 scale) after `used` hints: the sum of HINT_COSTS for the hints taken. */
export function hintPenalty(used: number): number {
  return HINT_COSTS.slice(0, clampHints(used)).reduce((a, b) => a + b, 0);
}

// ---------------------------------------------------------------------------------------------------
// Complexity
// ---------------------------------------------------------------------------------------------------

export function complexityQuestion(): string {
  return "What's the time and space complexity of your solution? Walk me through why.";
}

/** A product of factors ('n' → exponent, 'log(n)' → exponent, '2^n' → 1…). */
type Monomial = Map<string, number>;
/** A sum of monomials (coefficients are irrelevant in big-O and dropped). */
type Poly = Monomial[];

const CONSTANT: Poly = [new Map()];

function mul(a: Poly, b: Poly): Poly {
  const out: Poly = [];
  for (const x of a) {
    for (const y of b) {
      const m = new Map(x);
      for (const [f, e] of y) m.set(f, (m.get(f) ?? 0) + e);
      out.push(m);
    }
  }
  return out;
}

function isConstant(p: Poly): boolean {
  return p.every((m) => [...m.values()].every((e) => e === 0));
}

const isVar = (f: string): boolean => /^[a-z]+$/.test(f);
const VAR_ORDER = (f: string): number => (isVar(f) ? 0 : f.startsWith('log') ? 1 : 2);

function formatMonomial(m: Monomial): string {
  const fs = [...m.entries()].filter(([, e]) => e !== 0).sort(([a], [b]) => VAR_ORDER(a) - VAR_ORDER(b) || a.localeCompare(b));
  if (fs.length === 0) return '1';
  let out = '';
  let prevVar = false;
  for (const [f, e] of fs) {
    const plain = isVar(f);
    let s: string;
    if (plain && e === 0.5) s = `sqrt(${f})`;
    else if (e === 1) s = f;
    else s = plain || /^(?:min|max)\(/.test(f) ? `${f}^${e}` : `(${f})^${e}`;
    if (out !== '') out += plain && prevVar ? '*' : ' ';
    out += s;
    prevVar = plain && e !== 0.5;
  }
  return out;
}

/** True when monomial `a` grows no faster than `b` (so a + b ≡ b). */
function dominated(a: Monomial, b: Monomial): boolean {
  for (const [f, e] of a) {
    if (e <= 0) continue;
    if ((b.get(f) ?? 0) >= e) continue;
    const log = /^log ([a-z]+)$/.exec(f);
    if (log && (b.get(log[1] ?? '') ?? 0) > 0 && (a.get(log[1] ?? '') ?? 0) < (b.get(log[1] ?? '') ?? 0)) continue;
    return false;
  }
  return true;
}

/** Canonical text of a polynomial: constants and dominated terms dropped, terms sorted. */
function canonical(p: Poly): string {
  const terms = p.map((m) => new Map([...m].filter(([, e]) => e !== 0)));
  const unique: Monomial[] = [];
  for (const t of terms) if (!unique.some((u) => formatMonomial(u) === formatMonomial(t))) unique.push(t);
  const kept = unique.filter((t, i) => !unique.some((u, j) => j !== i && dominated(t, u) && !dominated(u, t)));
  const parts = kept.map(formatMonomial).filter((s) => s !== '1');
  return parts.length === 0 ? '1' : [...new Set(parts)].sort().join(' + ');
}

type Tok = { t: 'num'; v: number } | { t: 'var'; v: string } | { t: 'fn'; v: 'log' | 'sqrt' | 'min' | 'max' } | { t: 'op'; v: string };

function tokenizeExpr(src: string): Tok[] | null {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i] ?? '';
    const rest = src.slice(i);
    if (/\s/.test(ch) || ch === '_') {
      i++;
      continue;
    }
    const num = /^\d+(?:\.\d+)?/.exec(rest);
    if (num) {
      toks.push({ t: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    if ('+-*/^()!,'.includes(ch)) {
      toks.push({ t: 'op', v: ch });
      i++;
      continue;
    }
    const fn = /^(log|lg|ln|sqrt|min|max)(?:_?\d+(?=[a-z(\s]))?/.exec(rest);
    if (fn) {
      const name = fn[1] === 'lg' || fn[1] === 'ln' ? 'log' : (fn[1] as 'log' | 'sqrt' | 'min' | 'max');
      toks.push({ t: 'fn', v: name });
      i += fn[0].length;
      continue;
    }
    const run = /^[a-z]+/.exec(rest)?.[0];
    if (run) {
      // "nlogn" → n log n: a run of letters stops where a function name starts.
      const cut = run.slice(1).search(/log|sqrt|min|max/);
      const piece = cut < 0 ? run : run.slice(0, cut + 1);
      // "mn" is m × n; a longer word ("amount", "capacity") is one variable.
      if (piece.length <= 2) for (const c of piece) toks.push({ t: 'var', v: c });
      else toks.push({ t: 'var', v: piece });
      i += piece.length;
      continue;
    }
    return null;
  }
  return toks;
}

/** Recursive-descent parser for big-O bodies: sums, (implicit) products, powers, log, sqrt, factorial. */
function parsePoly(src: string): Poly | null {
  const toks = tokenizeExpr(src);
  if (!toks || toks.length === 0) return null;
  let pos = 0;
  const peek = (): Tok | undefined => toks[pos];
  const isOp = (v: string): boolean => {
    const t = peek();
    return t !== undefined && t.t === 'op' && t.v === v;
  };
  const startsAtom = (): boolean => {
    const t = peek();
    return t !== undefined && (t.t !== 'op' || t.v === '(');
  };

  function expr(): Poly {
    let acc = term();
    while (isOp('+') || isOp('-')) {
      pos++;
      acc = [...acc, ...term()];
    }
    return acc;
  }
  function term(): Poly {
    let acc = power();
    for (;;) {
      if (isOp('*')) {
        pos++;
        acc = mul(acc, power());
      } else if (isOp('/')) {
        pos++;
        const d = power();
        if (d.length === 1 && d[0]) acc = mul(acc, [new Map([...d[0]].map(([f, e]) => [f, -e] as [string, number]))]);
      } else if (startsAtom()) acc = mul(acc, power());
      else return acc;
    }
  }
  function power(): Poly {
    const base = postfix();
    if (!isOp('^')) return base;
    pos++;
    const expTok = peek();
    const exp = expTok?.t === 'num' ? (pos++, expTok.v) : null;
    const expPoly = exp === null ? postfix() : null;
    if (exp !== null) {
      if (base.length === 1 && base[0]) return [new Map([...base[0]].map(([f, e]) => [f, e * exp] as [string, number]))];
      let out: Poly = CONSTANT;
      for (let k = 0; k < Math.min(exp, 4); k++) out = mul(out, base);
      return out;
    }
    // A variable exponent: 2^n, n^n…
    const key = `${isConstant(base) ? '2' : `(${canonical(base)})`}^${canonical(expPoly ?? CONSTANT)}`;
    return [new Map([[key, 1]])];
  }
  function postfix(): Poly {
    const a = atom();
    if (isOp('!')) {
      pos++;
      return [new Map([[`${canonical(a)}!`, 1]])];
    }
    return a;
  }
  function atom(): Poly {
    const t = peek();
    if (t === undefined) throw new Error('end');
    pos++;
    if (t.t === 'num') return CONSTANT;
    if (t.t === 'var') return [new Map([[t.v, 1]])];
    if (t.t === 'fn') {
      if (t.v === 'min' || t.v === 'max') {
        if (!isOp('(')) throw new Error('min/max without arguments');
        pos++;
        const args = [canonical(expr())];
        while (isOp(',')) {
          pos++;
          args.push(canonical(expr()));
        }
        if (!isOp(')')) throw new Error('paren');
        pos++;
        const unique = [...new Set(args)].sort();
        return unique.length === 1 ? (parsePoly(unique[0] ?? '1') ?? CONSTANT) : [new Map([[`${t.v}(${unique.join(', ')})`, 1]])];
      }
      const arg = atom();
      if (t.v === 'sqrt') return arg.length === 1 && arg[0] ? [new Map([...arg[0]].map(([f, e]) => [f, e / 2] as [string, number]))] : arg;
      if (isConstant(arg)) return CONSTANT;
      const single = arg.length === 1 && arg[0] && arg[0].size === 1 ? [...arg[0].keys()][0] : undefined;
      return [new Map([[single !== undefined && /^[a-z]+$/.test(single) ? `log ${single}` : `log(${canonical(arg)})`, 1]])];
    }
    if (t.v === '(') {
      const inner = expr();
      if (!isOp(')')) throw new Error('paren');
      pos++;
      return inner;
    }
    throw new Error(`unexpected ${t.v}`);
  }

  try {
    const p = expr();
    return pos === toks.length ? p : null;
  } catch {
    return null;
  }
}

/** Spoken words inside a big-O body turned into symbols ("n squared" → "n^2", "m times n" → "m*n"). */
function wordsToSymbols(s: string): string {
  return s
    .replace(/²/g, '^2')
    .replace(/³/g, '^3')
    .replace(/\*\*/g, '^')
    .replace(/[×·⋅∙]/g, '*')
    .replace(/√/g, 'sqrt ')
    .replace(/\bsquare root of\b/g, 'sqrt ')
    .replace(/\blog of\b/g, 'log ')
    .replace(/\bsquared\b/g, '^2')
    .replace(/\bcubed\b/g, '^3')
    .replace(/\bto the (?:power of )?/g, '^')
    .replace(/\b(?:times|by)\b/g, '*')
    .replace(/(?<=[a-z0-9)]\s*)\bx\b(?=\s*[a-z0-9(])/g, '*')
    .replace(/\bplus\b/g, '+')
    .replace(/\bover\b/g, '/')
    .replace(/\b(?:one|constant)\b/g, '1')
    .replace(/\btwo\b/g, '2')
    .replace(/\bfactorial\b/g, '!');
}

/** Canonical form of a big-O body such as "n log n" or "m*n"; null when it can't be read. */
export function canonicalComplexity(body: string): string | null {
  const poly = parsePoly(wordsToSymbols(body.toLowerCase()));
  return poly === null ? null : canonical(poly);
}

/** A complexity stated in the text, with where it was found. */
interface Mention {
  kind: 'M';
  start: number;
  end: number;
  canon: string;
}
interface Label {
  kind: 'T' | 'S';
  start: number;
  end: number;
}

/** Words describing a complexity class, outside O(…). Earlier alternatives win at the same position. */
const WORD_FORMS: [RegExp, string | null][] = [
  [/^(?:linearithmic|log[\s-]?linear|quasi[\s-]?linear)\b/, 'n log n'],
  [/^[nmk]\s*\*?\s*log\s*\(?\s*[nmk]\s*\)?(?![a-z0-9])/, null],
  [/^[nmk]\s*(?:\^|\*\*)\s*\d(?![a-z0-9])/, null],
  [/^[nmk][²³](?![a-z0-9])/, null],
  [/^[nmk]\s+(?:squared|cubed)\b/, null],
  [/^[nmk]\s*(?:\*|×|\bx\b|\btimes\b|\bby\b)\s*[nmk](?![a-z0-9])/, null],
  [/^log\s*\(?\s*[nmk]\s*\)?(?![a-z0-9])/, null],
  [/^(?:square root of|sqrt)\s*\(?\s*n\s*\)?(?![a-z0-9])/, null],
  [/^constant\b/, '1'],
  [/^logarithmic\b/, 'log n'],
  [/^linear\b/, 'n'],
  [/^quadratic\b/, 'n^2'],
  [/^cubic\b/, 'n^3'],
  [/^exponential\b/, '2^n'],
  [/^factorial\b/, 'n!'],
];

function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
}

/** Every complexity stated in `lower` (already lowercased): O(…), "o of …" and words such as "linear". */
function findMentions(lower: string): Mention[] {
  const mentions: Mention[] = [];
  let text = lower;
  // O(…), Θ(…), Ω(…), big O(…), with nested parentheses.
  for (const m of lower.matchAll(/(?<![a-z0-9_])(?:big[\s-]*)?[oθω]\s*\(/g)) {
    const open = m.index + m[0].length - 1;
    let depth = 0;
    let close = -1;
    for (let i = open; i < lower.length; i++) {
      if (lower[i] === '(') depth++;
      else if (lower[i] === ')' && --depth === 0) {
        close = i;
        break;
      }
    }
    if (close < 0) continue;
    const canon = canonicalComplexity(lower.slice(open + 1, close));
    if (canon !== null) mentions.push({ kind: 'M', start: m.index, end: close + 1, canon });
    text = blank(text, m.index, close + 1);
  }
  // Spoken: "o of n log n", "big o of one".
  const stop = /^(?:time|space|memory|and|for|because|since|with|in|runtime|extra|auxiliary|additional|where|as|but|which|overall|complexity|worst|average|best|on|is|it|if|so|then)$/;
  for (const m of text.matchAll(/(?<![a-z0-9_])(?:big\s+)?o\s+of\s+/g)) {
    const after = text.slice(m.index + m[0].length);
    const words: string[] = [];
    let len = 0;
    for (const w of after.matchAll(/[^\s,.;:!?)]+|\s+|[,.;:!?)]/g)) {
      if (/^[,.;:!?)]$/.test(w[0]) || stop.test(w[0])) break;
      words.push(w[0]);
      len += w[0].length;
    }
    const body = words.join('').trim();
    const canon = body === '' ? null : canonicalComplexity(body);
    const end = m.index + m[0].length + len;
    if (canon !== null) mentions.push({ kind: 'M', start: m.index, end, canon });
    text = blank(text, m.index, end);
  }
  // Words and bare expressions, outside what was already read.
  let i = 0;
  while (i < text.length) {
    if (i > 0 && /[a-z0-9_]/.test(text[i - 1] ?? '')) {
      i++;
      continue;
    }
    const rest = text.slice(i);
    let matched = false;
    for (const [re, canon] of WORD_FORMS) {
      const m = re.exec(rest);
      if (!m) continue;
      const c = canon ?? canonicalComplexity(m[0]);
      if (c === null) continue;
      mentions.push({ kind: 'M', start: i, end: i + m[0].length, canon: c });
      i += m[0].length;
      matched = true;
      break;
    }
    if (!matched) i++;
  }
  return mentions.sort((a, b) => a.start - b.start);
}

function findLabels(lower: string): Label[] {
  const labels: Label[] = [];
  for (const m of lower.matchAll(/\b(?:run[\s-]?time|time|runs in)\b/g)) {
    if (/\b(?:each|every|one|a|at|same|first|any|some|this|that|next|per|long|little|more|less|much)\s+$/.test(lower.slice(0, m.index))) continue;
    labels.push({ kind: 'T', start: m.index, end: m.index + m[0].length });
  }
  for (const m of lower.matchAll(/\b(?:space|memory|storage)\b/g)) labels.push({ kind: 'S', start: m.index, end: m.index + m[0].length });
  return labels;
}

const POSTFIX_GAP = /^[\s-]*(?:(?:extra|auxiliary|additional|in|of|for|the|complexity|overall|total|worst|average|case|both)[\s-]*)*$/;
const PAIR_GAP = /^\s*(?:and|&|\/|,|or)\s*$/;

/**
 * Reads the time and space complexity stated in free text. Each mention is tied to the label right after
 * it ("O(n) time", "constant extra space") or else to the unused label right before it ("time is O(n)",
 * "space: O(1)"); "time and space" pairs take both. Unlabelled mentions fill time first, then space.
 */
export function parseComplexityAnswer(answer: string): { time: string | null; space: string | null } {
  const lower = answer.toLowerCase();
  const items: (Mention | Label)[] = [...findMentions(lower), ...findLabels(lower)].sort((a, b) => a.start - b.start);
  const consumed = new Set<Label>();
  let time: string | null = null;
  let space: string | null = null;
  const unassigned: string[] = [];
  const gap = (a: { end: number }, b: { start: number }): string => lower.slice(a.end, b.start);
  const assign = (kind: 'T' | 'S', canon: string): void => {
    if (kind === 'T') time ??= canon;
    else space ??= canon;
  };
  items.forEach((item, i) => {
    if (item.kind !== 'M') return;
    const targets: Label[] = [];
    const next = items[i + 1];
    const prev = items[i - 1];
    if (next && next.kind !== 'M' && POSTFIX_GAP.test(gap(item, next))) {
      targets.push(next);
      const after = items[i + 2];
      if (after && after.kind !== 'M' && after.kind !== next.kind && PAIR_GAP.test(gap(next, after))) targets.push(after);
    } else if (prev && prev.kind !== 'M' && !consumed.has(prev)) {
      targets.push(prev);
      const before = items[i - 2];
      if (before && before.kind !== 'M' && before.kind !== prev.kind && !consumed.has(before) && PAIR_GAP.test(gap(before, prev))) targets.push(before);
    }
    for (const t of targets) {
      consumed.add(t);
      assign(t.kind, item.canon);
    }
    if (targets.length === 0) unassigned.push(item.canon);
  });
  for (const c of unassigned) {
    if (time === null) time = c;
    else if (space === null) space = c;
  }
  return { time, space };
}

/** "O(n log n)" for display. */
export function formatBigO(canon: string): string {
  return `O(${canon})`;
}

/** Canonical form of an expected complexity such as "O(n log n)". */
function expectedCanon(expected: string): string {
  const fromText = parseComplexityAnswer(expected).time;
  return fromText ?? canonicalComplexity(expected) ?? expected.replace(/\s+/g, '').toLowerCase();
}

export type ComplexityVerdict = 'correct' | 'incorrect' | 'missing';

export interface ComplexityCheck {
  time: ComplexityVerdict;
  space: ComplexityVerdict;
  feedback: string;
}

/** Compares the candidate's stated time and space complexity with the expected ones. */
export function checkComplexity(expected: { time: string; space: string }, answer: string): ComplexityCheck {
  const stated = parseComplexityAnswer(answer);
  const want = { time: expectedCanon(expected.time), space: expectedCanon(expected.space) };
  const verdict = (got: string | null, exp: string): ComplexityVerdict => (got === null ? 'missing' : got === exp ? 'correct' : 'incorrect');
  const time = verdict(stated.time, want.time);
  const space = verdict(stated.space, want.space);
  const line = (what: 'Time' | 'Space', v: ComplexityVerdict, got: string | null, exp: string): string => {
    if (v === 'correct') return `${what}: ${formatBigO(exp)} is right.`;
    if (v === 'missing') return `${what}: you didn't say; it is ${formatBigO(exp)}.`;
    return `${what}: you said ${formatBigO(got ?? '')}, but this problem can be solved in ${formatBigO(exp)}.`;
  };
  const feedback =
    time === 'correct' && space === 'correct'
      ? `Both right: ${formatBigO(want.time)} time and ${formatBigO(want.space)} space.`
      : `${line('Time', time, stated.time, want.time)} ${line('Space', space, stated.space, want.space)}`;
  return { time, space, feedback };
}

/**
 * Polynomial degree of a complexity: O(n) → 1, O(n log n) → 1, O(m*n) → 2, O(2^n) → Infinity.
 * Logarithms count 0, min(…)/max(…) 1; null when it can't be read.
 */
export function complexityDegree(expected: string): number | null {
  const canon = expectedCanon(expected);
  const poly = parsePoly(wordsToSymbols(canon));
  if (poly === null) return null;
  let max = 0;
  for (const m of poly) {
    let d = 0;
    for (const [f, e] of m) {
      if (isVar(f) || /^(?:min|max)\(/.test(f)) d += e;
      else if (!f.startsWith('log')) d = Infinity;
    }
    max = Math.max(max, d);
  }
  return max;
}

// ---------------------------------------------------------------------------------------------------
// Code review
// ---------------------------------------------------------------------------------------------------

/** Comments and string contents replaced by spaces (newlines kept), template `${…}` code kept. */
export function stripCommentsAndStrings(code: string): string {
  let out = '';
  let mode: 'code' | 'line' | 'block' | 'sq' | 'dq' | 'tpl' = 'code';
  const braces: number[] = [];
  for (let i = 0; i < code.length; i++) {
    const ch = code[i] ?? '';
    const next = code[i + 1] ?? '';
    const keep = (s: string): void => void (out += s);
    const hide = (s: string): void => void (out += s.replace(/[^\n]/g, ' '));
    switch (mode) {
      case 'code':
        if (ch === '/' && next === '/') {
          mode = 'line';
          hide('//');
          i++;
        } else if (ch === '/' && next === '*') {
          mode = 'block';
          hide('/*');
          i++;
        } else if (ch === "'" || ch === '"' || ch === '`') {
          mode = ch === "'" ? 'sq' : ch === '"' ? 'dq' : 'tpl';
          keep(ch);
        } else {
          const top = braces.length - 1;
          if (top >= 0 && ch === '{') braces[top] = (braces[top] ?? 0) + 1;
          if (top >= 0 && ch === '}') {
            if (braces[top] === 0) {
              braces.pop();
              mode = 'tpl';
            } else braces[top] = (braces[top] ?? 1) - 1;
          }
          keep(ch);
        }
        break;
      case 'line':
        if (ch === '\n') {
          mode = 'code';
          keep(ch);
        } else hide(ch);
        break;
      case 'block':
        if (ch === '*' && next === '/') {
          mode = 'code';
          hide('*/');
          i++;
        } else hide(ch);
        break;
      case 'sq':
      case 'dq':
        if (ch === '\\') {
          hide(ch + next);
          i++;
        } else if ((mode === 'sq' && ch === "'") || (mode === 'dq' && ch === '"') || ch === '\n') {
          mode = 'code';
          keep(ch);
        } else hide(ch);
        break;
      case 'tpl':
        if (ch === '\\') {
          hide(ch + next);
          i++;
        } else if (ch === '`') {
          mode = 'code';
          keep(ch);
        } else if (ch === '$' && next === '{') {
          braces.push(0);
          mode = 'code';
          keep('${');
          i++;
        } else hide(ch);
        break;
    }
  }
  return out;
}

function lineOf(code: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < code.length; i++) if (code[i] === '\n') line++;
  return line;
}

/** Index of the bracket matching the one at `open` ('(' or '{'), or the end of the code. */
function matching(code: string, open: number): number {
  const o = code[open];
  const c = o === '(' ? ')' : o === '[' ? ']' : '}';
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if (code[i] === o) depth++;
    else if (code[i] === c && --depth === 0) return i;
  }
  return code.length;
}

/** End of a single statement starting at `from`: the first ';' at depth 0, or where a closing bracket ends it. */
function statementEnd(code: string, from: number): number {
  let depth = 0;
  for (let i = from; i < code.length; i++) {
    const ch = code[i];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      depth--;
      if (depth <= 0 && ch === '}') return i;
      if (depth < 0) return i;
    } else if (ch === ';' && depth === 0) return i;
  }
  return code.length;
}

interface Loop {
  start: number;
  bodyStart: number;
  bodyEnd: number;
}

const LOOP_RE = /\b(for|while)\s*\(|\bdo\s*\{|\.(?:forEach|map|filter|reduce|some|every|find|findIndex|flatMap)\s*\(/g;

/** Loops over data: for/while/do and array iteration methods. `for` loops with a literal bound (j < 26) are skipped. */
function findLoops(code: string): Loop[] {
  const loops: Loop[] = [];
  for (const m of code.matchAll(LOOP_RE)) {
    const open = m.index + m[0].length - 1;
    if (m[0].startsWith('do')) {
      loops.push({ start: m.index, bodyStart: open, bodyEnd: matching(code, open) });
      continue;
    }
    const close = matching(code, open);
    if (m[0].startsWith('.')) {
      loops.push({ start: m.index, bodyStart: open, bodyEnd: close });
      continue;
    }
    if (m[1] === 'for' && /<=?\s*\d+\s*;/.test(code.slice(open, close))) continue;
    let b = close + 1;
    while (b < code.length && /\s/.test(code[b] ?? '')) b++;
    if (code[b] === ';') continue; // do { } while (…);  or an empty loop
    const bodyEnd = code[b] === '{' ? matching(code, b) : statementEnd(code, b);
    loops.push({ start: m.index, bodyStart: b, bodyEnd });
  }
  return loops;
}

/** The most deeply nested loop and its depth (1 = not nested), or null when there is no loop. */
function deepestLoop(code: string): { loop: Loop; depth: number } | null {
  const loops = findLoops(code);
  let best: { loop: Loop; depth: number } | null = null;
  for (const inner of loops) {
    const depth = 1 + loops.filter((outer) => outer !== inner && inner.start >= outer.bodyStart && inner.start < outer.bodyEnd).length;
    if (!best || depth > best.depth) best = { loop: inner, depth };
  }
  return best;
}

interface Declaration {
  name: string;
  index: number;
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

function bindingNames(pattern: string): string[] {
  if (IDENT.test(pattern)) return [pattern];
  const inner = pattern.slice(1, -1);
  return inner
    .split(',')
    .map((piece) => {
      let s = piece.split('=')[0] ?? '';
      if (pattern.startsWith('{') && s.includes(':')) s = s.slice(s.indexOf(':') + 1);
      return s.replace('...', '').trim();
    })
    .filter((s) => IDENT.test(s));
}

/** Names declared with let/const/var (simple names and one level of destructuring). */
export function findDeclarations(code: string): Declaration[] {
  const out: Declaration[] = [];
  for (const m of code.matchAll(/\b(?:let|const|var)\s+([A-Za-z_$][\w$]*|\{[^{}]*\}|\[[^[\]]*\])/g)) {
    const pattern = m[1] ?? '';
    const patternStart = m.index + m[0].length - pattern.length;
    for (const name of bindingNames(pattern)) {
      const at = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`).exec(pattern);
      out.push({ name, index: patternStart + (at?.index ?? 0) });
    }
  }
  return out;
}

/** Declared names never read afterwards (assignments `x = …` are not reads; property names `.x` don't count). */
export function findUnusedVariables(code: string, ignore: readonly string[] = []): string[] {
  const unused: string[] = [];
  for (const d of findDeclarations(code)) {
    if (d.name.startsWith('_') || ignore.includes(d.name) || unused.includes(d.name)) continue;
    const re = new RegExp(`(?<![\\w$])${d.name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
    let reads = 0;
    for (const m of code.matchAll(re)) {
      if (m.index === d.index) continue;
      const before = code.slice(Math.max(0, m.index - 3), m.index);
      if (before.endsWith('.') && !before.endsWith('...')) continue;
      if (/^\s*=(?![=>])/.test(code.slice(m.index + d.name.length))) continue;
      reads++;
    }
    if (reads === 0) unused.push(d.name);
  }
  return unused;
}

/** Single-letter names that are fine (loop counters, sizes, coordinates, comparator arguments). */
export const OK_SHORT_NAMES: ReadonlySet<string> = new Set(['i', 'j', 'k', 'n', 'm', 'x', 'y', 'a', 'b']);
const VAGUE_NAMES: ReadonlySet<string> = new Set([
  'temp', 'tmp', 'data', 'foo', 'bar', 'baz', 'qux', 'stuff', 'thing', 'things', 'dummy', 'asdf', 'blah', 'whatever', 'myvar', 'variable', 'var',
]);

/** Declared names that say nothing: single letters outside OK_SHORT_NAMES, and vague names like temp/data/foo. */
export function findPoorNames(code: string): string[] {
  const names: string[] = [];
  const declared = [
    ...findDeclarations(code).map((d) => d.name),
    ...[...code.matchAll(/\bfunction\s+([A-Za-z_$][\w$]*)/g)].map((m) => m[1] ?? ''),
  ];
  for (const name of declared) {
    if (name === '' || name === '_' || names.includes(name)) continue;
    const poor = name.length === 1 ? !OK_SHORT_NAMES.has(name) : VAGUE_NAMES.has(name.toLowerCase().replace(/\d+$/, ''));
    if (poor) names.push(name);
  }
  return names;
}

/** The longest function (declaration, expression or arrow with a block body): its length in lines. */
export function longestFunction(code: string): { lines: number; line: number } | null {
  let best: { lines: number; line: number } | null = null;
  for (const m of code.matchAll(/\bfunction\b[^{;]*\{|=>\s*\{/g)) {
    const open = m.index + m[0].length - 1;
    const close = matching(code, open);
    const startLine = lineOf(code, m.index);
    const lines = lineOf(code, close) - startLine + 1;
    if (!best || lines > best.lines) best = { lines, line: startLine };
  }
  return best;
}

export const LONG_FUNCTION_LINES = 60;

/** Points deducted from 5 by each review finding (code quality only; tests are scored by codingScore). */
export const REVIEW_DEDUCTIONS = {
  nestedLoops: 1.5,
  unusedVariables: 0.5,
  poorNames: 0.5,
  longFunction: 1,
  consoleLog: 0.5,
} as const;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Rule-based review. `score` (0–5) is code quality only: 5 minus REVIEW_DEDUCTIONS for each finding
 * (loops nested deeper than the expected time allows: two levels when it is below O(n²), three when it
 * is O(n²); unused variables, poor names, a function over
 * 60 lines, leftover console.log); 0 when nothing was written beyond the starter. `points` also reports
 * the last run: compile errors, the edge cases of failing tests (from the tests' notes), or praise.
 */
export function reviewCode(code: string, p: Problem, lastRun: RunResult | null): { points: string[]; score: number } {
  const points: string[] = [];
  const trimmed = code.trim();
  const stripped = stripCommentsAndStrings(code);
  if (trimmed === '' || trimmed === p.starter.js.trim() || trimmed === p.starter.ts.trim() || stripped.trim() === '') {
    return { points: ['No solution was written beyond the starter code.'], score: 0 };
  }
  let score = 5;

  // Test results first: they matter most to the candidate.
  if (lastRun === null) {
    points.push("You didn't run your code before submitting: running it against the tests catches mistakes early.");
  } else if (lastRun.compileError) {
    const at = lastRun.compileError.line !== undefined ? ` (line ${lastRun.compileError.line})` : '';
    points.push(`The code didn't compile${at}: ${lastRun.compileError.message}`);
  } else {
    if (lastRun.fatal) points.push(`The run stopped: ${lastRun.fatal}`);
    const failed = lastRun.results.filter((r) => !r.passed);
    const notes = [...new Set(failed.map((r) => p.tests[r.index]?.note?.trim() ?? '').filter((n) => n !== ''))];
    const withoutNote = failed.filter((r) => !(p.tests[r.index]?.note?.trim())).length;
    if (notes.length > 0) {
      points.push(`Your code failed on: ${notes.join(', ')}${withoutNote > 0 ? ` (and ${plural(withoutNote, 'other test')})` : ''}.`);
    } else if (failed.length > 0) {
      points.push(`${plural(failed.length, 'hidden test')} failed.`);
    }
    if (failed.some((r) => /time limit|timed out|timeout/i.test(r.error ?? ''))) {
      points.push('At least one test hit the time limit: look for an infinite loop or a slower-than-needed approach.');
    }
    if (lastRun.ok && lastRun.total > 0 && lastRun.passed === lastRun.total) {
      points.push(`All ${lastRun.total} tests pass. Nice work.`);
    }
  }

  // Loops nested deeper than the expected complexity's degree: two levels when O(n) or O(n log n) is
  // expected, three when O(n^2) is.
  const degree = complexityDegree(p.complexity.time);
  const deepest = deepestLoop(stripped);
  if (deepest && deepest.depth >= 2 && degree !== null && deepest.depth > degree) {
    score -= REVIEW_DEDUCTIONS.nestedLoops;
    const what = deepest.depth === 2 ? 'Nested loops' : `${deepest.depth} levels of nested loops`;
    points.push(
      `${what} (line ${lineOf(stripped, deepest.loop.start)}) make this about O(n^${deepest.depth}), but the problem can be solved in ${p.complexity.time}. Could a different data structure remove the inner loop?`,
    );
  }
  const unused = findUnusedVariables(stripped, [p.signature.name]);
  if (unused.length > 0) {
    score -= REVIEW_DEDUCTIONS.unusedVariables;
    points.push(`Unused ${unused.length === 1 ? 'variable' : 'variables'}: ${unused.join(', ')}. Remove ${unused.length === 1 ? 'it' : 'them'} to keep the code clear.`);
  }
  const poor = findPoorNames(stripped);
  if (poor.length > 0) {
    score -= REVIEW_DEDUCTIONS.poorNames;
    points.push(`Naming: ${poor.join(', ')} ${poor.length === 1 ? "doesn't" : "don't"} say what ${poor.length === 1 ? 'it holds' : 'they hold'}; a descriptive name (like "seen" or "countByValue") reads better.`);
  }
  const longest = longestFunction(stripped);
  if (longest && longest.lines > LONG_FUNCTION_LINES) {
    score -= REVIEW_DEDUCTIONS.longFunction;
    points.push(`The function starting on line ${longest.line} is ${longest.lines} lines long; splitting it into helpers would make it easier to follow.`);
  }
  const logs = [...stripped.matchAll(/\bconsole\s*\.\s*(?:log|debug|info)\s*\(/g)].length;
  if (logs > 0) {
    score -= REVIEW_DEDUCTIONS.consoleLog;
    points.push(`Remove the leftover console.log ${logs === 1 ? 'call' : 'calls'} (${logs}) before submitting.`);
  }
  if (score === 5) points.push('The code reads cleanly: no issues found by the review.');
  return { points, score: Math.max(0, score) };
}

// ---------------------------------------------------------------------------------------------------
// Score
// ---------------------------------------------------------------------------------------------------

export interface CodingScoreInput {
  passed: number;
  total: number;
  hintsUsed: number;
  runs: number;
  complexity: { time: ComplexityVerdict; space: ComplexityVerdict } | null;
  review: { score: number } | null;
}

/** Points of the 0–5 score. */
export const SCORE_WEIGHTS = { tests: 3, complexity: 1, review: 1 } as const;

function fmt(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/**
 * The round's score, 0–5, rounded to one decimal:
 *   tests       3 × passed / total                (0 when nothing ran)
 * + complexity  0.5 for the right time + 0.5 for the right space
 * + review      review.score / 5                  (code quality, 0–1)
 * − hints       hintPenalty(hintsUsed)            (0.25, then 0.5, then 1: up to 1.75)
 * clamped to 0–5. Runs are free (the candidate is told to run as often as they like) and only reported.
 */
export function codingScore(input: CodingScoreInput): { score: number; basis: string } {
  const total = Math.max(0, input.total);
  const passed = Math.min(Math.max(0, input.passed), total);
  const tests = total > 0 ? (SCORE_WEIGHTS.tests * passed) / total : 0;
  const c = input.complexity;
  const complexity = c ? (c.time === 'correct' ? 0.5 : 0) + (c.space === 'correct' ? 0.5 : 0) : 0;
  const reviewScore = input.review ? Math.min(5, Math.max(0, input.review.score)) : 0;
  const review = (SCORE_WEIGHTS.review * reviewScore) / 5;
  const hints = hintPenalty(input.hintsUsed);
  const raw = tests + complexity + review - hints;
  const score = Math.round(Math.min(5, Math.max(0, raw)) * 10) / 10;
  const used = clampHints(input.hintsUsed);
  const runs = Math.max(0, Math.floor(input.runs));
  const basis = [
    `tests ${passed}/${total} passed: ${fmt(tests)} of 3`,
    `complexity ${c ? `time ${c.time}, space ${c.space}` : 'not discussed'}: ${fmt(complexity)} of 1`,
    `code review ${input.review ? `${fmt(reviewScore)}/5` : 'not done'}: ${fmt(review)} of 1`,
    `${plural(used, 'hint')}: -${fmt(hints)}`,
    `${plural(runs, 'run')} (free)`,
  ].join('; ');
  return { score, basis: `${basis}. Total ${fmt(score)} of 5.` };
}

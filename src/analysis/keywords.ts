/**
 * Keyword matching (answers vs. job keywords) and keyword extraction from a job description.
 */
import stopwordList from './data/stopwords.json';
import { containsPhrase, indexOfPhrase, normalise, tokenizeWords } from './text';

/** A technology with its display name and alternative spellings (same shape as interview/data/technologies.json). */
export interface LexiconEntry {
  name: string;
  aliases: string[];
}

const STOPWORDS: ReadonlySet<string> = new Set(stopwordList);

/** Name plus aliases of an entry, non-empty. */
function termsOf(entry: LexiconEntry): string[] {
  return [entry.name, ...entry.aliases].filter((t) => t.trim() !== '');
}

/** The lexicon entry whose name or an alias equals `keyword` (case-insensitive). */
function entryFor(keyword: string, lexicon: readonly LexiconEntry[]): LexiconEntry | undefined {
  const k = normalise(keyword).trim();
  return lexicon.find((e) => termsOf(e).some((t) => normalise(t).trim() === k));
}

/**
 * Which of `keywords` occur in `text` (case-insensitive, whole word/phrase; symbols such as
 * ".", "+", "#" are part of the keyword: "node.js", "c++", "c#"). With a lexicon, a keyword
 * also matches any alias of its entry ("Kubernetes" matches "k8s").
 * Returns the keywords as given, in the given order, deduplicated.
 */
export function findKeywords(text: string, keywords: readonly string[], lexicon: readonly LexiconEntry[] = []): string[] {
  const t = normalise(text);
  const seen = new Set<string>();
  const found: string[] = [];
  for (const keyword of keywords) {
    const key = normalise(keyword).trim();
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    const entry = entryFor(keyword, lexicon);
    const terms = entry ? [keyword, ...termsOf(entry)] : [keyword];
    if (terms.some((term) => containsPhrase(t, term))) found.push(keyword);
  }
  return found;
}

/** Lexicon entries found in the text, ordered by first occurrence of any of their terms. */
function technologiesIn(text: string, lexicon: readonly LexiconEntry[]): string[] {
  const hits: { name: string; index: number }[] = [];
  for (const entry of lexicon) {
    const indices = termsOf(entry)
      .map((term) => indexOfPhrase(text, term))
      .filter((i) => i >= 0);
    if (indices.length > 0) hits.push({ name: entry.name, index: Math.min(...indices) });
  }
  hits.sort((a, b) => a.index - b.index);
  return [...new Set(hits.map((h) => h.name))];
}

/** "team's" → "team"; "services'" → "services". */
function stripPossessive(word: string): string {
  return word.replace(/'s?$/, '');
}

function isContentWord(word: string): boolean {
  return word.length >= 4 && /\p{L}/u.test(word) && !STOPWORDS.has(word);
}

/** Content words appearing at least twice, most frequent first (ties: first occurrence first). */
function frequentWords(text: string, exclude: ReadonlySet<string>): string[] {
  const counts = new Map<string, number>();
  for (const raw of tokenizeWords(text)) {
    const word = stripPossessive(raw);
    if (!isContentWord(word) || exclude.has(word)) continue;
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  // Map iteration order is insertion order = first occurrence; Array.prototype.sort is stable.
  return [...counts.entries()]
    .filter(([, n]) => n >= 2)
    .sort((a, b) => b[1] - a[1])
    .map(([w]) => w);
}

/** Every single word of every term of the given technologies (so "React" is not repeated as "react"). */
function technologyWords(names: readonly string[], lexicon: readonly LexiconEntry[]): Set<string> {
  const words = new Set<string>();
  for (const name of names) {
    const entry = lexicon.find((e) => e.name === name);
    for (const term of entry ? termsOf(entry) : [name]) {
      for (const w of tokenizeWords(normalise(term))) words.add(w);
    }
  }
  return words;
}

/**
 * Keywords of a job description: technologies from the lexicon first (display names, in order of
 * first occurrence), then the most frequent non-stopword content words (length ≥ 4, at least
 * twice, lowercase) until `max` keywords.
 */
export function extractJobKeywords(jobDescription: string, lexicon: readonly LexiconEntry[], max = 12): string[] {
  if (max <= 0) return [];
  const text = normalise(jobDescription);
  const technologies = technologiesIn(text, lexicon).slice(0, max);
  const exclude = technologyWords(technologies, lexicon);
  const words = frequentWords(text, exclude).slice(0, max - technologies.length);
  return [...technologies, ...words];
}

/**
 * Word error rate (WER) for speech-to-text checks. Pure functions, no DOM.
 *
 * WER = (substitutions + deletions + insertions) / words in the reference, from a word-level
 * Levenshtein alignment of the normalised texts. It can exceed 1 when the hypothesis has many
 * extra words; it is 0 for identical texts and 1.0 when every reference word is wrong.
 */

/**
 * Normalises a transcript for WER: lowercase, apostrophes dropped inside words ("don't" → "dont"),
 * thousands separators dropped inside numbers ("1,000" → "1000"), decimal points kept ("1.5"),
 * every other punctuation mark or symbol (hyphens, "%", quotes, brackets…) replaced by a space,
 * whitespace collapsed. Numbers stay as written: "30" and "thirty" are different words.
 */
export function normaliseForWer(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201B\u2032']/g, (_m, offset: number, s: string) =>
      /[\p{L}\p{N}]/u.test(s[offset - 1] ?? '') && /[\p{L}\p{N}]/u.test(s[offset + 1] ?? '') ? '' : ' ',
    )
    .replace(/(?<=\p{N}),(?=\p{N}{3}(?!\p{N}))/gu, '')
    .replace(/(?<=\p{N})\.(?=\p{N})/gu, '\u0000')
    .replace(/[^\p{L}\p{N}\p{M}\u0000]+/gu, ' ')
    .replace(/\u0000/g, '.')
    .trim()
    .replace(/\s+/g, ' ');
}

function words(text: string): string[] {
  const n = normaliseForWer(text);
  return n ? n.split(' ') : [];
}

/** Word-level edit distance (substitution, insertion, deletion all cost 1). */
export function wordEditDistance(reference: readonly string[], hypothesis: readonly string[]): number {
  const m = hypothesis.length;
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= reference.length; i++) {
    cur[0] = i;
    const r = reference[i - 1];
    for (let j = 1; j <= m; j++) {
      const sub = (prev[j - 1] ?? 0) + (r === hypothesis[j - 1] ? 0 : 1);
      const del = (prev[j] ?? 0) + 1;
      const ins = (cur[j - 1] ?? 0) + 1;
      cur[j] = Math.min(sub, del, ins);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[m] ?? 0;
}

/**
 * Word error rate of `hypothesis` against `reference`, both normalised with {@link normaliseForWer}.
 * An empty reference gives 0 for an empty hypothesis and 1 otherwise.
 */
export function wordErrorRate(reference: string, hypothesis: string): number {
  const ref = words(reference);
  const hyp = words(hypothesis);
  if (ref.length === 0) return hyp.length === 0 ? 0 : 1;
  return wordEditDistance(ref, hyp) / ref.length;
}

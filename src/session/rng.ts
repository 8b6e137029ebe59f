/** Small deterministic PRNG helpers: the same seed always gives the same interview. */

export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
}

/** FNV-1a 32-bit hash of a string. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: tiny, fast, good enough for choosing questions. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError('pick() from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
  };
}

/** An RNG for one decision of a session: depends only on the seed and the step, so a resumed session decides the same way. */
export function rngFor(seed: string, step: number | string): Rng {
  return createRng(hashString(`${seed}:${step}`));
}

const SEED_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I/L: easy to read aloud and retype

/** A short, human-friendly seed such as "K7QX2M". */
export function newSeed(random: () => number = Math.random): string {
  let s = '';
  for (let i = 0; i < 6; i++) s += SEED_ALPHABET[Math.floor(random() * SEED_ALPHABET.length)];
  return s;
}

/** Normalise what a user typed as a seed: trimmed, upper case, at most 32 characters of [A-Z0-9-]. */
export function normaliseSeed(input: string): string | null {
  const s = input.trim().toUpperCase();
  return /^[A-Z0-9-]{1,32}$/.test(s) ? s : null;
}

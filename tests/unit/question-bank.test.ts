import { describe, it, expect } from 'vitest';
import questions from '../../src/interview/data/questions.json';
import followUps from '../../src/interview/data/follow-ups.json';
import technologies from '../../src/interview/data/technologies.json';
import { COMPETENCIES, QUESTION_CATEGORIES, ROLE_FAMILIES, SENIORITIES } from '../../src/session/types';

// The valid values come from the domain types (src/session/types.ts), where the unions are derived from them.
const CATEGORIES = QUESTION_CATEGORIES;
const ROLES = ROLE_FAMILIES;

const REAL_CATEGORIES = ['behavioural', 'technical', 'system-design', 'role', 'coding'];
const BEHAVIOURAL_COMPETENCIES = [
  'ownership',
  'conflict',
  'impact',
  'communication',
  'collaboration',
  'leadership',
  'adaptability',
  'problem-solving',
  'motivation',
] as const;

const ID_PREFIX: Record<string, string> = {
  intro: 'intro-',
  behavioural: 'beh-',
  technical: 'tech-',
  'system-design': 'sd-',
  coding: 'code-',
  role: 'role-',
  'candidate-questions': 'cq-',
  'wrap-up': 'wrap-',
};

/** Aliases (and lowercase names) that would match ordinary English words or are too short to match safely. */
const ALIAS_BLACKLIST = [
  'go', 'c', 'r', 'spring', 'express', 'node', 'next', 'make', 'chef', 'it', 'as', 'is', 'on', 'in', 'at', 'a',
  'bash', 'unity', 'bootstrap', 'helm', 'sketch', 'stripe', 'electron', 'phoenix', 'excel', 'slack', 'notion',
  'linear', 'tailwind', 'spark', 'hive', 'rails', 'yarn', 'bun', 'lambda', 'segment', 'envoy', 'illustrator', 'julia', 'js', 'ts',
];

interface Q {
  id: string;
  text: string;
  category: string;
  competencies: string[];
  seniority: string[];
  roles: string[];
}

const bank: Q[] = questions;
const byCategory = (c: string): Q[] => bank.filter((q) => q.category === c);
const placeholders = (s: string): string[] => s.match(/\{[^}]*\}/g) ?? [];

describe('questions.json', () => {
  it('has only the expected fields with valid enum values', () => {
    for (const q of bank) {
      expect(Object.keys(q).sort(), q.id).toEqual(['category', 'competencies', 'id', 'roles', 'seniority', 'text']);
      expect(CATEGORIES, q.id).toContain(q.category);
      expect(q.competencies.length, q.id).toBeGreaterThan(0);
      expect(q.seniority.length, q.id).toBeGreaterThan(0);
      expect(q.roles.length, q.id).toBeGreaterThan(0);
      for (const c of q.competencies) expect(COMPETENCIES, q.id).toContain(c);
      for (const s of q.seniority) expect(SENIORITIES, q.id).toContain(s);
      for (const r of q.roles) expect(ROLES, q.id).toContain(r);
      expect(new Set(q.competencies).size, q.id).toBe(q.competencies.length);
      expect(new Set(q.seniority).size, q.id).toBe(q.seniority.length);
      expect(new Set(q.roles).size, q.id).toBe(q.roles.length);
      // 'general' stands alone: it already suits every family.
      if (q.roles.includes('general')) expect(q.roles, q.id).toEqual(['general']);
    }
  });

  it('has enough questions per category', () => {
    expect(bank.filter((q) => REAL_CATEGORIES.includes(q.category)).length).toBeGreaterThanOrEqual(100);
    expect(byCategory('behavioural').length).toBeGreaterThanOrEqual(45);
    expect(byCategory('technical').length).toBeGreaterThanOrEqual(20);
    expect(byCategory('system-design').length).toBeGreaterThanOrEqual(10);
    expect(byCategory('coding').length).toBeGreaterThanOrEqual(8);
    expect(byCategory('role').length).toBeGreaterThanOrEqual(15);
    expect(byCategory('intro').length).toBeGreaterThanOrEqual(4);
    expect(byCategory('candidate-questions').length).toBeGreaterThanOrEqual(3);
    expect(byCategory('wrap-up').length).toBeGreaterThanOrEqual(3);
  });

  it('has unique, lowercase ids prefixed by category', () => {
    const ids = bank.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const q of bank) {
      expect(q.id, q.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
      expect(q.id.startsWith(ID_PREFIX[q.category] ?? '<none>'), q.id).toBe(true);
    }
  });

  it('has well-formed, unique text', () => {
    const texts = bank.map((q) => q.text.toLowerCase());
    expect(new Set(texts).size).toBe(texts.length);
    for (const q of bank) {
      expect(q.text.trim(), q.id).toBe(q.text);
      expect(q.text.length, q.id).toBeGreaterThan(15);
      expect(q.text, q.id).not.toMatch(/\s{2,}/);
      if (REAL_CATEGORIES.includes(q.category) || q.category === 'candidate-questions') {
        expect(q.text.endsWith('?'), q.id).toBe(true);
      } else {
        expect(q.text, q.id).toMatch(/[.?]$/);
      }
    }
  });

  it('uses {role} as the only placeholder', () => {
    for (const q of bank) {
      for (const p of placeholders(q.text)) expect(p, q.id).toBe('{role}');
      // No stray braces outside placeholders.
      expect(q.text.replaceAll('{role}', ''), q.id).not.toMatch(/[{}]/);
    }
  });

  it('has at least 5 behavioural questions per behavioural competency', () => {
    for (const c of BEHAVIOURAL_COMPETENCIES) {
      const n = byCategory('behavioural').filter((q) => q.competencies.includes(c)).length;
      expect(n, c).toBeGreaterThanOrEqual(5);
    }
  });

  it('has at least 3 general behavioural questions for every seniority and competency', () => {
    const general = byCategory('behavioural').filter((q) => q.roles.includes('general'));
    for (const s of SENIORITIES) {
      for (const c of BEHAVIOURAL_COMPETENCIES) {
        const n = general.filter((q) => q.seniority.includes(s) && q.competencies.includes(c)).length;
        expect(n, `${s}/${c}`).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('tags technical, system-design and coding questions for engineering or data only', () => {
    for (const c of ['technical', 'system-design', 'coding']) {
      for (const q of byCategory(c)) {
        expect(q.roles.length, q.id).toBeGreaterThan(0);
        for (const r of q.roles) expect(['engineering', 'data'], q.id).toContain(r);
      }
    }
    for (const q of byCategory('technical')) expect(q.competencies, q.id).toContain('technical-depth');
    for (const q of byCategory('system-design')) expect(q.competencies, q.id).toContain('system-design');
    for (const q of byCategory('coding')) expect(q.competencies, q.id).toContain('coding');
  });

  it('covers every seniority for engineering technical, coding and system-design questions', () => {
    const eng = (c: string, s: string): number =>
      byCategory(c).filter((q) => q.roles.includes('engineering') && q.seniority.includes(s)).length;
    for (const s of SENIORITIES) {
      expect(eng('technical', s), `technical/${s}`).toBeGreaterThanOrEqual(4);
      expect(eng('coding', s), `coding/${s}`).toBeGreaterThanOrEqual(3);
      expect(eng('system-design', s), `system-design/${s}`).toBeGreaterThanOrEqual(s === 'junior' ? 1 : 3);
    }
  });

  it('has technical questions for data roles', () => {
    expect(byCategory('technical').filter((q) => q.roles.includes('data')).length).toBeGreaterThanOrEqual(5);
  });

  it('has role-specific questions for every specific role family', () => {
    for (const r of ['product', 'design', 'data', 'management', 'engineering']) {
      const n = byCategory('role').filter((q) => q.roles.includes(r)).length;
      expect(n, r).toBeGreaterThanOrEqual(3);
    }
    for (const q of byCategory('role')) expect(q.roles, q.id).not.toContain('general');
  });

  it('has general intro, candidate-questions and wrap-up prompts for every seniority', () => {
    for (const c of ['intro', 'candidate-questions', 'wrap-up']) {
      for (const s of SENIORITIES) {
        const n = byCategory(c).filter((q) => q.roles.includes('general') && q.seniority.includes(s)).length;
        expect(n, `${c}/${s}`).toBeGreaterThanOrEqual(2);
      }
    }
  });
});

describe('follow-ups.json', () => {
  const KEYS = ['short-answer', 'no-first-person', 'no-result', 'jd-technology', 'transition'];
  const phrases: Record<string, string[]> = followUps;

  it('has exactly the expected keys with 4 to 6 variants each', () => {
    expect(Object.keys(phrases).sort()).toEqual([...KEYS].sort());
    for (const k of KEYS) {
      const variants = phrases[k] ?? [];
      expect(variants.length, k).toBeGreaterThanOrEqual(4);
      expect(variants.length, k).toBeLessThanOrEqual(6);
      expect(new Set(variants).size, k).toBe(variants.length);
      for (const v of variants) {
        expect(v.trim().length, k).toBeGreaterThan(0);
        expect(v.trim(), k).toBe(v);
        expect(v, k).toMatch(/[.?]$/);
      }
    }
  });

  it('uses {tech} exactly once in each jd-technology variant and no other placeholders', () => {
    for (const k of KEYS) {
      for (const v of phrases[k] ?? []) {
        const found = placeholders(v);
        if (k === 'jd-technology') expect(found, v).toEqual(['{tech}']);
        else expect(found, v).toEqual([]);
        expect(v.replaceAll('{tech}', ''), v).not.toMatch(/[{}]/);
      }
    }
  });

  it('asks a question in every follow-up rule variant', () => {
    for (const k of KEYS.filter((key) => key !== 'transition')) {
      for (const v of phrases[k] ?? []) expect(v, v).toContain('?');
    }
  });
});

describe('technologies.json', () => {
  const lexicon: { name: string; aliases: string[] }[] = technologies;

  it('has at least 120 entries with unique names', () => {
    expect(lexicon.length).toBeGreaterThanOrEqual(120);
    const names = lexicon.map((t) => t.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    for (const t of lexicon) {
      expect(Object.keys(t).sort(), t.name).toEqual(['aliases', 'name']);
      expect(t.name.trim().length, t.name).toBeGreaterThan(0);
    }
  });

  it('has lowercase, trimmed, non-empty aliases including the lowercase name', () => {
    for (const t of lexicon) {
      expect(t.aliases.length, t.name).toBeGreaterThan(0);
      expect(new Set(t.aliases).size, t.name).toBe(t.aliases.length);
      for (const a of t.aliases) {
        expect(a, t.name).toBe(a.toLowerCase());
        expect(a, t.name).toBe(a.trim());
        expect(a, t.name).not.toMatch(/\s{2,}/);
        expect(a.length, t.name).toBeGreaterThanOrEqual(2);
      }
      const lower = t.name.toLowerCase();
      if (!ALIAS_BLACKLIST.includes(lower)) expect(t.aliases, t.name).toContain(lower);
    }
  });

  it('never maps one alias to two technologies', () => {
    const seen = new Map<string, string>();
    for (const t of lexicon) {
      for (const a of t.aliases) {
        expect(seen.get(a), `${a} in ${t.name}`).toBeUndefined();
        seen.set(a, t.name);
      }
    }
  });

  it('has no ambiguous English-word aliases', () => {
    for (const t of lexicon) {
      for (const a of t.aliases) expect(ALIAS_BLACKLIST, `${t.name}: ${a}`).not.toContain(a);
    }
  });

  it('includes core technologies and their awkward spellings', () => {
    const find = (name: string) => lexicon.find((t) => t.name === name);
    expect(find('Go')?.aliases).toEqual(expect.arrayContaining(['golang']));
    expect(find('PostgreSQL')?.aliases).toEqual(expect.arrayContaining(['postgres', 'postgresql']));
    expect(find('C++')?.aliases).toContain('c++');
    expect(find('C#')?.aliases).toContain('c#');
    expect(find('.NET')?.aliases).toContain('.net');
    expect(find('Node.js')?.aliases).toContain('node.js');
    expect(find('Google Cloud')?.aliases).toContain('google cloud');
    for (const n of ['Figma', 'Jira', 'Amplitude', 'React', 'Kubernetes', 'pandas', 'PyTorch', 'Rust', 'Swift']) {
      expect(find(n), n).toBeDefined();
    }
  });
});

import { describe, it, expect } from 'vitest';
import {
  buildPlan,
  competencyLabel,
  isQuestionPhase,
  roleFamilyOf,
  MAX_MINUTES,
  MIN_MINUTES,
  PLAN_DEFAULTS,
  type PlanInput,
} from '../../src/session/plans';
import { availableQuestions, defaultBank } from '../../src/interview/bank';
import { extractJobKeywords } from '../../src/analysis/keywords';
import templatesJson from '../../src/session/data/plan-templates.json';
import { COMPETENCIES, INTERVIEW_TYPES, PHASE_KINDS, QUESTION_CATEGORIES, ROLE_FAMILIES, SENIORITIES, type InterviewType, type Seniority } from '../../src/session/types';

// The valid values come from the domain types, where the unions are derived from them.
const TYPES = INTERVIEW_TYPES;
const KINDS: readonly string[] = PHASE_KINDS;
const CATEGORIES: readonly string[] = QUESTION_CATEGORIES;
const FAMILIES: readonly string[] = ROLE_FAMILIES;
const ROLES = ['Backend engineer', 'Senior data analyst', 'Product owner', 'UX designer', 'Engineering manager', 'Accountant'];
const MINUTES = [5, 6, 7, 9, 10, 13, 15, 20, 25, 30, 33, 45, 60, 75, 89, 90];

function input(over: Partial<PlanInput> = {}): PlanInput {
  return { type: 'mixed', role: 'Backend engineer', seniority: 'mid', minutes: 30, jobDescription: '', ...over };
}
const plan = (over: Partial<PlanInput> = {}) => buildPlan(input(over), defaultBank);

function* allCombos(minutesList: readonly number[] = MINUTES): Generator<PlanInput> {
  for (const type of TYPES)
    for (const role of ROLES)
      for (const seniority of SENIORITIES)
        for (const minutes of minutesList) yield input({ type, role, seniority, minutes });
}

describe('buildPlan: time budgets', () => {
  it('every type, role, seniority and length: phase minutes sum exactly to the total', () => {
    let n = 0;
    for (const i of allCombos()) {
      const p = buildPlan(i, defaultBank);
      const sum = p.phases.reduce((s, ph) => s + ph.minutes, 0);
      expect(sum, `${i.type}/${i.role}/${i.seniority}/${i.minutes}`).toBe(i.minutes);
      expect(p.totalMinutes).toBe(i.minutes);
      for (const ph of p.phases) {
        expect(ph.minutes, `${i.type}/${i.role}/${i.minutes}: ${ph.kind}`).toBeGreaterThanOrEqual(0.5);
        expect(Number.isInteger(ph.minutes * 2)).toBe(true); // half minutes
      }
      n++;
    }
    expect(n).toBe(4 * ROLES.length * 4 * MINUTES.length);
  });

  it('the known budgets of a 20-minute mixed plan (shares 10/35/25/15/10/5 %, rounded to half minutes)', () => {
    expect(plan({ minutes: 20 }).phases.map((p) => p.minutes)).toEqual([2, 7, 5, 3, 2, 1]);
    expect(plan({ minutes: 45 }).phases.map((p) => p.minutes)).toEqual([4.5, 15, 11.5, 7, 4.5, 2.5]);
  });

  it('minutes are rounded and clamped to 5..90', () => {
    expect(MIN_MINUTES).toBe(5);
    expect(MAX_MINUTES).toBe(90);
    const cases: [number, number][] = [
      [-10, 5],
      [0, 5],
      [3, 5],
      [4.4, 5],
      [5, 5],
      [20.4, 20],
      [20.6, 21],
      [90, 90],
      [90.4, 90],
      [91, 90],
      [500, 90],
    ];
    for (const [given, expected] of cases) {
      const p = plan({ minutes: given });
      expect(p.totalMinutes, String(given)).toBe(expected);
      expect(p.phases.reduce((s, ph) => s + ph.minutes, 0)).toBe(expected);
    }
  });
});

describe('buildPlan: phases', () => {
  it('intro comes first and wrap-up last, for every combination', () => {
    for (const i of allCombos([5, 30, 90])) {
      const kinds = buildPlan(i, defaultBank).phases.map((p) => p.kind);
      expect(kinds[0]).toBe('intro');
      expect(kinds.at(-1)).toBe('wrap-up');
      expect(kinds.filter((k) => k === 'intro')).toHaveLength(1);
      expect(kinds.filter((k) => k === 'wrap-up')).toHaveLength(1);
      for (const k of kinds) expect(KINDS).toContain(k);
    }
  });

  it('mixed for an engineering role: every phase, coding included', () => {
    const p = plan({ role: 'Backend engineer' });
    expect(p.roleFamily).toBe('engineering');
    expect(p.phases.map((ph) => [ph.kind, ph.label])).toEqual([
      ['intro', 'Introduction'],
      ['questions', 'Behavioural questions'],
      ['technical', 'Technical questions'],
      ['coding', 'Coding'],
      ['candidate-questions', 'Your questions'],
      ['wrap-up', 'Wrap-up'],
    ]);
    expect(p.phases[2]?.categories).toEqual(['technical', 'system-design', 'role']);
  });

  it('mixed for "Product manager": no coding phase, and the technical phase becomes "Role-specific questions"', () => {
    // Documents two bugs (see report), this test fails today:
    //  1. roleFamilyOf('Product manager') is 'management' ("manager" is matched before "product");
    //  2. buildPlan assigns every checklist item to the first phase able to cover it, so the role phase of a
    //     non-technical mixed plan never gets an item and is dropped: no role-specific question is ever asked.
    const p = plan({ role: 'Product manager' });
    const kinds = p.phases.map((ph) => ph.kind);
    expect(kinds).not.toContain('coding');
    const technical = p.phases.find((ph) => ph.kind === 'technical');
    expect(technical?.label).toBe('Role-specific questions');
    expect(technical?.categories).toEqual(['role']);
    expect(technical?.competencies.length).toBeGreaterThan(0);
  });

  it('mixed for a non-technical role never has a coding phase nor engineering technical questions', () => {
    for (const role of ['Product manager', 'Product owner', 'UX designer', 'Accountant', 'Engineering manager']) {
      for (const seniority of SENIORITIES) {
        const p = plan({ role, seniority });
        expect(p.phases.map((ph) => ph.kind)).not.toContain('coding');
        for (const ph of p.phases.filter((x) => x.kind === 'technical')) {
          expect(ph.label).toBe('Role-specific questions');
          expect(ph.categories).toEqual(['role']);
        }
      }
    }
  });

  it('a technical interview for a product role asks role-specific questions instead of engineering ones', () => {
    const p = plan({ type: 'technical', role: 'Product owner' });
    expect(p.roleFamily).toBe('product');
    expect(p.phases.map((ph) => [ph.kind, ph.label])).toEqual([
      ['intro', 'Introduction'],
      ['technical', 'Role-specific questions'],
      ['candidate-questions', 'Your questions'],
      ['wrap-up', 'Wrap-up'],
    ]);
    expect(p.phases[1]?.categories).toEqual(['role']);
    expect(p.phases[1]?.competencies).toEqual(['problem-solving', 'communication']);
    // technical-depth and system-design cannot be covered by product questions: dropped from the checklist.
    expect(p.checklist.map((c) => c.competency)).toEqual(['problem-solving', 'communication']);
  });

  it('a data role is technical: mixed keeps the coding phase', () => {
    const p = plan({ role: 'Senior data analyst' });
    expect(p.roleFamily).toBe('data');
    expect(p.phases.map((ph) => ph.kind)).toContain('coding');
    expect(p.phases.find((ph) => ph.kind === 'technical')?.label).toBe('Technical questions');
  });

  it('behavioural, technical and coding templates have the expected phase kinds for an engineer', () => {
    expect(plan({ type: 'behavioural' }).phases.map((p) => p.kind)).toEqual(['intro', 'questions', 'candidate-questions', 'wrap-up']);
    expect(plan({ type: 'technical' }).phases.map((p) => [p.kind, p.label])).toEqual([
      ['intro', 'Introduction'],
      ['technical', 'Technical concepts'],
      ['questions', 'System design'],
      ['candidate-questions', 'Your questions'],
      ['wrap-up', 'Wrap-up'],
    ]);
    expect(plan({ type: 'coding' }).phases.map((p) => p.kind)).toEqual(['intro', 'coding', 'candidate-questions', 'wrap-up']);
  });
});

describe('buildPlan: checklist', () => {
  it('mixed: senior and staff add leadership and system-design; junior adds collaboration', () => {
    const base = ['ownership', 'conflict', 'impact', 'communication', 'problem-solving', 'technical-depth', 'coding'];
    const of = (seniority: Seniority) => plan({ seniority }).checklist.map((c) => c.competency);
    expect(of('mid')).toEqual(base);
    expect(of('senior')).toEqual([...base, 'leadership', 'system-design']);
    expect(of('staff')).toEqual([...base, 'leadership', 'system-design']);
    expect(of('junior')).toEqual([...base, 'collaboration']);
    expect(of('mid')).not.toContain('leadership');
    expect(of('junior')).not.toContain('system-design');
  });

  it('checklist labels come from the competency labels', () => {
    const p = plan({ seniority: 'senior' });
    expect(p.checklist.find((c) => c.competency === 'conflict')?.label).toBe('Handling conflict');
    expect(p.checklist.find((c) => c.competency === 'system-design')?.label).toBe('System design');
    for (const c of p.checklist) expect(c.label).toBe(competencyLabel(c.competency));
  });

  it('every checklist item is assigned to exactly one phase, a question phase able to cover it', () => {
    for (const i of allCombos([5, 30, 90])) {
      const p = buildPlan(i, defaultBank);
      const items = p.checklist.map((c) => c.competency);
      expect(new Set(items).size).toBe(items.length);
      const assigned = p.phases.flatMap((ph) => ph.competencies);
      expect([...assigned].sort()).toEqual([...items].sort());
      for (const c of items) {
        const owners = p.phases.filter((ph) => ph.competencies.includes(c));
        expect(owners).toHaveLength(1);
        const owner = owners[0];
        if (!owner) continue;
        expect(isQuestionPhase(owner.kind)).toBe(true);
        const qs = availableQuestions(defaultBank, { categories: owner.categories, seniority: i.seniority, roleFamily: p.roleFamily, competency: c });
        expect(qs.length, `${i.type}/${i.role}/${i.seniority}: ${c}`).toBeGreaterThan(0);
      }
      // Non-question phases cover nothing; kept question phases cover something.
      for (const ph of p.phases) {
        if (isQuestionPhase(ph.kind)) expect(ph.competencies.length).toBeGreaterThan(0);
        else expect(ph.competencies).toEqual([]);
      }
    }
  });

  it('the checklist is in template order (base items, then seniority items)', () => {
    expect(plan({ type: 'behavioural', seniority: 'junior' }).checklist.map((c) => c.competency)).toEqual([
      'ownership',
      'conflict',
      'impact',
      'communication',
      'collaboration',
      'problem-solving',
      'motivation',
      'adaptability',
    ]);
  });
});

describe('buildPlan: role and keywords', () => {
  it('keeps the trimmed role, or the default role when blank', () => {
    expect(plan({ role: '  Backend engineer  ' }).role).toBe('Backend engineer');
    expect(plan({ role: '   ' }).role).toBe(PLAN_DEFAULTS.role);
    expect(PLAN_DEFAULTS.role).toBe('Software engineer');
  });

  it('extracts the job-description keywords: technologies first, then frequent words', () => {
    const jd =
      'We run Kubernetes and PostgreSQL. You will build payment services with Python; our services handle payment reconciliation and payment reporting.';
    const p = plan({ jobDescription: jd });
    expect(p.keywords).toEqual(['Kubernetes', 'PostgreSQL', 'Python', 'payment', 'services']);
    expect(p.keywords).toEqual(extractJobKeywords(jd, defaultBank.technologies as { name: string; aliases: string[] }[]));
    expect(plan({ jobDescription: 'We deploy to k8s and store data in postgres.' }).keywords).toEqual(['Kubernetes', 'PostgreSQL']);
    expect(plan({ jobDescription: '' }).keywords).toEqual([]);
  });

  it('the plan records type, seniority and role family', () => {
    const p = plan({ type: 'behavioural', seniority: 'staff', role: 'Senior data analyst' });
    expect([p.type, p.seniority, p.roleFamily]).toEqual(['behavioural', 'staff', 'data']);
  });
});

describe('roleFamilyOf', () => {
  it('maps common titles to their family', () => {
    const cases: [string, string][] = [
      ['Backend engineer', 'engineering'],
      ['Senior Frontend Developer', 'engineering'],
      ['iOS developer', 'engineering'],
      ['Site reliability engineer', 'engineering'],
      ['Data engineer', 'data'],
      ['Senior data analyst', 'data'],
      ['ML engineer', 'data'],
      ['Product owner', 'product'],
      ['UX designer', 'design'],
      ['User researcher', 'design'],
      ['Engineering manager', 'management'],
      ['Director of Engineering', 'management'],
      ['Accountant', 'general'],
      ['', 'general'],
    ];
    for (const [title, family] of cases) expect(roleFamilyOf(title), title).toBe(family);
  });

  it('is case-insensitive', () => {
    expect(roleFamilyOf('BACKEND ENGINEER')).toBe('engineering');
    expect(roleFamilyOf('product OWNER')).toBe('product');
  });

  it('product managers, Linux and GUI engineers, contractors get the right family', () => {
    // Documents bugs (see report), this test fails today: patterns are matched as raw substrings in a fixed family
    // order, so "Product manager" → management ("manager" before "product"), "Linux engineer" → design ("ux"),
    // "GUI developer" → design ("ui "), "Software contractor" → management ("cto").
    expect(roleFamilyOf('Product manager')).toBe('product');
    expect(roleFamilyOf('Linux engineer')).toBe('engineering');
    expect(roleFamilyOf('GUI developer')).toBe('engineering');
    expect(roleFamilyOf('Software contractor')).toBe('engineering');
  });
});

describe('plan-templates.json', () => {
  interface PhaseT {
    kind: string;
    label: string;
    share: number;
    categories: string[];
  }
  interface TemplateT {
    label: string;
    phases: PhaseT[];
    checklist: string[];
    bySeniority: Record<string, string[]>;
  }
  const data = templatesJson as unknown as {
    templates: Record<string, TemplateT>;
    nonEngineeringPhases: { technical: { label: string; categories: string[] }; coding: null };
    roleFamilies: { family: string; patterns: string[] }[];
    defaults: { type: string; minutes: number; seniority: string; role: string };
  };

  it('has one template per interview type', () => {
    expect(Object.keys(data.templates).sort()).toEqual([...TYPES].sort());
  });

  for (const type of TYPES) {
    it(`template "${type}": shares sum to 1, valid kinds/categories/competencies, intro first and wrap-up last`, () => {
      const t = data.templates[type as InterviewType];
      expect(t).toBeDefined();
      if (!t) return;
      expect(t.label.length).toBeGreaterThan(0);
      const sum = t.phases.reduce((s, p) => s + p.share, 0);
      expect(Math.abs(sum - 1)).toBeLessThanOrEqual(0.001);
      for (const p of t.phases) {
        expect(KINDS).toContain(p.kind);
        expect(p.share).toBeGreaterThan(0);
        expect(p.label.length).toBeGreaterThan(0);
        expect(p.categories.length).toBeGreaterThan(0);
        for (const c of p.categories) expect(CATEGORIES).toContain(c);
      }
      expect(t.phases[0]?.kind).toBe('intro');
      expect(t.phases.at(-1)?.kind).toBe('wrap-up');
      expect(t.checklist.length).toBeGreaterThan(0);
      for (const c of t.checklist) expect(COMPETENCIES as readonly string[]).toContain(c);
      expect(new Set(t.checklist).size).toBe(t.checklist.length);
      for (const [seniority, extra] of Object.entries(t.bySeniority)) {
        expect(SENIORITIES as readonly string[]).toContain(seniority);
        for (const c of extra) expect(COMPETENCIES as readonly string[]).toContain(c);
      }
    });
  }

  it('non-engineering phases, role families and defaults are valid', () => {
    expect(data.nonEngineeringPhases.technical.label).toBe('Role-specific questions');
    for (const c of data.nonEngineeringPhases.technical.categories) expect(CATEGORIES).toContain(c);
    expect(data.nonEngineeringPhases.coding).toBeNull();
    for (const rf of data.roleFamilies) {
      expect(FAMILIES).toContain(rf.family);
      expect(rf.patterns.length).toBeGreaterThan(0);
      for (const p of rf.patterns) expect(p).toBe(p.toLowerCase());
    }
    expect(TYPES as readonly string[]).toContain(data.defaults.type);
    expect(SENIORITIES as readonly string[]).toContain(data.defaults.seniority);
    expect(data.defaults.minutes).toBeGreaterThanOrEqual(MIN_MINUTES);
    expect(data.defaults.minutes).toBeLessThanOrEqual(MAX_MINUTES);
  });
});

describe('buildPlan for a coding interview whatever the role', () => {
  it('gives a "Product manager" who asks for a coding interview a coding phase and a checklist', () => {
    const plan = buildPlan({ type: 'coding', role: 'Product manager', seniority: 'mid', minutes: 30, jobDescription: '' }, defaultBank);
    expect(plan.phases.map((p) => p.kind)).toContain('coding');
    expect(plan.checklist.map((c) => c.competency)).toContain('coding');
  });
});

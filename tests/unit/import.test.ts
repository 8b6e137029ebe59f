import { describe, expect, it } from 'vitest';
import { parseSessionExport, serialiseSessionExport } from '../../src/db/import';
import { EXPORT_FORMAT, EXPORT_VERSION, type SessionRecord } from '../../src/db/types';
import type { InterviewPlan, SessionEvent } from '../../src/session/types';

const SEED = 'seed-abc123';
const T0 = 1_750_000_000_000;

function makePlan(): InterviewPlan {
  return {
    type: 'mixed',
    role: 'Backend engineer',
    roleFamily: 'engineering',
    seniority: 'senior',
    totalMinutes: 30,
    phases: [
      { kind: 'intro', label: 'Introduction', minutes: 3, categories: ['intro'], competencies: ['motivation'] },
      {
        kind: 'questions',
        label: 'Behavioural questions',
        minutes: 20.5,
        categories: ['behavioural', 'role'],
        competencies: ['ownership', 'conflict'],
      },
      { kind: 'wrap-up', label: 'Wrap-up', minutes: 6.5, categories: ['wrap-up'], competencies: [] },
    ],
    checklist: [
      { competency: 'motivation', label: 'Motivation' },
      { competency: 'ownership', label: 'Ownership' },
      { competency: 'conflict', label: 'Handling conflict' },
    ],
    keywords: ['TypeScript', 'PostgreSQL', 'Kubernetes'],
  };
}

function makeEvents(): SessionEvent[] {
  const at = (t: number) => T0 + t + 2_000;
  return [
    { type: 'started', t: 0, at: at(0), seed: SEED, engine: 'scripted', plan: makePlan() },
    { type: 'phase', t: 0, at: at(0), phaseIndex: 0, reason: 'start' },
    {
      type: 'asked',
      t: 10,
      at: at(10),
      promptId: 0,
      kind: 'intro',
      text: 'Tell me about yourself.',
      phaseIndex: 0,
      questionId: 'intro-01',
      competencies: ['motivation'],
      engine: 'scripted',
    },
    {
      type: 'answered',
      t: 45_000,
      at: at(45_000),
      promptId: 0,
      text: 'I am a backend engineer with eight years of experience building APIs in TypeScript.',
      startedT: 3_500.25,
      mode: 'typed',
    },
    { type: 'covered', t: 45_000, at: at(45_000), competency: 'motivation', promptId: 0 },
    {
      type: 'asked',
      t: 46_000,
      at: at(46_000),
      promptId: 1,
      kind: 'follow-up',
      text: 'What result did that have?',
      phaseIndex: 0,
      parentQuestionId: 'intro-01',
      competencies: ['impact'],
      rule: 'no-result',
      engine: 'scripted',
    },
    { type: 'skipped', t: 50_000, at: at(50_000), promptId: 1 },
    { type: 'warning', t: 180_000, at: at(180_000), phaseIndex: 0, level: 'phase-time-up' },
    { type: 'paused', t: 181_000, at: at(181_000) },
    { type: 'resumed', t: 181_000, at: at(300_000) },
    { type: 'phase', t: 181_500, at: at(300_500), phaseIndex: 2, reason: 'ended-by-user' },
    {
      type: 'asked',
      t: 182_000,
      at: at(301_000),
      promptId: 2,
      kind: 'wrap-up',
      text: 'Do you have any questions for me?',
      phaseIndex: 2,
      questionId: 'wrap-01',
      competencies: [],
    },
    {
      type: 'answered',
      t: 200_000,
      at: at(319_000),
      promptId: 2,
      text: 'How does the team handle on-call?',
      startedT: 185_000,
      mode: 'spoken',
    },
    { type: 'ended', t: 201_000, at: at(320_000), reason: 'completed' },
  ];
}

function makeSession(): SessionRecord {
  return {
    id: 'sess-1',
    profileId: 'prof-1',
    profileName: 'Alex',
    role: 'Backend engineer',
    seniority: 'senior',
    type: 'mixed',
    minutes: 30,
    seed: SEED,
    engine: 'scripted',
    status: 'completed',
    createdAt: T0,
    updatedAt: T0 + 400_000,
    endedAt: T0 + 322_000,
    checkpointT: 201_000,
    summary: {
      overall: 72,
      answered: 2,
      skipped: 1,
      words: 21,
      fillers: 0,
      avgWpm: 130.5,
      keywordCoverage: 0.33,
      competencies: { motivation: 3.5, ownership: null },
    },
  };
}

/** A valid export as a plain object, for mutating into bad files. */
function makeFile(): Record<string, any> {
  return JSON.parse(serialiseSessionExport(makeSession(), makeEvents(), 'test 1.0', T0 + 500_000));
}

function parse(obj: unknown, maxBytes?: number) {
  return parseSessionExport(JSON.stringify(obj), maxBytes);
}

function expectError(result: ReturnType<typeof parseSessionExport>, fragment: string): void {
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.error).toContain(fragment);
}

describe('serialiseSessionExport / parseSessionExport round trip', () => {
  it('round-trips a realistic export', () => {
    const session = makeSession();
    const events = makeEvents();
    const text = serialiseSessionExport(session, events, 'test 1.0', T0 + 500_000);
    expect(text).toContain('\n  "format": ');
    const result = parseSessionExport(text);
    expect(result).toEqual({
      ok: true,
      value: {
        format: EXPORT_FORMAT,
        version: EXPORT_VERSION,
        exportedAt: T0 + 500_000,
        app: 'test 1.0',
        session,
        events,
      },
    });
  });

  it('accepts a session without a summary or profile', () => {
    const file = makeFile();
    file.session.summary = null;
    file.session.profileId = null;
    file.session.endedAt = null;
    file.session.status = 'active';
    expect(parse(file).ok).toBe(true);
  });

  it('strips unknown extra keys at every level', () => {
    const file = makeFile();
    file.extra = 'top';
    file.session.nickname = 'x';
    file.session.summary.bonus = 1;
    file.events[0].plan.flavour = 'spicy';
    file.events[0].plan.phases[0].colour = 'red';
    file.events[2].debug = { tokens: 12 };
    const result = parse(file);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const v = result.value as unknown as Record<string, any>;
    expect(v).not.toHaveProperty('extra');
    expect(v.session).not.toHaveProperty('nickname');
    expect(v.session.summary).not.toHaveProperty('bonus');
    expect(v.events[0].plan).not.toHaveProperty('flavour');
    expect(v.events[0].plan.phases[0]).not.toHaveProperty('colour');
    expect(v.events[2]).not.toHaveProperty('debug');
    expect(result.value).toEqual(makeFile());
  });

  it('survives deeply nested junk in an unknown field (stripped, no crash)', () => {
    const depth = 10_000;
    const junk = '['.repeat(depth) + ']'.repeat(depth);
    const text = serialiseSessionExport(makeSession(), makeEvents(), 'test 1.0', T0).replace(
      /^\{/,
      `{"junk": ${junk},`,
    );
    let result: ReturnType<typeof parseSessionExport> | undefined;
    expect(() => {
      result = parseSessionExport(text);
    }).not.toThrow();
    expect(result?.ok).toBe(true);
    if (result?.ok) expect(result.value).not.toHaveProperty('junk');
  });

  it('does not throw on deeply nested junk in a known field', () => {
    const depth = 10_000;
    const file = makeFile();
    const text = JSON.stringify(file).replace('"app":"test 1.0"', `"app":${'['.repeat(depth)}${']'.repeat(depth)}`);
    expectError(parseSessionExport(text), 'Invalid export: app must be a string');
  });
});

describe('parseSessionExport rejects malformed files', () => {
  it('not JSON', () => expectError(parseSessionExport('{"format": '), 'This file is not valid JSON.'));
  it('plain text', () => expectError(parseSessionExport('hello'), 'This file is not valid JSON.'));
  it('empty string', () => expectError(parseSessionExport(''), 'This file is empty.'));
  it('JSON null', () => expectError(parseSessionExport('null'), 'This is not an interview export.'));
  it('an array', () => expectError(parseSessionExport('[1,2,3]'), 'This is not an interview export.'));
  it('a number', () => expectError(parseSessionExport('42'), 'This is not an interview export.'));

  it('wrong format', () => {
    const file = makeFile();
    file.format = 'something-else/session';
    expectError(parse(file), 'This is not an interview export.');
  });

  it('version 2 (newer)', () => {
    const file = makeFile();
    file.version = 2;
    expectError(
      parse(file),
      'This export comes from a newer version of the app (v2). Update the app to import it.',
    );
  });

  it('version 0 (older)', () => {
    const file = makeFile();
    file.version = 0;
    expectError(parse(file), 'version (v0) is not supported');
  });

  it('version missing or not a number', () => {
    const file = makeFile();
    file.version = '1';
    expectError(parse(file), 'no valid version number');
    delete file.version;
    expectError(parse(file), 'no valid version number');
  });

  it('missing session', () => {
    const file = makeFile();
    delete file.session;
    expectError(parse(file), 'Invalid export: session is missing.');
  });

  it('missing required field in an event', () => {
    const file = makeFile();
    delete file.events[3].text;
    expectError(parse(file), 'Invalid export: events[3].text is missing.');
  });

  it('an event with an unknown type', () => {
    const file = makeFile();
    file.events[4] = { type: 'hacked', t: 45_000, at: T0 };
    expectError(parse(file), 'Invalid export: events[4].type must be one of "started", "asked"');
  });

  it('t as a string', () => {
    const file = makeFile();
    file.events[2].t = '10';
    expectError(parse(file), 'Invalid export: events[2].t must be a finite number of at least 0.');
  });

  it('negative t', () => {
    const file = makeFile();
    file.events[1].t = -5;
    expectError(parse(file), 'Invalid export: events[1].t must be a finite number of at least 0.');
  });

  it('1e999 (parses to Infinity)', () => {
    const text = serialiseSessionExport(makeSession(), makeEvents(), 'test 1.0', T0).replace(
      '"checkpointT": 201000',
      '"checkpointT": 1e999',
    );
    expect(text).toContain('1e999');
    expectError(parseSessionExport(text), 'Invalid export: session.checkpointT must be a finite number');
  });

  it('non-integer promptId', () => {
    const file = makeFile();
    file.events[2].promptId = 0.5;
    expectError(parse(file), 'Invalid export: events[2].promptId must be a whole number');
  });

  it('minutes out of range', () => {
    const file = makeFile();
    file.session.minutes = 241;
    expectError(parse(file), 'Invalid export: session.minutes must be a whole number from 1 to 240.');
  });

  it('a 30,000-character answer', () => {
    const file = makeFile();
    file.events[3].text = 'a'.repeat(30_000);
    expectError(parse(file), 'Invalid export: events[3].text must be a string of at most 20000 characters.');
  });

  it('6,000 events', () => {
    const file = makeFile();
    const paused = { type: 'paused', t: 201_000, at: T0 };
    file.events = [...file.events, ...Array.from({ length: 6_000 - file.events.length }, () => paused)];
    expect(file.events).toHaveLength(6_000);
    expectError(parse(file), 'Invalid export: events must have at most 5000 items.');
  });

  it('too many keywords and an over-long keyword', () => {
    const file = makeFile();
    file.events[0].plan.keywords = Array.from({ length: 51 }, (_, i) => `k${i}`);
    expectError(parse(file), 'Invalid export: events[0].plan.keywords must have at most 50 items.');
    file.events[0].plan.keywords = ['x'.repeat(101)];
    expectError(parse(file), 'events[0].plan.keywords[0] must be a string of at most 100 characters.');
  });

  it('wrong enum (seniority "god")', () => {
    const file = makeFile();
    file.session.seniority = 'god';
    expectError(parse(file), 'Invalid export: session.seniority must be one of "junior", "mid", "senior", "staff".');
  });

  it('wrong enum inside the plan', () => {
    const file = makeFile();
    file.events[0].plan.phases[1].competencies.push('telepathy');
    expectError(parse(file), 'events[0].plan.phases[1].competencies[2] must be one of');
  });
});

describe('parseSessionExport rejects hostile files', () => {
  it('a __proto__ key', () => {
    const text = serialiseSessionExport(makeSession(), makeEvents(), 'test 1.0', T0).replace(
      /^\{/,
      '{"__proto__": {"polluted": true},',
    );
    expectError(parseSessionExport(text), 'forbidden key ("__proto__")');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('a constructor key nested deep', () => {
    const file = makeFile();
    file.events[0].plan.phases[2].extra = { a: [{ b: { constructor: { prototype: { x: 1 } } } }] };
    expectError(parse(file), 'forbidden key ("constructor")');
  });

  it('a prototype key', () => {
    const file = makeFile();
    file.session.summary.competencies.prototype = 1;
    expectError(parse(file), 'forbidden key ("prototype")');
  });

  it('a file over maxBytes', () => {
    const text = serialiseSessionExport(makeSession(), makeEvents(), 'test 1.0', T0);
    expect(parseSessionExport(text, text.length).ok).toBe(true);
    expectError(parseSessionExport(text, text.length - 1), 'This file is too large');
    expectError(parseSessionExport(' '.repeat(5_000_001)), 'This file is too large (5.0 MB; the limit is 5.0 MB).');
  });
});

describe('parseSessionExport semantic checks', () => {
  it('decreasing t', () => {
    const file = makeFile();
    file.events[6].t = 40_000;
    expectError(parse(file), 'Invalid export: events[6] is earlier than the event before it');
  });

  it('answered with an unknown promptId', () => {
    const file = makeFile();
    file.events[3].promptId = 99;
    expectError(parse(file), 'events[3] (answered) refers to prompt 99, which was not asked before it.');
  });

  it('covered before its prompt was asked', () => {
    const file = makeFile();
    file.events[4].promptId = 1;
    expectError(parse(file), 'events[4] (covered) refers to prompt 1');
  });

  it('first event not started', () => {
    const file = makeFile();
    file.events.shift();
    expectError(parse(file), 'the first event must be "started", not "phase"');
  });

  it('no events', () => {
    const file = makeFile();
    file.events = [];
    expectError(parse(file), 'the session has no events');
  });

  it('a second started event', () => {
    const file = makeFile();
    file.events.push({ ...file.events[0], t: 300_000 });
    expectError(parse(file), 'is a second "started" event');
  });

  it('seed mismatch', () => {
    const file = makeFile();
    file.session.seed = 'other-seed';
    expectError(parse(file), 'the session seed does not match the seed of its "started" event');
  });
});

import { describe, it, expect } from 'vitest';
import { buildReport, competencyLabel, scoreAnswer } from '../../src/analysis/report';
import { analyseAnswer } from '../../src/analysis/metrics';
import type { InterviewPlan, SessionEvent } from '../../src/session/types';

const AT = Date.UTC(2024, 4, 1, 10, 0, 0);

const PLAN: InterviewPlan = {
  type: 'mixed',
  role: 'Backend Engineer',
  roleFamily: 'engineering',
  seniority: 'mid',
  totalMinutes: 30,
  phases: [
    { kind: 'questions', label: 'Experience', minutes: 15, categories: ['behavioural'], competencies: ['conflict'] },
    { kind: 'technical', label: 'Technical', minutes: 15, categories: ['technical'], competencies: ['technical-depth'] },
  ],
  checklist: [
    { competency: 'conflict', label: 'Handling disagreement' },
    { competency: 'technical-depth', label: 'Technical depth' },
  ],
  keywords: ['PostgreSQL', 'Kubernetes', 'TypeScript'],
};

/** 62 words, all four STAR parts, "30%", I-statements: 5 singular, 3 plural. */
const ANSWER_0 =
  'At my last job the team was split on whether to migrate our database to PostgreSQL. ' +
  'My task was to get us to a decision within two weeks. ' +
  'I organised a meeting, I wrote a short comparison of both options and I proposed a trial on one service. ' +
  'As a result we agreed in one week and cut query time by 30%.';

/** 22 words, 6 fillers (um, basically, like, you know, i mean, kind of), result only. */
const ANSWER_1 = 'Um, so basically, like, the outcome was that we shipped it, you know, and I mean the team kind of liked it.';

const EVENTS: SessionEvent[] = [
  { type: 'started', t: 0, at: AT, seed: 'seed-42', engine: 'scripted', plan: PLAN },
  { type: 'phase', t: 0, at: AT, phaseIndex: 0, reason: 'start' },
  {
    type: 'asked', t: 1000, at: AT + 1000, promptId: 0, kind: 'question', phaseIndex: 0,
    text: 'Tell me about a time you disagreed with your team.', questionId: 'beh-conflict-01', competencies: ['conflict'],
  },
  { type: 'answered', t: 61_000, at: AT + 61_000, promptId: 0, text: ANSWER_0, startedT: 1000, mode: 'spoken' },
  {
    type: 'asked', t: 62_000, at: AT + 62_000, promptId: 1, kind: 'follow-up', phaseIndex: 0,
    text: 'What was the outcome?', parentQuestionId: 'beh-conflict-01', competencies: ['conflict'], rule: 'no-result',
  },
  { type: 'answered', t: 92_000, at: AT + 92_000, promptId: 1, text: ANSWER_1, startedT: 62_000, mode: 'typed' },
  { type: 'covered', t: 92_500, at: AT + 92_500, competency: 'conflict', promptId: 1 },
  { type: 'phase', t: 93_000, at: AT + 93_000, phaseIndex: 1, reason: 'covered' },
  {
    type: 'asked', t: 94_000, at: AT + 94_000, promptId: 2, kind: 'question', phaseIndex: 1,
    text: 'How does an index speed up a query?', questionId: 'tech-db-01', competencies: ['technical-depth'],
  },
  { type: 'skipped', t: 100_000, at: AT + 100_000, promptId: 2 },
  { type: 'asked', t: 101_000, at: AT + 101_000, promptId: 3, kind: 'closing', phaseIndex: 1, text: 'Thanks, that is all from me.', competencies: [] },
  { type: 'ended', t: 102_000, at: AT + 102_000, reason: 'completed' },
];

describe('buildReport', () => {
  const report = buildReport(EVENTS);

  it('copies session metadata', () => {
    expect(report.sessionStartedAt).toBe(AT);
    expect(report.seed).toBe('seed-42');
    expect(report.engine).toBe('scripted');
    expect(report.plan).toBe(PLAN);
    expect(report.durationMs).toBe(102_000);
    expect(report.endedBy).toBe('completed');
  });

  it('lists every prompt except closing lines, with answers and metrics', () => {
    expect(report.answers.map((a) => [a.promptId, a.kind, a.phaseLabel, a.skipped])).toEqual([
      [0, 'question', 'Experience', false],
      [1, 'follow-up', 'Experience', false],
      [2, 'question', 'Technical', true],
    ]);
    const [a0, a1, a2] = report.answers;
    expect(a0?.answer).toBe(ANSWER_0);
    expect(a0?.metrics?.wordCount).toBe(62);
    expect(a0?.metrics?.durationMs).toBe(60_000);
    expect(a0?.metrics?.wordsPerMinute).toBe(62);
    expect(a0?.metrics?.starCount).toBe(4);
    expect(a0?.metrics?.firstPersonSingular).toBe(5);
    expect(a0?.metrics?.firstPersonPlural).toBe(3);
    expect(a0?.metrics?.keywordsUsed).toEqual(['PostgreSQL']);
    // 1.5 (substantive) + 2.0 (4 STAR parts × 0.5) + 1.0 (number) + 0.5 (I 5 ≥ we 3)
    expect(a0?.score).toBe(5);
    expect(a0?.suggestions).toEqual([]);

    expect(a1?.rule).toBe('no-result');
    expect(a1?.metrics?.wordCount).toBe(22);
    expect(a1?.metrics?.mode).toBe('typed');
    expect(a1?.metrics?.wordsPerMinute).toBe(44);
    expect(a1?.metrics?.fillers.total).toBe(6);
    expect(a1?.metrics?.fillers.perHundredWords).toBe(27.3);
    expect(a1?.metrics?.starCount).toBe(1);
    expect(a1?.metrics?.hasNumbers).toBe(false);
    // 1.5 (substantive) + 0.5 (one STAR part) + 0.5 (I 1 ≥ we 1) − 0.5 (fillers)
    expect(a1?.score).toBe(2);
    expect(a1?.suggestions).toEqual(['Cut fillers: 6 in 22 words.']);

    expect(a2?.answer).toBeNull();
    expect(a2?.metrics).toBeNull();
    expect(a2?.score).toBe(0);
    expect(a2?.suggestions).toHaveLength(1);
  });

  it('scores covered competencies and leaves uncovered ones null', () => {
    expect(report.competencies).toEqual([
      {
        competency: 'conflict',
        label: 'Handling disagreement',
        covered: true,
        score: 3.5, // mean(5, 2) = 3.5
        basis: '2 answers: STAR parts 4/4 and 1/4, numbers in 1 of 2, 6 fillers',
        promptIds: [0, 1],
      },
      {
        competency: 'technical-depth',
        label: 'Technical depth',
        covered: false,
        score: null,
        basis: 'Not covered in this session',
        promptIds: [2],
      },
    ]);
    expect(report.overall).toBe(70); // 3.5 / 5 × 100
  });

  it('computes totals', () => {
    expect(report.totals).toEqual({
      words: 84,
      fillers: 6,
      answered: 2,
      skipped: 1,
      avgWpm: 62, // spoken answers only when there are any
      wpmMode: 'spoken',
      keywordsUsed: ['PostgreSQL'],
      keywordCoverage: 1 / 3,
    });
  });

  it('lists improvements, the uncovered competency first', () => {
    expect(report.improvements).toHaveLength(3);
    expect(report.improvements[0]).toBe(
      'Not covered: Technical depth. Prepare a short example for it: the situation, what you did, and the result.',
    );
    expect(report.improvements[1]).toBe("Cut fillers: 6 in 84 words (7.1 per 100). A short silent pause works better.");
    expect(report.improvements[2]).toBe(
      'Give fuller answers: you skipped 1 question. Aim for 1–2 minutes with one concrete example.',
    );
  });

  it('builds the transcript in event order, closing line included', () => {
    expect(report.transcript.map((e) => [e.speaker, e.promptId, e.t, e.skipped ?? false])).toEqual([
      ['interviewer', 0, 1000, false],
      ['candidate', 0, 61_000, false],
      ['interviewer', 1, 62_000, false],
      ['candidate', 1, 92_000, false],
      ['interviewer', 2, 94_000, false],
      ['candidate', 2, 100_000, true],
      ['interviewer', 3, 101_000, false],
    ]);
    expect(report.transcript[3]?.text).toBe(ANSWER_1);
  });

  it('is deterministic', () => {
    expect(buildReport(EVENTS)).toEqual(report);
  });

  it('counts skipped prompts as 0 for a covered competency, and reports a session that has not ended', () => {
    const events: SessionEvent[] = [
      ...EVENTS.slice(0, 9),
      { type: 'skipped', t: 100_000, at: AT + 100_000, promptId: 2 },
      { type: 'covered', t: 100_500, at: AT + 100_500, competency: 'technical-depth', promptId: 2 },
    ];
    const r = buildReport(events);
    expect(r.endedBy).toBeNull();
    expect(r.durationMs).toBe(100_500);
    expect(r.competencies[1]).toMatchObject({ covered: true, score: 0, basis: '1 answer (1 skipped)' });
    expect(r.overall).toBe(35); // mean(3.5, 0) / 5 × 100 = 1.75 / 5 × 100
    expect(r.improvements[0]).toBe('Cut fillers: 6 in 84 words (7.1 per 100). A short silent pause works better.');
  });

  it('has no overall score when nothing was covered, and flags missing results and "we"', () => {
    const story =
      'We were migrating the billing system and we had to finish before the audit. We split the work, we paired on the hard parts and we kept the stakeholders informed every week until the end.';
    const events: SessionEvent[] = [
      EVENTS[0]!,
      { type: 'asked', t: 1000, at: AT + 1000, promptId: 0, kind: 'question', phaseIndex: 0, text: 'Q?', competencies: ['conflict'] },
      { type: 'answered', t: 31_000, at: AT + 31_000, promptId: 0, text: story, startedT: 1000, mode: 'spoken' },
    ];
    const r = buildReport(events);
    expect(r.overall).toBeNull();
    expect(r.competencies.map((c) => c.score)).toEqual([null, null]);
    expect(r.answers[0]?.suggestions).toEqual([
      'Add the result: what changed, ideally with a number.',
      "Say what you did yourself: you said 'we' 5 times and 'I' not at all.",
    ]);
    expect(r.improvements).toEqual([
      'Not covered: Handling disagreement and Technical depth. Prepare a short example for each: the situation, what you did, and the result.',
      'Finish your stories with the result: 1 of 1 had no clear outcome. Say what changed, ideally with a number.',
      "Say what you did yourself: in 1 answer you said 'we' more than 'I'.",
    ]);
  });

  it('throws without a started event', () => {
    expect(() => buildReport([])).toThrow(/started/);
  });
});

describe('scoreAnswer', () => {
  const opts = { durationMs: 60_000, mode: 'spoken' as const, keywords: [] };

  it('scores technical answers on length instead of STAR', () => {
    const words40 = Array.from({ length: 40 }, () => 'index').join(' ');
    // 1.5 + 2 × 40/80 + 0.5 (no "we")
    expect(scoreAnswer(analyseAnswer(words40, opts), true)).toBe(3);
    const words100 = Array.from({ length: 100 }, () => 'index').join(' ');
    // 1.5 + 2 × min(1, 100/80) + 0.5 (no "we")
    expect(scoreAnswer(analyseAnswer(words100, opts), true)).toBe(4);
    // same text judged as behavioural: no STAR parts → 1.5 + 0.5 (no "we")
    expect(scoreAnswer(analyseAnswer(words100, opts), false)).toBe(2);
  });

  it('gives 0 to skipped or empty answers and no base point to short ones', () => {
    expect(scoreAnswer(null, false)).toBe(0);
    expect(scoreAnswer(analyseAnswer('', opts), false)).toBe(0);
    // no base point (< 20 words), but 0.5 for the action "I fixed" and 0.5 for "I" over "we"
    expect(scoreAnswer(analyseAnswer('I fixed it.', opts), false)).toBe(1);
  });

  it('gives exactly 5 to a complete behavioural answer and to a complete technical answer', () => {
    const story =
      'At my last job the nightly build was slow and often failed. My task was to make it reliable. ' +
      'I profiled every step, I added caching and I rewrote the flaky tests. ' +
      'As a result the build took 4 minutes instead of 20.';
    const s = analyseAnswer(story, opts);
    expect(s.wordCount).toBe(43); // 12 + 7 + 13 + 11
    expect(s.starCount).toBe(4);
    expect(s.hasNumbers).toBe(true);
    expect(s.firstPersonPlural).toBe(0);
    expect(s.fillers.total).toBe(0);
    // 1.5 (substantive) + 4 × 0.5 (STAR) + 1.0 (number) + 0.5 (only "I")
    expect(scoreAnswer(s, false)).toBe(5);

    const technical = `${Array.from({ length: 80 }, () => 'index').join(' ')} in 3 steps`;
    const t = analyseAnswer(technical, opts);
    expect(t.wordCount).toBe(83); // 80 × "index" + "in 3 steps"
    expect(t.hasNumbers).toBe(true);
    expect(t.fillers.total).toBe(0);
    // 1.5 (substantive) + 2.0 × min(1, 83/80) + 1.0 (number) + 0.5 (no "we")
    expect(scoreAnswer(t, true)).toBe(5);
  });
});

describe('competencyLabel', () => {
  it('prefers the checklist label and falls back to the default labels', () => {
    expect(competencyLabel('conflict', PLAN.checklist)).toBe('Handling disagreement');
    expect(competencyLabel('conflict')).toBe('Handling conflict');
    expect(competencyLabel('problem-solving')).toBe('Problem solving');
    expect(competencyLabel('system-design', PLAN.checklist)).toBe('System design');
  });
});

import { describe, it, expect } from 'vitest';
import { buildReport } from '../../src/analysis/report';
import { escapeBlock, escapeCell, escapeInline, formatClock, reportToMarkdown } from '../../src/analysis/markdown';
import type { InterviewPlan, SessionEvent } from '../../src/session/types';

const PLAN: InterviewPlan = {
  type: 'behavioural',
  role: 'Dev | Ops #1',
  roleFamily: 'engineering',
  seniority: 'senior',
  totalMinutes: 20,
  phases: [{ kind: 'questions', label: 'Stories', minutes: 20, categories: ['behavioural'], competencies: ['impact'] }],
  checklist: [
    { competency: 'impact', label: 'Impact | scope' },
    { competency: 'leadership', label: 'Leadership' },
  ],
  keywords: ['C#'],
};

const ANSWER = '# Not a heading\n- item | pipe `code`\n\n1. first <b>bold</b>\n```\nfence';

const EVENTS: SessionEvent[] = [
  { type: 'started', t: 0, at: Date.UTC(2024, 0, 2, 3, 4), seed: 'seed-7', engine: 'scripted', plan: PLAN },
  { type: 'asked', t: 1000, at: 0, promptId: 0, kind: 'question', phaseIndex: 0, text: 'Why *this* | role?', competencies: ['impact'] },
  { type: 'answered', t: 40_000, at: 0, promptId: 0, startedT: 2000, mode: 'typed', text: ANSWER },
  { type: 'covered', t: 41_000, at: 0, competency: 'impact', promptId: 0 },
  { type: 'asked', t: 42_000, at: 0, promptId: 1, kind: 'question', phaseIndex: 0, text: 'Tell me about leading.', competencies: ['leadership'] },
  { type: 'skipped', t: 43_000, at: 0, promptId: 1 },
  { type: 'ended', t: 65_000, at: 0, reason: 'ended-by-user' },
];

describe('escaping', () => {
  it('escapes inline syntax and line-start block syntax', () => {
    expect(escapeInline('# a | b `c` *d* _e_ <i> [x](y) ~z~ & \\')).toBe(
      '\\# a \\| b \\`c\\` \\*d\\* \\_e\\_ \\<i\\> \\[x\\](y) \\~z\\~ \\& \\\\',
    );
    expect(escapeInline('- item')).toBe('\\- item');
    expect(escapeInline('+ item')).toBe('\\+ item');
    expect(escapeInline('=====')).toBe('\\=====');
    expect(escapeInline('12. item')).toBe('12\\. item');
    expect(escapeInline('    code block?')).toBe('code block?');
    expect(escapeInline("don't e-mail 30% of c++ users.")).toBe("don't e-mail 30% of c++ users.");
  });

  it('keeps table cells on one line', () => {
    expect(escapeCell('a |\n b\r\nc')).toBe('a \\| b c');
  });

  it('turns newlines into hard breaks and blank lines into paragraph breaks', () => {
    expect(escapeBlock('one\ntwo\n\n\nthree')).toEqual(['one\\', 'two', '', 'three']);
    expect(escapeBlock('  \n ')).toEqual([]);
  });

  it('formats session clock times', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(65_400)).toBe('1:05');
    expect(formatClock(3_725_000)).toBe('1:02:05');
  });
});

describe('reportToMarkdown', () => {
  const md = reportToMarkdown(buildReport(EVENTS), { title: 'My | report', profileName: 'Ann_B' });
  const lines = md.split('\n');

  it('renders the header', () => {
    expect(lines.slice(0, 9)).toEqual([
      '# My \\| report',
      '',
      '- **Profile:** Ann\\_B',
      '- **Date:** 2024-01-02 03:04 UTC',
      '- **Plan:** behavioural · Dev \\| Ops \\#1 · senior · 20 min',
      '- **Duration:** 1:05 (ended early)',
      '- **Seed:** `seed-7` · **Interviewer:** scripted',
      '- **Overall:** 30/100', // impact 1.5 / 5 × 100 (leadership not covered)
      '',
    ]);
  });

  it('renders the competency table with escaped cells', () => {
    expect(md).toContain(
      [
        '| Competency | Covered | Score | Based on |',
        '| --- | --- | --- | --- |',
        // 12 words: no base; 0 STAR; + 1.0 (number "1.") + 0.5 (no "we") = 1.5
        '| Impact \\| scope | yes | 1.5/5 | 1 answer: STAR parts 0/4, numbers in 1 of 1, 0 fillers |',
        '| Leadership | no | – | Not covered in this session |',
      ].join('\n'),
    );
    // every table row has exactly 5 unescaped pipes
    for (const row of lines.filter((l) => l.startsWith('| '))) {
      expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(6);
    }
  });

  it('renders improvements as a numbered list', () => {
    expect(md).toContain('## Three things to work on\n\n1. Not covered: Leadership.');
  });

  it('renders the answer as a blockquote that cannot break out', () => {
    expect(md).toContain(
      [
        '### 1. Why \\*this\\* \\| role?',
        '',
        '*Stories · question · Impact \\| scope*',
        '',
        '> \\# Not a heading\\',
        '> \\- item \\| pipe \\`code\\`',
        '>',
        '> 1\\. first \\<b\\>bold\\</b\\>\\',
        '> \\`\\`\\`\\',
        '> fence',
        '',
        '12 words · 0:38 · 19 WPM (typed) · 0 fillers · STAR: – – – – · keywords: none',
      ].join('\n'),
    );
    expect(md).toContain('### 2. Tell me about leading.\n\n*Stories · question · Leadership*\n\n*Skipped.*');
    // no line of the document starts with user-provided block syntax
    expect(lines.filter((l) => /^(#|>)\s*(#|-|```|1\.)/.test(l) && !l.startsWith('## ') && !l.startsWith('### '))).toEqual([]);
    expect(lines.some((l) => l.startsWith('```'))).toBe(false);
  });

  it('renders the transcript', () => {
    const transcript = md.slice(md.indexOf('## Transcript'));
    expect(transcript).toContain('**Interviewer** (0:01): Why \\*this\\* \\| role?');
    expect(transcript).toContain('**You** (0:40): \\# Not a heading\\\n\\- item');
    expect(transcript).toContain('**You** (0:43): *skipped*');
    expect(md.endsWith('\n')).toBe(true);
  });

  it('marks STAR parts and spoken WPM', () => {
    const events: SessionEvent[] = [
      EVENTS[0]!,
      EVENTS[1]!,
      {
        type: 'answered', t: 31_000, at: 0, promptId: 0, startedT: 1000, mode: 'spoken',
        text: 'At my last job I rewrote the C# importer and as a result imports took 2 minutes instead of 20.',
      },
    ];
    const out = reportToMarkdown(buildReport(events), {});
    expect(out.startsWith('# Interview practice report\n')).toBe(true);
    expect(out).toContain('20 words · 0:30 · 40 WPM · 0 fillers · STAR: S – A R · keywords: C\\#');
  });
});

describe('reportToMarkdown: written feedback and partner scores', () => {
  const report = buildReport(EVENTS);
  it('adds the AI feedback per answer and the partner rubric scores, escaped', () => {
    const md = reportToMarkdown(report, {
      aiFeedback: {
        engine: 'webllm:llama-3.2-1b-webllm',
        createdAt: 0,
        answers: [{ promptId: 0, strengths: ['Clear *impact*.'], gaps: ['Say what | you did.'], stronger: 'I led it and cut costs by 30%.', score: 4, source: 'ai' }],
        competencies: [{ competency: 'impact', score: 4, source: 'ai' }],
      },
      peerScores: { partnerName: 'Sam', scores: [{ promptId: 0, score: 3, notes: 'More on <results>.' }] },
    });
    expect(md).toContain('## Written feedback');
    expect(md).toContain('By llama-3.2-1b-webllm.');
    expect(md).toContain('### Why \\*this\\* \\| role?');
    expect(md).toContain('- Score: 4/5');
    expect(md).toContain('- Strengths: Clear \\*impact\\*.');
    expect(md).toContain('- To improve: Say what \\| you did.');
    expect(md).toContain('- A stronger answer: I led it and cut costs by 30%.');
    expect(md).toContain('## Partner scores');
    expect(md).toContain('- Why \\*this\\* \\| role?: 3/5 — More on \\<results\\>.');
  });
  it('leaves both out when there is nothing', () => {
    const md = reportToMarkdown(report, {});
    expect(md).not.toContain('## Written feedback');
    expect(md).not.toContain('## Partner scores');
  });
});

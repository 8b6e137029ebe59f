/**
 * Markdown rendering of a SessionReport. All user- or model-provided text is escaped so that
 * answers containing '#', '|', backticks, HTML or newlines cannot break the document.
 */
import type { AnswerMetrics } from './metrics';
import { competencyLabel, type AnswerReport, type CodingReport, type CompetencyReport, type SessionReport, type TranscriptEntry } from './report';
import type { ChecklistItem } from '../session/types';
import { STAR_PARTS } from './star';
import type { AiFeedback } from '../llm/feedback';

export interface MarkdownMeta {
  title?: string;
  profileName?: string;
  /** The AI interviewer's written feedback, when the candidate asked for it. */
  aiFeedback?: AiFeedback;
  /** A partner's rubric scores and notes (peer interviews). */
  peerScores?: { partnerName: string; scores: readonly { promptId: number; score: number; notes: string }[] };
}

function aiFeedbackSection(report: SessionReport, fb: AiFeedback | undefined): string[] {
  if (!fb || fb.answers.length === 0) return [];
  const question = new Map(report.answers.map((a) => [a.promptId, a.question]));
  const out = ['## Written feedback', '', escapeInline(`By ${fb.engine.replace(/^[a-z]+:/, '')}. Rubric scores 1–5.`), ''];
  for (const a of fb.answers) {
    out.push(`### ${escapeInline(question.get(a.promptId) ?? `Answer ${a.promptId}`)}`, '');
    out.push(`- Score: ${a.score}/5${a.source === 'rules' ? ` ${escapeInline(`(rules: ${a.fallbackReason ?? 'no AI feedback'})`)}` : ''}`);
    out.push(`- Strengths: ${escapeInline(a.strengths.join(' '))}`);
    out.push(`- To improve: ${escapeInline(a.gaps.join(' '))}`);
    if (a.stronger) out.push(`- A stronger answer: ${escapeInline(a.stronger)}`);
    out.push('');
  }
  return out;
}

function peerSection(report: SessionReport, peer: MarkdownMeta['peerScores']): string[] {
  if (!peer || peer.scores.length === 0) return [];
  const question = new Map(report.answers.map((a) => [a.promptId, a.question]));
  const out = ['## Partner scores', '', escapeInline(`Scored by ${peer.partnerName || 'your partner'} (1–5).`), ''];
  for (const s of peer.scores) {
    out.push(`- ${escapeInline(question.get(s.promptId) ?? `Answer ${s.promptId}`)}: ${s.score}/5${s.notes ? ` — ${escapeInline(s.notes)}` : ''}`);
  }
  return [...out, ''];
}

/** Backslash-escape inline Markdown/HTML syntax in one line, and neutralise block syntax at its start. */
export function escapeInline(line: string): string {
  return line
    .trim()
    .replace(/[\\`*_[\]<>#|~&]/g, '\\$&')
    .replace(/^([-+=])/, '\\$1') // list item, setext heading underline
    .replace(/^(\d+)([.)])/, '$1\\$2'); // ordered list item
}

/** Escape text for a table cell: one line, pipes escaped. */
export function escapeCell(text: string): string {
  return escapeInline(text.replace(/\s*[\r\n]+\s*/g, ' '));
}

/** Escape multi-line text as a single paragraph with hard line breaks; blank lines separate paragraphs. */
export function escapeBlock(text: string): string[] {
  const paragraphs = text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.split(/\r?\n/).map(escapeInline).filter((l) => l !== ''))
    .filter((p) => p.length > 0);
  const lines: string[] = [];
  paragraphs.forEach((p, i) => {
    if (i > 0) lines.push('');
    // A trailing backslash is a hard line break in CommonMark.
    p.forEach((l, j) => lines.push(j < p.length - 1 ? `${l}\\` : l));
  });
  return lines;
}

function blockquote(text: string): string {
  const lines = escapeBlock(text);
  if (lines.length === 0) return '> *(empty)*';
  return lines.map((l) => (l === '' ? '>' : `> ${l}`)).join('\n');
}

/** Session time as m:ss (or h:mm:ss). */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Wall-clock date in UTC, "2024-05-01 10:00 UTC" (deterministic, independent of the machine's time zone). */
export function formatDate(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "S T A –": the STAR parts present, a dash for each missing one. */
export function starLetters(m: AnswerMetrics): string {
  return STAR_PARTS.map((p) => (m.star[p] ? p.charAt(0).toUpperCase() : '–')).join(' ');
}

function metricsLine(m: AnswerMetrics): string {
  const wpm = m.wordsPerMinute === null ? '– WPM' : `${m.wordsPerMinute} WPM${m.mode === 'typed' ? ' (typed)' : ''}`;
  const keywords = m.keywordsUsed.length > 0 ? m.keywordsUsed.map(escapeCell).join(', ') : 'none';
  return [
    `${m.wordCount} words`,
    formatClock(m.durationMs),
    wpm,
    `${m.fillers.total} fillers`,
    ...(m.speech
      ? [
          `spoke ${formatClock(m.speech.speakingMs)}`,
          `${m.speech.pausesOver2s} pauses over 2 s`,
          `${m.speech.fillersPerMinute ?? '–'} fillers/min`,
          `first word after ${m.speech.firstWordMs === null ? '–' : formatClock(m.speech.firstWordMs)}`,
        ]
      : []),
    `STAR: ${starLetters(m)}`,
    `keywords: ${keywords}`,
  ].join(' · ');
}

function header(report: SessionReport, meta: MarkdownMeta): string[] {
  const p = report.plan;
  const lines = [`# ${escapeCell(meta.title ?? 'Interview practice report')}`, ''];
  if (meta.profileName) lines.push(`- **Profile:** ${escapeCell(meta.profileName)}`);
  lines.push(
    `- **Date:** ${formatDate(report.sessionStartedAt)}`,
    `- **Plan:** ${escapeCell(p.type)} · ${escapeCell(p.role)} · ${escapeCell(p.seniority)} · ${p.totalMinutes} min`,
    `- **Duration:** ${formatClock(report.durationMs)}${report.endedBy === 'ended-by-user' ? ' (ended early)' : ''}`,
    `- **Seed:** \`${report.seed.replace(/`/g, '')}\` · **Interviewer:** ${escapeCell(report.engine)}`,
    `- **Overall:** ${report.overall === null ? 'not scored (no competency covered)' : `${report.overall}/100`}`,
    '',
  );
  return lines;
}

function competencyTable(competencies: readonly CompetencyReport[]): string[] {
  const rows = competencies.map(
    (c) =>
      `| ${escapeCell(c.label)} | ${c.covered ? 'yes' : 'no'} | ${c.score === null ? '–' : `${c.score.toFixed(1)}/5`} | ${escapeCell(c.basis)} |`,
  );
  return ['## Competencies', '', '| Competency | Covered | Score | Based on |', '| --- | --- | --- | --- |', ...rows, ''];
}

function improvementsSection(improvements: readonly string[]): string[] {
  const items = improvements.length > 0 ? improvements.map((s, i) => `${i + 1}. ${escapeCell(s)}`) : ['Nothing stood out. Keep practising.'];
  return ['## Three things to work on', '', ...items, ''];
}

function answerSection(a: AnswerReport, index: number, checklist: readonly ChecklistItem[]): string[] {
  const about = [a.phaseLabel, a.kind, ...a.competencies.map((c) => competencyLabel(c, checklist))];
  const lines = [`### ${index + 1}. ${escapeCell(a.question)}`, '', `*${about.map(escapeCell).join(' · ')}*`, ''];
  if (a.skipped) lines.push('*Skipped.*', '');
  else if (a.answer === null) lines.push('*Not answered.*', '');
  else lines.push(blockquote(a.answer), '');
  if (a.metrics) lines.push(metricsLine(a.metrics), '');
  if (a.suggestions.length > 0) lines.push(...a.suggestions.map((s) => `- ${escapeCell(s)}`), '');
  return lines;
}

function transcriptEntry(e: TranscriptEntry): string[] {
  const who = e.speaker === 'interviewer' ? '**Interviewer**' : '**You**';
  if (e.skipped) return [`${who} (${formatClock(e.t)}): *skipped*`, ''];
  const body = escapeBlock(e.text);
  const [first = '', ...rest] = body;
  return [`${who} (${formatClock(e.t)}): ${first}`, ...rest, ''];
}

/** A readable Markdown document for the report. */
function codingSection(rounds: readonly CodingReport[]): string[] {
  if (rounds.length === 0) return [];
  const lines = ['## Coding round', ''];
  for (const r of rounds) {
    lines.push(`### ${escapeCell(r.problemId)} (${r.language === 'ts' ? 'TypeScript' : 'JavaScript'})`, '');
    lines.push(
      `- Tests passed: ${r.passed} of ${r.total} · runs: ${r.runs} · time to first pass: ${r.timeToFirstPassMs === null ? '–' : formatClock(r.timeToFirstPassMs)} · hints: ${r.hintsUsed} · score: ${r.score === null ? 'not submitted' : `${r.score}/5`}`,
    );
    lines.push(r.complexity ? `- Complexity: ${escapeCell(r.complexity.answer)} (time ${r.complexity.time}, space ${r.complexity.space})` : '- Complexity: not answered');
    for (const point of r.review) lines.push(`- Review: ${escapeCell(point)}`);
    lines.push('');
  }
  return lines;
}

export function reportToMarkdown(report: SessionReport, meta: MarkdownMeta = {}): string {
  const lines = [
    ...header(report, meta),
    ...competencyTable(report.competencies),
    ...improvementsSection(report.improvements),
    ...peerSection(report, meta.peerScores),
    ...aiFeedbackSection(report, meta.aiFeedback),
    ...codingSection(report.coding),
    '## Answers',
    '',
    ...report.answers.flatMap((a, i) => answerSection(a, i, report.plan.checklist)),
    '## Transcript',
    '',
    ...report.transcript.flatMap(transcriptEntry),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}

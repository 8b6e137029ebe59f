import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../context';
import type { SessionRecord } from '../../db/types';
import type { SessionEvent } from '../../session/types';
import { buildReport, type SessionReport } from '../../analysis/report';
import { reportToMarkdown } from '../../analysis/markdown';
import { serialiseSessionExport } from '../../db/import';
import { defaultBank } from '../../interview/bank';
import { planTypeLabel } from '../../session/plan-input';
import { ScoreBars } from '../components/BarChart';
import { AnswerCard } from '../components/AnswerCard';
import { CodingSection } from '../components/CodingSection';
import { AiFeedbackSection } from '../ai/AiFeedbackSection';
import { downloadText, reportFileName } from '../download';
import { errorMessage, formatDate, formatDuration } from '../format';
import { lazyScreen } from '../lazy';

// The camera section (chart and table) loads only for sessions that have camera data.
// The peer rubric section loads only for peer interviews.
const PeerReport = lazyScreen<import('../peer/PeerReport').PeerReportProps>(() => import('../peer/PeerReport').then((m) => m.PeerReport));
const CameraReport = lazyScreen<import('../camera/CameraReport').CameraReportProps>(() => import('../camera/CameraReport').then((m) => m.CameraReport));

function overallLine(overall: number | null): string {
  if (overall === null) return 'No competency was covered, so there is no overall score.';
  if (overall >= 75) return 'Strong: clear, specific answers with results.';
  if (overall >= 50) return 'Solid, with room to add structure and results.';
  if (overall >= 25) return 'A start: answers need more concrete examples and outcomes.';
  return 'Answers were too short or vague to show the competencies.';
}

/** The report: summary first, then one card per answer, then the transcript; export and print. */
export function ReportScreen({ id }: { id: string }) {
  const { repo, notify } = useApp();
  const [data, setData] = useState<{ record: SessionRecord; events: SessionEvent[]; report: SessionReport } | null | 'missing'>(null);

  useEffect(() => {
    void (async () => {
      try {
        const record = await repo.getSession(id);
        const events = await repo.listEvents(id);
        if (!record || events.length === 0) return setData('missing');
        setData({ record, events, report: buildReport(events, { lexicon: defaultBank.technologies }) });
      } catch (err) {
        notify(`Could not load the report: ${errorMessage(err)}`, 'error');
        setData('missing');
      }
    })();
  }, [id]);

  if (data === null) return <p class="muted">Loading the report…</p>;
  if (data === 'missing')
    return (
      <section>
        <h1>Report not found</h1>
        <p>
          There is no interview with this id on this device. <a href="#/history">See your history</a>.
        </p>
      </section>
    );
  const { record, events, report } = data;
  const t = report.totals;
  const exportJson = (): void =>
    downloadText(reportFileName(record.createdAt, record.type, 'json'), serialiseSessionExport(record, events, `ai-interview-simulator ${import.meta.env.PACKAGE_VERSION}`, Date.now()), 'application/json');
  const exportMarkdown = (): void =>
    downloadText(reportFileName(record.createdAt, record.type, 'md'), reportToMarkdown(report, {
        profileName: record.profileName,
        ...(record.aiFeedback ? { aiFeedback: record.aiFeedback } : {}),
        ...(record.peer && record.peer.role === 'candidate' ? { peerScores: { partnerName: record.peer.partnerName, scores: record.peer.scores } } : {}),
      }), 'text/markdown');

  return (
    <section class="report">
      <h1>Interview report</h1>
      <p class="muted">
        {formatDate(record.createdAt)} · {planTypeLabel(record.type)} · {record.role} · {record.seniority} · {formatDuration(report.durationMs)} · seed{' '}
        <strong data-testid="report-seed">{report.seed}</strong>
        {report.endedBy === 'ended-by-user' && ' · ended early'}
      </p>
      <div class="actions no-print">
        <button type="button" onClick={exportMarkdown}>
          Export Markdown
        </button>
        <button type="button" onClick={exportJson} data-testid="export-json">
          Export JSON
        </button>
        <button type="button" onClick={() => print()}>
          Print / save as PDF
        </button>
      </div>
      <div class="card summary">
        <h2>Summary</h2>
        <p class="overall">
          <span class="big-number" data-testid="overall">
            {report.overall ?? '–'}
          </span>{' '}
          / 100 <span class="muted">— {overallLine(report.overall)}</span>
        </p>
        <ScoreBars label="Score per competency, out of 5" max={5} items={report.competencies.map((c) => ({ label: c.label, value: c.score }))} />
        <ul class="competencies" data-testid="competencies">
          {report.competencies.map((c) => (
            <li key={c.competency} data-competency={c.competency} data-covered={String(c.covered)}>
              <strong>{c.label}</strong>: {c.covered ? `${c.score}/5` : 'not covered'} <span class="muted small">— {c.basis}</span>
            </li>
          ))}
        </ul>
        <h3>Three things to work on</h3>
        <ol data-testid="improvements">
          {report.improvements.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ol>
        <p class="muted small" data-testid="totals">
          {t.answered} answered, {t.skipped} skipped · {t.words} words · {t.fillers} filler words
          {t.avgWpm !== null && ` · ${t.avgWpm} words/min${t.wpmMode === 'typed' ? ' (typed)' : ''}`}
          {report.plan.keywords.length > 0 &&
            ` · job keywords used: ${t.keywordsUsed.length} of ${report.plan.keywords.length}${t.keywordsUsed.length ? ` (${t.keywordsUsed.join(', ')})` : ''}`}
        </p>
        <p class="muted small">
          Scores are based on what can be counted in your answers: length, STAR parts found, results with numbers, “I” versus “we”, and filler words. They are a
          guide, not a verdict.
        </p>
      </div>
      {record.peer && <PeerReport record={record} report={report} />}
      <AiFeedbackSection record={record} report={report} onSaved={(aiFeedback) => setData({ ...data, record: { ...record, aiFeedback } })} />
      <CodingSection rounds={report.coding} />
      <h2>Your answers</h2>
      {report.answers.map((a, i) => (
        <AnswerCard key={a.promptId} a={a} index={i} />
      ))}
      {events.some((e) => e.type === 'camera') && <CameraReport events={events} promptIds={report.answers.map((a) => a.promptId)} />}
      <details class="card transcript">
        <summary>Transcript</summary>
        <ol data-testid="transcript">
          {report.transcript.map((e, i) => (
            <li key={i} class={e.speaker}>
              <strong>{e.speaker === 'interviewer' ? 'Interviewer' : 'You'}:</strong> {e.skipped ? <em>(skipped)</em> : e.text}
            </li>
          ))}
        </ol>
      </details>
      <p class="no-print">
        <a href="#/">Practise again</a> · <a href="#/history">History</a>
      </p>
    </section>
  );
}

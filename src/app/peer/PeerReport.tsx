import type { SessionRecord } from '../../db/types';
import type { SessionReport } from '../../analysis/report';

export interface PeerReportProps {
  record: SessionRecord;
  report: SessionReport;
}

/** The partner's rubric beside the automatic metrics, per answer, plus the peer transcript. */
export function PeerReport({ record, report }: PeerReportProps) {
  const peer = record.peer;
  if (!peer) return null;
  const scores = new Map(peer.scores.map((s) => [s.promptId, s]));
  const mean = peer.scores.length ? peer.scores.reduce((n, s) => n + s.score, 0) / peer.scores.length : null;
  const autoScores = report.answers.flatMap((a) => (a.score === null ? [] : [a.score]));
  const autoMean = autoScores.length ? autoScores.reduce((n, x) => n + x, 0) / autoScores.length : null;
  const interviewer = peer.role === 'candidate' ? peer.partnerName : 'You';
  return (
    <section class="card peer-report" aria-labelledby="peer-report-title" data-testid="peer-report">
      <h2 id="peer-report-title">Peer interviewer's rubric</h2>
      <p>
        Interviewed by <strong>{interviewer}</strong>
        {peer.role === 'interviewer' ? ` (you interviewed ${peer.partnerName})` : ''}. Peer score:{' '}
        <strong data-testid="peer-mean">{mean === null ? '–' : `${mean.toFixed(1)}/5`}</strong> over {peer.scores.length} scored answer(s); automatic score:{' '}
        <strong>{autoMean === null ? '–' : `${autoMean.toFixed(1)}/5`}</strong>.
      </p>
      <p class="muted small">
        The peer score is a person's judgement against the rubric (structure, specifics, own contribution, results); the automatic score counts what can be counted. Where
        they disagree, read the notes.
      </p>
      <table class="history">
        <thead>
          <tr>
            <th scope="col">Question</th>
            <th scope="col">Peer</th>
            <th scope="col">Automatic</th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {report.answers.map((a) => {
            const s = scores.get(a.promptId);
            return (
              <tr key={a.promptId} data-testid={`peer-score-${a.promptId}`}>
                <td>{a.question}</td>
                <td>{s ? `${s.score}/5` : '–'}</td>
                <td>{a.score === null ? '–' : `${a.score}/5`}</td>
                <td>{s?.notes || <span class="muted">—</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {peer.lastRun && (
        <p>
          Last shared-editor run: {peer.lastRun.passed} of {peer.lastRun.total} tests passed ({peer.lastRun.problemId}).
        </p>
      )}
      <details>
        <summary>Live transcript ({peer.lines.length} lines)</summary>
        <ol>
          {peer.lines.map((l) => (
            <li key={l.id}>
              <strong>{l.speaker}:</strong> {l.text}
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}

import type { CodingReport } from '../../analysis/report';
import { defaultBank } from '../../interview/bank';
import { formatDuration } from '../format';

const VERDICT: Record<string, string> = { correct: '✓ correct', incorrect: '✗ not what we expected', missing: '– not given' };

/** The report's coding section: tests, runs, time to first pass, hints, the complexity answer and the review. */
export function CodingSection({ rounds }: { rounds: CodingReport[] }) {
  if (rounds.length === 0) return null;
  return (
    <section class="card coding-report" aria-labelledby="coding-report-title" data-testid="coding-report">
      <h2 id="coding-report-title">Coding round</h2>
      {rounds.map((r) => {
        const problem = defaultBank.problems.find((p) => p.id === r.problemId);
        return (
          <article key={r.promptId} data-problem-id={r.problemId}>
            <h3>
              {problem?.title ?? r.problemId} <span class="muted small">({problem?.difficulty ?? ''}, {r.language === 'ts' ? 'TypeScript' : 'JavaScript'})</span>
            </h3>
            <dl class="metrics">
              <div>
                <dt>Tests passed</dt>
                <dd data-testid="coding-tests">
                  {r.passed} of {r.total}
                </dd>
              </div>
              <div>
                <dt>Runs</dt>
                <dd data-testid="coding-runs">{r.runs}</dd>
              </div>
              <div>
                <dt>Time to first pass</dt>
                <dd data-testid="coding-first-pass">{r.timeToFirstPassMs === null ? 'never passed every test' : formatDuration(r.timeToFirstPassMs)}</dd>
              </div>
              <div>
                <dt>Hints used</dt>
                <dd data-testid="coding-hints">{r.hintsUsed}</dd>
              </div>
              <div>
                <dt>Score</dt>
                <dd data-testid="coding-score">{r.score === null ? 'not submitted' : `${r.score}/5`}</dd>
              </div>
            </dl>
            <p data-testid="coding-complexity">
              <strong>Complexity:</strong>{' '}
              {r.complexity ? (
                <>
                  “{r.complexity.answer}” — time {VERDICT[r.complexity.time]}, space {VERDICT[r.complexity.space]}
                  {problem && (
                    <span class="muted small">
                      {' '}
                      (expected {problem.complexity.time} time, {problem.complexity.space} space)
                    </span>
                  )}
                </>
              ) : (
                'not answered'
              )}
            </p>
            {r.review.length > 0 && (
              <>
                <h4>Review</h4>
                <ul data-testid="coding-review">
                  {r.review.map((point) => (
                    <li key={point}>{point}</li>
                  ))}
                </ul>
              </>
            )}
            {r.code && (
              <details>
                <summary>Your final code</summary>
                <pre class="code">
                  <code>{r.code}</code>
                </pre>
              </details>
            )}
          </article>
        );
      })}
    </section>
  );
}

import type { Problem, RunResult, TestResult } from '../../coding/types';
import { formatArgs, formatValue } from './format';

export type RunStatus = 'idle' | 'running' | 'submitting' | 'stopped' | 'done' | 'error';

function statusText(status: RunStatus, result: RunResult | null, error: string | null): string {
  switch (status) {
    case 'idle':
      return 'Not run yet.';
    case 'running':
      return 'Running…';
    case 'submitting':
      return 'Running the tests before submitting…';
    case 'stopped':
      return 'Run stopped.';
    case 'error':
      return `The run failed: ${error ?? 'unknown error'}`;
    case 'done':
      return result ? `Finished in ${Math.round(result.ms)} ms.` : 'Finished.';
  }
}

/** Status, summary and per-test results of the last run. */
export function TestResults(props: { problem: Problem; status: RunStatus; result: RunResult | null; error: string | null }) {
  const { result } = props;
  const ce = result?.compileError;
  return (
    <section class="coding-tests" aria-labelledby="coding-tests-title">
      <h2 id="coding-tests-title">Tests and console</h2>
      <div class="coding-live" aria-live="polite" aria-atomic="true">
        <p data-testid="run-status" class={`run-status ${props.status}`}>
          {statusText(props.status, result, props.error)}
        </p>
        {result && (
          <p data-testid="test-summary" class={`test-summary ${result.passed === result.total ? 'all-passed' : 'some-failed'}`}>
            {result.passed} of {result.total} tests passed
          </p>
        )}
        {ce && (
          <div class="compile-error" data-testid="compile-error" role="alert">
            <p>
              <strong>Compile error{ce.line !== undefined ? ` on line ${ce.line}${ce.column !== undefined ? `, column ${ce.column}` : ''}` : ''}:</strong>
            </p>
            <pre>{ce.message}</pre>
          </div>
        )}
        {result?.fatal && <p class="error-text">The run stopped: {result.fatal}</p>}
      </div>
      {result && result.results.length > 0 && (
        <ol class="test-list">
          {result.results.map((t) => (
            <TestItem key={t.index} problem={props.problem} test={t} />
          ))}
        </ol>
      )}
    </section>
  );
}

function TestItem({ problem, test }: { problem: Problem; test: TestResult }) {
  const note = test.passed ? undefined : problem.tests[test.index]?.note;
  return (
    <li class={`test-result ${test.passed ? 'passed' : 'failed'}`} data-testid="test-result" data-passed={test.passed ? 'true' : 'false'}>
      <p class="test-head">
        <span class="test-icon" aria-hidden="true">
          {test.passed ? '✓' : '✗'}
        </span>
        <strong>
          Test {test.index + 1}: {test.passed ? 'passed' : 'failed'}
        </strong>
        <span class="muted small"> · {test.ms < 1 ? '<1' : Math.round(test.ms)} ms</span>
      </p>
      {note && <p class="small test-note">Edge case: {note}</p>}
      <dl class="coding-kv">
        <dt>Input</dt>
        <dd>
          <code>{formatArgs(problem, test.input)}</code>
        </dd>
        <dt>Expected</dt>
        <dd>
          <code>{formatValue(test.expected)}</code>
        </dd>
        {!test.error && (
          <>
            <dt>Actual</dt>
            <dd>
              <code>{formatValue(test.actual)}</code>
            </dd>
          </>
        )}
      </dl>
      {test.diff && (
        <div class="test-diff">
          <p class="small muted">Difference</p>
          <pre>{test.diff}</pre>
        </div>
      )}
      {test.error && (
        <div class="test-error">
          <p class="small">
            <strong>Error</strong>
          </p>
          <pre>{test.error}</pre>
        </div>
      )}
      {test.console.length > 0 && (
        <details class="test-console">
          <summary>
            Console output ({test.console.length} {test.console.length === 1 ? 'line' : 'lines'})
          </summary>
          <pre>{test.console.join('\n')}</pre>
        </details>
      )}
    </li>
  );
}

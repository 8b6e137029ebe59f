import type { Problem } from '../../coding/types';
import { formatArgs, formatValue } from './format';

/** The problem statement, the function signature and the worked examples. */
export function ProblemPanel({ problem }: { problem: Problem }) {
  const paragraphs = problem.statement.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== '');
  const sig = `${problem.signature.name}(${problem.signature.params.map((p) => `${p.name}: ${p.type}`).join(', ')}): ${problem.signature.returns}`;
  return (
    <section class="coding-problem-statement" aria-labelledby="coding-problem-title">
      <h2 id="coding-problem-title">
        {problem.title} <span class={`badge difficulty-${problem.difficulty}`}>{problem.difficulty}</span>
      </h2>
      {paragraphs.map((p, i) => (
        <p key={i} class="statement">
          {p}
        </p>
      ))}
      <p class="small">
        <span class="muted">Function: </span>
        <code>{sig}</code>
      </p>
      {problem.examples.length > 0 && <h3>Examples</h3>}
      {problem.examples.map((ex, i) => (
        <div class="coding-example" key={i}>
          <p class="coding-example-title">Example {i + 1}</p>
          <dl class="coding-kv">
            <dt>Input</dt>
            <dd>
              <code>{formatArgs(problem, ex.input, 400)}</code>
            </dd>
            <dt>Output</dt>
            <dd>
              <code>{formatValue(ex.output, 400)}</code>
            </dd>
            {ex.explanation && (
              <>
                <dt>Explanation</dt>
                <dd>{ex.explanation}</dd>
              </>
            )}
          </dl>
        </div>
      ))}
    </section>
  );
}

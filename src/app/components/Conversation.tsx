import type { SessionState } from '../../session/state';

/** Earlier questions and answers of this interview (all but the current prompt). */
export function Conversation({ state }: { state: SessionState }) {
  const past = state.prompts.filter((p) => p.promptId !== state.current?.promptId && p.kind !== 'closing');
  if (past.length === 0) return null;
  return (
    <details class="conversation">
      <summary>Conversation so far ({past.length} {past.length === 1 ? 'question' : 'questions'})</summary>
      <ol data-testid="conversation">
        {past.map((p) => {
          const o = state.outcomes.get(p.promptId);
          return (
            <li key={p.promptId}>
              <p class="q">
                <span class="sr-only">Interviewer: </span>
                {p.text}
              </p>
              <p class="a">
                <span class="sr-only">You: </span>
                {o?.type === 'answered' ? o.text : o?.type === 'skipped' ? <em>Skipped</em> : <em>Not answered</em>}
              </p>
            </li>
          );
        })}
      </ol>
    </details>
  );
}

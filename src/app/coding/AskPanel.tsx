import { useState } from 'preact/hooks';

/** "Ask a question": a small form whose answers come from onAsk (the agent's clarifying answers). */
export function AskPanel(props: { onAsk(question: string): string }) {
  const [question, setQuestion] = useState('');
  const [log, setLog] = useState<{ q: string; a: string }[]>([]);

  function ask(e: Event) {
    e.preventDefault();
    const q = question.trim();
    if (q === '') return;
    setLog([...log, { q, a: props.onAsk(q) }]);
    setQuestion('');
  }

  return (
    <section class="coding-ask" aria-labelledby="coding-ask-title">
      <h3 id="coding-ask-title">Ask a question</h3>
      <form class="coding-ask-form" onSubmit={ask}>
        <label for="coding-ask-input" class="sr-only">
          Ask the interviewer a clarifying question
        </label>
        <input
          id="coding-ask-input"
          type="text"
          data-testid="ask-input"
          placeholder="e.g. Can the input be empty?"
          value={question}
          onInput={(e) => setQuestion((e.currentTarget as HTMLInputElement).value)}
        />
        <button type="submit" data-testid="ask-button">
          Ask
        </button>
      </form>
      <div aria-live="polite">
        {log.length > 0 && (
          <ol class="coding-ask-log">
            {log.map((entry, i) => (
              <li key={i}>
                <p class="q">
                  <span class="sr-only">You asked: </span>
                  {entry.q}
                </p>
                <p class="a" data-testid="ask-answer">
                  <span class="sr-only">Interviewer: </span>
                  {entry.a}
                </p>
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}

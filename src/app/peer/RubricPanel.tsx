import { useEffect, useState } from 'preact/hooks';
import type { PeerController, PeerView } from '../../peer/peer-session';
import type { AskedEvent } from '../../session/state';

const LEVELS: { value: number; label: string }[] = [
  { value: 1, label: '1 – weak' },
  { value: 2, label: '2' },
  { value: 3, label: '3 – adequate' },
  { value: 4, label: '4' },
  { value: 5, label: '5 – excellent' },
];

/** Score one answer 1–5 with notes; saved on both devices when "Save score" is pressed. */
function ScoreForm({ controller, prompt, saved }: { controller: PeerController; prompt: AskedEvent; saved: { score: number; notes: string } | undefined }) {
  const [score, setScore] = useState(saved?.score ?? 0);
  const [notes, setNotes] = useState(saved?.notes ?? '');
  useEffect(() => {
    setScore(saved?.score ?? 0);
    setNotes(saved?.notes ?? '');
  }, [prompt.promptId]);
  const name = `rubric-${prompt.promptId}`;
  return (
    <form
      class="peer-score"
      data-testid={`rubric-${prompt.promptId}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (score > 0) controller.score(prompt.promptId, score, notes);
      }}
    >
      <fieldset>
        <legend>Score for: {prompt.text}</legend>
        <div class="peer-levels">
          {LEVELS.map((l) => (
            <label key={l.value}>
              <input type="radio" name={name} value={l.value} checked={score === l.value} onChange={() => setScore(l.value)} /> {l.label}
            </label>
          ))}
        </div>
        <label class="field">
          <span>Notes for the candidate</span>
          <textarea rows={2} value={notes} onInput={(e) => setNotes(e.currentTarget.value)} maxLength={4000} />
        </label>
        <div class="actions">
          <button type="submit" disabled={score === 0}>
            Save score
          </button>
          {saved && (
            <span class="small muted" role="status">
              Saved: {saved.score}/5
            </span>
          )}
        </div>
      </fieldset>
    </form>
  );
}

/** The interviewer's rubric: the current answer first, then earlier ones (newest first). */
export function RubricPanel({ controller, view }: { controller: PeerController; view: PeerView }) {
  const state = view.state;
  if (!state) return null;
  const scorable = state.prompts.filter((p) => p.kind !== 'closing' && (state.outcomes.get(p.promptId)?.type === 'answered' || state.current?.promptId === p.promptId));
  const byPrompt = new Map(view.scores.map((s) => [s.promptId, s]));
  return (
    <section class="card peer-rubric" aria-labelledby="rubric-title">
      <h2 id="rubric-title">Rubric</h2>
      <p class="muted small">1 = weak, 3 = adequate, 5 = excellent: structure, specifics, your own contribution, results. The candidate sees your scores and notes in their report.</p>
      {scorable.length === 0 && <p class="muted">Answers to score appear here.</p>}
      {[...scorable].reverse().map((p) => (
        <ScoreForm key={p.promptId} controller={controller} prompt={p} saved={byPrompt.get(p.promptId)} />
      ))}
    </section>
  );
}

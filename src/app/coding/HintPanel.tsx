import { useState } from 'preact/hooks';
import { MAX_HINTS } from '../../coding/agent';
import type { Problem } from '../../coding/types';

const LEVEL_NAMES = ['a nudge', 'an approach', 'nearly the solution'] as const;

/** "Hint (2 left — hints lower your score)": reveals the problem's hints one at a time through onHint. */
export function HintPanel(props: { problem: Problem; hintsUsed: number; onHint(): { text: string; level: number } | null }) {
  const [revealed, setRevealed] = useState<{ text: string; level: number }[]>([]);
  const used = Math.min(MAX_HINTS, Math.max(0, props.hintsUsed));
  // Hints shown before a remount are rebuilt from the problem; those revealed here win (same text anyway).
  const shown =
    revealed.length >= used ? revealed : props.problem.hints.slice(0, used).map((text, i) => ({ text, level: i + 1 }));
  const left = MAX_HINTS - Math.max(used, shown.length);

  function reveal() {
    const hint = props.onHint();
    if (hint) setRevealed([...shown, hint]);
  }

  return (
    <section class="coding-hints" aria-labelledby="coding-hints-title">
      <h3 id="coding-hints-title">Hints</h3>
      <button type="button" data-testid="hint-button" disabled={left <= 0} onClick={reveal}>
        {left > 0 ? `Hint (${left} left — hints lower your score)` : 'No hints left'}
      </button>
      <ol class="coding-hint-list" aria-live="polite">
        {shown.map((h) => (
          <li key={h.level} class="hint">
            <span class="sr-only">Hint {h.level}, </span>
            <span class="muted small" aria-hidden="true">
              Hint {h.level} ({LEVEL_NAMES[h.level - 1] ?? 'hint'}):{' '}
            </span>
            {h.text}
          </li>
        ))}
      </ol>
    </section>
  );
}

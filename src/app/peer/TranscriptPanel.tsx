import { useState } from 'preact/hooks';
import type { PeerController, PeerView } from '../../peer/peer-session';
import { PeerMic } from './PeerMic';

/**
 * The live transcript: each side's lines come from its own device (speech-to-text or typed) and are sent
 * as text; no audio is recorded or sent except the live call itself.
 */
export function TranscriptPanel({ controller, view }: { controller: PeerController; view: PeerView }) {
  const [text, setText] = useState('');
  const send = (): void => {
    if (controller.say(text, 'typed')) setText('');
  };
  const partner = view.partnerName ?? 'Partner';
  return (
    <section class="card peer-transcript" aria-labelledby="transcript-title">
      <h2 id="transcript-title">Live transcript</h2>
      <ol class="peer-lines" data-testid="peer-transcript" aria-live="polite">
        {view.lines.map((l) => (
          <li key={l.id} class={l.speaker === view.role ? 'mine' : 'theirs'} data-speaker={l.speaker}>
            <strong>{l.speaker === view.role ? 'You' : partner}</strong> <span class="muted small">({l.speaker})</span>: {l.text}
          </li>
        ))}
        {view.lines.length === 0 && <li class="muted">Nothing said yet.</li>}
      </ol>
      <PeerMic controller={controller} />
      <form
        class="peer-say"
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        <label class="field">
          <span>Type what you said (or use speech-to-text)</span>
          <input value={text} onInput={(e) => setText(e.currentTarget.value)} data-testid="say-input" maxLength={4000} />
        </label>
        <button type="submit" disabled={text.trim() === ''}>
          Add line
        </button>
      </form>
    </section>
  );
}

import type { SpeakFailure } from '../../media/tts';

interface Props {
  /** The interviewer's current line, split with splitSentences() (the same split the Speaker speaks). */
  sentences: string[];
  /** Index of the sentence being spoken, or null (not speaking / finished). */
  current: number | null;
  /** Whether the voice is speaking (or spoke) this line; false shows the "reading captions" note. */
  spoken: boolean;
  /** SpeakResult.reason: with it, the note shows only for 'no-voice' and 'error' (not after a stop or a timeout). */
  reason?: SpeakFailure | undefined;
}

/**
 * Captions for the interviewer's line, with the sentence being spoken highlighted. Screen readers get the
 * full text once (the highlighted copy is aria-hidden, so the changing highlight is not re-announced).
 */
export function Captions({ sentences, current, spoken, reason }: Props) {
  if (sentences.length === 0) return null;
  const voiceUnavailable = !spoken && (reason === undefined || reason === 'no-voice' || reason === 'error');
  return (
    <div class="captions" data-testid="captions">
      <p class="sr-only">{sentences.join(' ')}</p>
      <p class="captions-text" aria-hidden="true">
        {sentences.map((s, i) => (
          <span key={i}>
            {i === current ? (
              <mark class="caption-current" data-testid="caption-current">
                {s}
              </mark>
            ) : (
              s
            )}
            {i < sentences.length - 1 ? ' ' : ''}
          </span>
        ))}
      </p>
      {voiceUnavailable && (
        <p class="muted small captions-note" data-testid="captions-note">
          (voice unavailable: reading captions)
        </p>
      )}
    </div>
  );
}

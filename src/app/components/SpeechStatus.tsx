/** What the interviewer's voice is doing (or that captions replace it). */
export function SpeechStatus(props: { speaking: boolean; sentence: number | null; sentences: number; reason: string | null }) {
  const { speaking, sentence, sentences, reason } = props;
  return (
    <p class="muted small" data-testid="tts-status" data-speaking={String(speaking)} data-reason={reason ?? ''}>
      {speaking
        ? `Speaking${sentence !== null && sentences > 1 ? ` (sentence ${sentence + 1} of ${sentences})` : ''}…`
        : reason === 'no-voice' || reason === 'error'
          ? 'Voice unavailable in this browser: reading captions.'
          : ''}
    </p>
  );
}

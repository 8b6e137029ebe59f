import type { Ref } from 'preact';
import { countWords } from '../../analysis/text';

interface Props {
  value: string;
  disabled: boolean;
  busy: boolean;
  draftStatus: 'idle' | 'saving' | 'saved' | 'error';
  textareaRef: Ref<HTMLTextAreaElement>;
  onInput(text: string): void;
  onSubmit(): void;
  hint: string | null;
}

/** The typed answer: a large text area, Ctrl/⌘+Enter to send, draft-saved status and a word count. */
export function AnswerBox({ value, disabled, busy, draftStatus, textareaRef, onInput, onSubmit, hint }: Props) {
  const words = countWords(value);
  return (
    <form
      class="answer"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <label for="answer-text">Your answer</label>
      <textarea
        id="answer-text"
        ref={textareaRef}
        rows={7}
        value={value}
        disabled={disabled}
        aria-describedby="answer-help answer-status"
        onInput={(e) => onInput((e.currentTarget as HTMLTextAreaElement).value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            onSubmit();
          }
        }}
      />
      <div class="answer-row">
        <p id="answer-help" class="muted small">
          Press <kbd>Ctrl</kbd>+<kbd>Enter</kbd> to send. Aim for a concrete example: the situation, what you did, and the result.
        </p>
        <p id="answer-status" class="muted small" aria-live="polite" data-testid="draft-status">
          {words} {words === 1 ? 'word' : 'words'}
          {draftStatus === 'saved' && ' · draft saved'}
          {draftStatus === 'saving' && ' · saving…'}
          {draftStatus === 'error' && ' · draft NOT saved'}
        </p>
      </div>
      {hint && (
        <p class="hint" role="status">
          {hint}
        </p>
      )}
      <button type="submit" class="primary" disabled={disabled || busy}>
        {busy ? 'Sending…' : 'Send answer'}
      </button>
    </form>
  );
}

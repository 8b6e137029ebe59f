import type { Settings } from '../../db/types';

/** Typing or voice: the choice is remembered in the settings. */
export function AnswerModeSwitch({ mode, onChange }: { mode: Settings['answerMode']; onChange(mode: Settings['answerMode']): void }) {
  return (
    <fieldset class="answer-mode">
      <legend>Answer by</legend>
      <label class="radio">
        <input type="radio" name="answer-mode" checked={mode === 'typed'} onChange={() => onChange('typed')} /> Typing
      </label>
      <label class="radio">
        <input type="radio" name="answer-mode" checked={mode === 'voice'} onChange={() => onChange('voice')} /> Voice
        <span class="muted small"> (speech is transcribed on this device; the model is downloaded once)</span>
      </label>
    </fieldset>
  );
}

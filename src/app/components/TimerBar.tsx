import type { InterviewPlan } from '../../session/types';
import type { WarningEvent } from '../../session/state';
import { formatClock, formatDuration } from '../format';

interface Props {
  plan: InterviewPlan;
  phaseIndex: number;
  phaseElapsedMs: number;
  totalElapsedMs: number;
  warning: WarningEvent | null;
}

const WARNING_TEXT: Record<WarningEvent['level'], string> = {
  'phase-running-long': 'This part is running long: start wrapping up your answer.',
  'phase-time-up': "Time for this part is up: we'll move on after this answer.",
  'total-time-up': "The interview's time is up: we'll wrap up after this answer.",
};

/** Phase, time left in the phase and in the interview, and a progress bar over the phases. */
export function TimerBar({ plan, phaseIndex, phaseElapsedMs, totalElapsedMs, warning }: Props) {
  const phase = plan.phases[phaseIndex];
  const phaseLeft = (phase?.minutes ?? 0) * 60_000 - phaseElapsedMs;
  const totalLeft = plan.totalMinutes * 60_000 - totalElapsedMs;
  const showWarning = warning && warning.phaseIndex === phaseIndex;
  return (
    <section class="timer" aria-label="Time">
      <div class="timer-row">
        <div>
          <span class="muted">Part {phaseIndex + 1} of {plan.phases.length}: </span>
          <strong data-testid="phase-label">{phase?.label ?? ''}</strong>
        </div>
        <div class={phaseLeft < 0 ? 'overtime' : ''}>
          <span class="muted">Left in this part </span>
          <strong data-testid="phase-time-left" aria-label={`${formatDuration(phaseLeft)} left in this part`}>
            {formatClock(phaseLeft)}
          </strong>
        </div>
        <div>
          <span class="muted">Interview </span>
          <strong data-testid="total-time-left" aria-label={`${formatDuration(totalLeft)} left in the interview`}>
            {formatClock(totalLeft)}
          </strong>
        </div>
      </div>
      <ol class="phase-track" aria-label="Parts of the interview">
        {plan.phases.map((p, i) => (
          <li
            key={i}
            class={i < phaseIndex ? 'done' : i === phaseIndex ? 'current' : ''}
            style={{ flexGrow: p.minutes }}
            aria-current={i === phaseIndex ? 'step' : undefined}
          >
            <span class="sr-only">
              {p.label}, {p.minutes} minutes{i < phaseIndex ? ', done' : i === phaseIndex ? ', current' : ''}
            </span>
          </li>
        ))}
      </ol>
      {showWarning && (
        <p class="timer-warning" role="status" data-testid="time-warning">
          {WARNING_TEXT[warning.level]}
        </p>
      )}
    </section>
  );
}

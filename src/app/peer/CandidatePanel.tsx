import type { PeerView } from '../../peer/peer-session';
import { TimerBar } from '../components/TimerBar';

/** What the candidate sees: the interviewer's current question (as a caption) and the time. */
export function CandidatePanel({ view }: { view: PeerView }) {
  const state = view.state;
  if (!state?.plan) return <p class="muted" role="status">Waiting for the interviewer to start…</p>;
  const cur = state.current;
  const ended = state.status === 'ended';
  return (
    <div class="peer-candidate">
      <TimerBar plan={state.plan} phaseIndex={state.phaseIndex} phaseElapsedMs={view.clockT - state.phaseStartT} totalElapsedMs={view.clockT} warning={state.lastWarning} />
      <section class="card" aria-labelledby="cand-q-title">
        <h2 id="cand-q-title">{ended ? 'The interview has ended' : 'The question'}</h2>
        {cur && (
          <p class="question" data-testid="candidate-question" data-prompt-id={cur.promptId}>
            {cur.text}
          </p>
        )}
        {state.status === 'paused' && <p role="status">The interviewer paused the interview.</p>}
        {ended && view.sessionId && (
          <p>
            {view.finished ? (
              <a href={`#/report/${encodeURIComponent(view.sessionId)}`} data-testid="open-report">
                Open your report
              </a>
            ) : (
              'Preparing your report…'
            )}
          </p>
        )}
      </section>
    </div>
  );
}

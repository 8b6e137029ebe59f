import { useState } from 'preact/hooks';
import type { PeerController, PeerView } from '../../peer/peer-session';
import { alternativeQuestions, followUpIdeas } from '../../peer/suggestions';
import { defaultBank } from '../../interview/bank';
import { TimerBar } from '../components/TimerBar';
import { ChecklistPanel } from '../components/ChecklistPanel';

const KIND_LABEL: Record<string, string> = { 'follow-up': 'Follow-up', coding: 'Coding problem', intro: 'Opening', 'wrap-up': 'Wrap-up', 'candidate-questions': "Candidate's questions" };

/** What the interviewer sees: plan, timer, checklist, what to ask now, suggestions and the controls. */
export function InterviewerPanel({ controller, view }: { controller: PeerController; view: PeerView }) {
  const [busy, setBusy] = useState(false);
  const state = view.state;
  if (!state?.plan) return <p class="muted">Starting the interview…</p>;
  const plan = state.plan;
  const cur = state.current;
  const answer = cur ? view.lines.filter((l) => l.speaker === 'candidate' && l.promptId === cur.promptId).map((l) => l.text).join(' ') : '';
  const ideas = followUpIdeas(state, answer);
  const alternatives = alternativeQuestions(state);
  const act = async (f: () => Promise<void>): Promise<void> => {
    setBusy(true);
    try {
      await f();
    } finally {
      setBusy(false);
    }
  };
  const ended = state.status === 'ended';
  return (
    <div class="peer-interviewer">
      <TimerBar plan={plan} phaseIndex={state.phaseIndex} phaseElapsedMs={view.clockT - state.phaseStartT} totalElapsedMs={view.clockT} warning={state.lastWarning} />
      <section class="card" aria-labelledby="ask-title">
        <h2 id="ask-title">{ended ? 'The interview has ended' : 'Ask this'}</h2>
        {cur && (
          <>
            <p class="muted small">{KIND_LABEL[cur.kind] ?? 'Question'}</p>
            <p class="question" data-testid="question" data-prompt-id={cur.promptId}>
              {cur.text}
            </p>
            <p class="small">
              <strong>Candidate's answer so far:</strong> <span data-testid="answer-so-far">{answer || <em class="muted">nothing yet</em>}</span>
            </p>
          </>
        )}
        <div class="controls">
          {!ended && (
            <>
              <button type="button" class="primary" disabled={busy || !cur} onClick={() => void act(() => controller.next())}>
                {answer ? 'Record answer, next question' : 'Next question'}
              </button>
              <button type="button" disabled={busy || !cur} onClick={() => void act(() => controller.skip())}>
                Skip
              </button>
              {state.status === 'paused' ? (
                <button type="button" onClick={() => void act(() => controller.resume())}>
                  Resume
                </button>
              ) : (
                <button type="button" onClick={() => void act(() => controller.pause())}>
                  Pause
                </button>
              )}
              <button type="button" onClick={() => void act(() => controller.end())}>
                End interview
              </button>
            </>
          )}
          <button type="button" disabled={busy || view.link !== 'open'} onClick={() => void act(() => controller.swap())}>
            Swap roles
          </button>
        </div>
        {ended && view.sessionId && (
          <p>
            <a href={`#/report/${encodeURIComponent(view.sessionId)}`}>Open the report</a> (your copy) — or swap roles to be interviewed with a fresh plan.
          </p>
        )}
      </section>
      {!ended && (ideas.length > 0 || alternatives.length > 0) && (
        <section class="card" aria-labelledby="suggest-title">
          <h2 id="suggest-title">Suggestions</h2>
          {ideas.length > 0 && (
            <>
              <h3>Follow-ups on this answer</h3>
              <ul data-testid="follow-up-ideas">{ideas.map((t) => <li key={t}>{t}</li>)}</ul>
            </>
          )}
          {alternatives.length > 0 && (
            <>
              <h3>Other questions for this part</h3>
              <ul>{alternatives.map((t) => <li key={t}>{t}</li>)}</ul>
            </>
          )}
        </section>
      )}
      <ChecklistPanel items={plan.checklist} covered={state.covered} />
      <section class="card" aria-labelledby="problem-title">
        <h2 id="problem-title">Shared coding problem</h2>
        <label class="field">
          <span>Problem in the shared editor</span>
          <select value={view.problemId ?? ''} onChange={(e) => e.currentTarget.value && controller.setProblem(e.currentTarget.value)} data-testid="problem-select">
            <option value="">Choose a problem…</option>
            {defaultBank.problems.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title} ({p.difficulty})
              </option>
            ))}
          </select>
        </label>
      </section>
    </div>
  );
}

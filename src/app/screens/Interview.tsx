import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../context';
import { navigate } from '../router';
import { getLiveSession, setLiveSession } from '../live-session';
import { finishSession, restoreSession, type LiveSession } from '../../session/session-service';
import type { SessionState } from '../../session/state';
import { errorMessage } from '../format';
import { TimerBar } from '../components/TimerBar';
import { ChecklistPanel } from '../components/ChecklistPanel';
import { Conversation } from '../components/Conversation';
import { AnswerBox } from '../components/AnswerBox';
import { useInterviewVoice } from '../voice/useInterviewVoice';
import { VoicePanel } from '../voice/VoicePanel';
import { AnswerModeSwitch } from '../components/AnswerModeSwitch';
import { SpeechStatus } from '../components/SpeechStatus';
import { lazyScreen } from '../lazy';
import { defaultBank } from '../../interview/bank';
import type { SessionScheduler } from '../../session/scheduler';
import type { CodingProgress } from '../../session/state';
import type { Problem } from '../../coding/types';

// The coding room (CodeMirror, the sandbox client) loads only when a coding round starts.
const CodingPhase = lazyScreen<{ scheduler: SessionScheduler; promptId: number; problem: Problem; progress: CodingProgress; notify(m: string, k?: 'info' | 'error'): void }>(() =>
  import('../coding/CodingPhase').then((m) => m.CodingPhase),
);
import { AutoFocusButton } from '../components/AutoFocusButton';
import { createInterviewerEngine, subscribeDraft } from '../ai/interviewer-service';
import { candidateProfile } from '../start';
// Camera cues (optional) load on their own: the room does not wait for them.
const CameraPanel = lazyScreen<import('../camera/CameraPanel').CameraPanelProps>(() => import('../camera/CameraPanel').then((m) => m.CameraPanel));

const KIND_LABEL: Record<string, string> = {
  intro: 'Introduction',
  question: 'Question',
  'follow-up': 'Follow-up',
  coding: 'Problem solving',
  'candidate-questions': 'Your questions',
  'wrap-up': 'Wrap-up',
  closing: 'Closing',
};

/** The interview room: the interviewer's question, the answer box, the timer, the checklist and the controls. */
export function InterviewScreen({ id }: { id: string }) {
  const { repo, notify, settings, updateSettings, activeProfile } = useApp();
  const [live, setLive] = useState<LiveSession | null>(() => getLiveSession(id));
  const [state, setState] = useState<SessionState | null>(() => live?.scheduler.snapshot ?? null);
  const [missing, setMissing] = useState(false);
  const [, setTick] = useState(0);
  const [draft, setDraft] = useState('');
  const startedT = useRef<number | null>(null);
  const [draftStatus, setDraftStatus] = useState<'idle' | 'saving' | 'saved' | 'error'>('idle');
  const [busy, setBusy] = useState(false);
  // The AI interviewer is writing its next line (it may take a few seconds on a CPU).
  const [writing, setWriting] = useState(false);
  useEffect(() => subscribeDraft((e) => setWriting(e.type !== 'end')), []);
  const [hint, setHint] = useState<string | null>(null);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [repeatCount, setRepeatCount] = useState(0);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const restored = useRef(false);

  // Restore after a reload or a closed tab: the log gives the state, the draft row the text being typed.
  useEffect(() => {
    if (live) return;
    let cancelled = false;
    void (async () => {
      try {
        const s = await restoreSession(repo, id, undefined, createInterviewerEngine(settings, candidateProfile(activeProfile)));
        if (cancelled) return;
        if (!s) return setMissing(true);
        if (s.scheduler.snapshot.status === 'ended') {
          // Ended, but the tab closed before the summary was stored: store it now.
          if (s.record.status !== 'completed') await finishSession(repo, id, s.scheduler.events);
          return navigate({ name: 'report', id });
        }
        const d = await repo.getDraft(id);
        if (d && d.promptId === s.scheduler.snapshot.current?.promptId) {
          setDraft(d.text);
          startedT.current = d.startedT;
        }
        restored.current = true;
        setLiveSession(s);
        setLive(s);
        setState(s.scheduler.snapshot);
      } catch (err) {
        notify(`Could not load this interview: ${errorMessage(err)}`, 'error');
        setMissing(true);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [id]);

  useEffect(() => (live ? live.scheduler.subscribe(setState) : undefined), [live]);

  // One tick a second: redraw the timer, let the scheduler give its warnings, checkpoint the clock.
  useEffect(() => {
    if (!live) return;
    let n = 0;
    const timer = setInterval(() => {
      setTick((t) => t + 1);
      if (!live.scheduler.running) return;
      live.scheduler.tick().catch((err: unknown) => notify(errorMessage(err), 'error'));
      if (++n % 5 === 0) void repo.updateSession(id, { checkpointT: live.scheduler.now() }).catch(() => undefined);
    }, 1000);
    return () => clearInterval(timer);
  }, [live]);

  // The interview ended: store the summary and show the report.
  useEffect(() => {
    if (!live || state?.status !== 'ended') return;
    finishSession(repo, id, live.scheduler.events).then(
      () => {
        setLiveSession(null);
        navigate({ name: 'report', id });
      },
      (err: unknown) => notify(errorMessage(err), 'error'),
    );
  }, [state?.status]);

  const current = state?.current ?? null;
  const running = live?.scheduler.running ?? false;
  const voice = useInterviewVoice({
    current,
    running,
    settings,
    onSpokenAnswer: (promptId, text, speech) => {
      if (!live) return;
      setBusy(true);
      live.scheduler
        .answer(promptId, text, Math.max(0, live.scheduler.now() - speech.audioMs), 'spoken', speech)
        .catch((err: unknown) => {
          // Nothing is lost: the transcript goes into the answer box to send again.
          setDraft(text);
          notify(errorMessage(err), 'error');
        })
        .finally(() => setBusy(false));
    },
  });
  const voiceActive = settings.answerMode === 'voice' && voice.model.status === 'ready';

  // A new question: focus the answer box (keyboard users can type at once).
  useEffect(() => {
    if (running) textareaRef.current?.focus();
  }, [current?.promptId, running]);

  // Save the draft as the candidate types (debounced), with a clock checkpoint.
  const saveDraft = useCallback(
    async (text: string) => {
      if (!live || !current) return;
      setDraftStatus('saving');
      try {
        await repo.saveDraft({ sessionId: id, promptId: current.promptId, text, startedT: startedT.current, updatedAt: Date.now() }, live.scheduler.now());
        setDraftStatus('saved');
      } catch (err) {
        setDraftStatus('error');
        notify(errorMessage(err), 'error');
      }
    },
    [live, current?.promptId],
  );
  const pending = useRef<{ timer: ReturnType<typeof setTimeout>; text: string } | null>(null);
  const flushDraft = useCallback(() => {
    if (!pending.current) return;
    clearTimeout(pending.current.timer);
    const { text } = pending.current;
    pending.current = null;
    void saveDraft(text);
  }, [saveDraft]);
  useEffect(() => {
    addEventListener('pagehide', flushDraft);
    return () => removeEventListener('pagehide', flushDraft);
  }, [flushDraft]);

  const onInput = (text: string): void => {
    setDraft(text);
    setHint(null);
    if (startedT.current === null && live) startedT.current = live.scheduler.now();
    if (pending.current) clearTimeout(pending.current.timer);
    pending.current = { text, timer: setTimeout(flushDraft, 400) };
  };

  const act = async (op: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    try {
      await op();
      return true;
    } catch (err) {
      notify(errorMessage(err), 'error');
      return false;
    } finally {
      setBusy(false);
    }
  };

  if (missing) {
    return (
      <section>
        <h1>Interview not found</h1>
        <p>
          This interview is not on this device. <a href="#/">Start a new one</a>.
        </p>
      </section>
    );
  }
  if (!live || !state || !state.plan) return <p class="muted">Loading the interview…</p>;
  const scheduler = live.scheduler;
  const codingRound = current ? state.coding.get(current.promptId) : undefined;
  const problem = codingRound ? defaultBank.problems.find((p) => p.id === codingRound.problemId) : undefined;

  const submit = (): void => {
    if (!current || busy || !running) return;
    if (draft.trim() === '') return setHint('Type an answer first, or use Skip to move on.');
    if (pending.current) clearTimeout(pending.current.timer);
    pending.current = null;
    void act(() => scheduler.answer(current.promptId, draft.trim(), startedT.current, 'typed')).then((ok) => {
      if (!ok) return;
      setDraft('');
      startedT.current = null;
      setDraftStatus('idle');
    });
  };

  return (
    <section class="interview" aria-labelledby="interview-title">
      <h1 id="interview-title" class="sr-only">
        Interview
      </h1>
      <TimerBar
        plan={state.plan}
        phaseIndex={state.phaseIndex}
        phaseElapsedMs={scheduler.phaseElapsedMs()}
        totalElapsedMs={scheduler.now()}
        warning={state.lastWarning}
      />
      <p class="muted small engine-line" data-testid="engine" data-engine={state.engine}>
        {state.engine === 'scripted' || state.engine === '' ? 'Scripted interviewer' : `AI interviewer: ${state.engine.replace(/^[a-z]+:/, '')}`}
      </p>
      <div class="room">
        <div class="room-main">
          <div class="interviewer" aria-live="polite" aria-atomic="true">
            <p class="kind muted" data-testid="prompt-kind">
              {current ? KIND_LABEL[current.kind] : ''}
              {current?.fallbackReason && <span class="small" data-testid="fallback-reason"> (scripted: {current.fallbackReason})</span>}
            </p>
            <p class={`question${repeatCount % 2 ? ' flash' : ''}`} data-testid="question" data-prompt-id={current?.promptId} data-rule={current?.rule}>
              {current?.text ?? 'Finishing…'}
            </p>
            {writing && (
              <p class="muted small" role="status" data-testid="ai-writing">
                The interviewer is thinking about your answer…
              </p>
            )}
            {current && settings.speakQuestions && (
              <SpeechStatus speaking={voice.speaking} sentence={voice.sentence} sentences={voice.sentences.length} reason={voice.spokenReason} />
            )}
          </div>
          {!running && state.status !== 'ended' ? (
            <div class="paused card" role="region" aria-label="Paused">
              <p>{restored.current ? 'Welcome back. Your interview was interrupted; everything up to here is saved.' : 'The interview is paused. The clock is stopped.'}</p>
              <button type="button" class="primary" onClick={() => void act(() => scheduler.resume())}>
                {restored.current ? 'Resume interview' : 'Resume'}
              </button>
            </div>
          ) : null}
          {codingRound && problem && current ? (
            <CodingPhase scheduler={scheduler} promptId={current.promptId} problem={problem} progress={codingRound} notify={notify} />
          ) : (
            <>
          <AnswerModeSwitch mode={settings.answerMode} onChange={(answerMode) => void updateSettings({ answerMode })} />
          {settings.answerMode === 'voice' && running && <VoicePanel voice={voice} />}
          <AnswerBox
            value={draft}
            disabled={!running || !current || (voiceActive && voice.view?.phase === 'transcribing')}
            busy={busy}
            draftStatus={draftStatus}
            textareaRef={textareaRef}
            onInput={onInput}
            onSubmit={submit}
            hint={hint}
          />
            </>
          )}
          <div class="controls" role="group" aria-label="Interview controls">
            <button type="button" disabled={!current || busy} onClick={() => current && void act(() => scheduler.repeat(current.promptId)).then(() => setRepeatCount((c) => c + 1))}>
              Repeat question
            </button>
            <button type="button" disabled={!current || busy || !running} onClick={() => current && void act(() => scheduler.skip(current.promptId)).then(() => setDraft(''))}>
              Skip
            </button>
            <button type="button" disabled={busy || state.status === 'ended'} onClick={() => void act(() => (running ? scheduler.pause() : scheduler.resume()))}>
              {running ? 'Pause' : 'Resume'}
            </button>
            <button type="button" class="danger" disabled={busy} onClick={() => setConfirmEnd(true)}>
              End interview
            </button>
          </div>
          {confirmEnd && (
            <div class="card confirm" role="alertdialog" aria-labelledby="end-title" aria-describedby="end-desc">
              <p id="end-title">
                <strong>End the interview now?</strong>
              </p>
              <p id="end-desc">Your answers so far are kept{draft.trim() ? ', including the text in the answer box' : ''}, and you will see your report.</p>
              <AutoFocusButton class="danger" onClick={() => void act(() => scheduler.end({ text: draft, startedT: startedT.current })).then(() => setConfirmEnd(false))}>
                End and see report
              </AutoFocusButton>{' '}
              <button type="button" onClick={() => setConfirmEnd(false)}>
                Keep going
              </button>
            </div>
          )}
          <Conversation state={state} />
        </div>
        <aside class="room-side" aria-label="Checklist and session">
          <ChecklistPanel items={state.plan.checklist} covered={state.covered} />
          <CameraPanel sessionId={id} scheduler={scheduler} voiceSpeaking={voiceActive ? (voice.view?.candidateSpeaking ?? false) : null} />
          <p class="muted small">
            Seed <strong data-testid="seed">{state.seed}</strong>: enter it on the setup screen to get the same questions again.
          </p>
        </aside>
      </div>
    </section>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../context';
import { href } from '../router';
import type { SessionRecord } from '../../db/types';
import { planInputFor, planTypeLabel } from '../../session/plan-input';
import { PlanLine } from '../components/PlanLine';
import { errorMessage, formatDate } from '../format';

/** Fetch the interview code as soon as the candidate points at Start (it is not needed for the first paint). */
function preloadInterview(): void {
  void import('../start');
}

/** Home: one primary action (start), a resume banner, recent sessions. */
export function HomeScreen() {
  const { repo, settings, activeProfile, notify } = useApp();
  const [active, setActive] = useState<SessionRecord | null>(null);
  const [recent, setRecent] = useState<SessionRecord[]>([]);
  const [starting, setStarting] = useState(false);
  const input = planInputFor(activeProfile);

  useEffect(() => {
    void (async () => {
      setActive((await repo.findActiveSession()) ?? null);
      setRecent((await repo.listSessions()).filter((s) => s.status === 'completed').slice(0, 3));
    })();
  }, [repo]);

  const start = async (): Promise<void> => {
    setStarting(true);
    try {
      const { startInterview } = await import('../start');
      await startInterview(repo, activeProfile, input, null, settings);
    } catch (err) {
      notify(`Could not start the interview: ${errorMessage(err)}`, 'error');
      setStarting(false);
    }
  };

  return (
    <section class="home">
      <h1>Practise a job interview</h1>
      {active && (
        <div class="card resume" role="region" aria-label="Unfinished interview" data-testid="resume-banner">
          <p>
            You have an unfinished interview: {planTypeLabel(active.type)} · {active.role}, started {formatDate(active.createdAt)}. Everything you said is saved.
          </p>
          <a class="button primary" href={href({ name: 'interview', id: active.id })}>
            Resume interview
          </a>
        </div>
      )}
      <div class="card start">
        <p class="lead">
          The interviewer asks, you answer. You get a report at the end. Everything stays on this device.
        </p>
        <p>
          <PlanLine input={input} /> <a href="#/setup">Change</a>
        </p>
        <p class="muted small">
          {activeProfile ? (
            <>Practising as {activeProfile.name}.</>
          ) : (
            <>
              No profile yet: <a href="#/profiles">add your role and job description</a> for questions that fit.
            </>
          )}
        </p>
        <button
          type="button"
          class="primary big"
          onClick={() => void start()}
          onPointerEnter={preloadInterview}
          onFocus={preloadInterview}
          disabled={starting}
        >
          {starting ? 'Starting…' : 'Start practice'}
        </button>
      </div>
      {recent.length > 0 && (
        <div class="recent">
          <h2>Recent sessions</h2>
          <ul>
            {recent.map((s) => (
              <li key={s.id}>
                <a href={href({ name: 'report', id: s.id })}>
                  {formatDate(s.createdAt)} · {planTypeLabel(s.type)} · {s.role}
                </a>{' '}
                <span class="score">{s.summary?.overall ?? '–'} / 100</span>
              </li>
            ))}
          </ul>
          <a href="#/history">All sessions</a>
        </div>
      )}
    </section>
  );
}

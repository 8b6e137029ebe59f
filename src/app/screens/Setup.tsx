import { useMemo, useState } from 'preact/hooks';
import { useApp } from '../context';
import { INTERVIEW_TYPES, SENIORITIES, type InterviewType, type Seniority } from '../../session/types';
import { MAX_MINUTES, MIN_MINUTES, planTypeLabel } from '../../session/plans';
import { normaliseSeed } from '../../session/rng';
import { planFor } from '../../session/session-service';
import { planInputFor } from '../../session/plan-input';
import { PlanPreview } from '../components/PlanPreview';
import { startInterview } from '../start';
import { errorMessage } from '../format';
import { AiInterviewerCard } from '../ai/AiInterviewer';

const LENGTHS = [10, 15, 20, 30, 45, 60];

/** Setup: who is interviewed, which plan, an optional seed; the plan preview. Choices are remembered per profile. */
export function SetupScreen() {
  const { repo, settings, profiles, activeProfile, updateSettings, reloadProfiles, notify } = useApp();
  const [input, setInput] = useState(() => planInputFor(activeProfile));
  const [seedText, setSeedText] = useState('');
  const [seedError, setSeedError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const plan = useMemo(() => planFor(input), [input]);

  const choose = async (patch: Partial<typeof input>): Promise<void> => {
    const next = { ...input, ...patch };
    setInput(next);
    if (!activeProfile) return;
    try {
      await repo.saveProfile({ ...activeProfile, role: next.role, interviewType: next.type, minutes: next.minutes, seniority: next.seniority, updatedAt: Date.now() });
      await reloadProfiles();
    } catch (err) {
      notify(errorMessage(err), 'error');
    }
  };

  const start = async (e: Event): Promise<void> => {
    e.preventDefault();
    let seed: string | null = null;
    if (seedText.trim() !== '') {
      seed = normaliseSeed(seedText);
      if (!seed) return setSeedError('A seed is 1–32 letters, digits or dashes, like K7QX2M.');
    }
    setSeedError(null);
    setStarting(true);
    try {
      await startInterview(repo, activeProfile, input, seed, settings);
    } catch (err) {
      notify(`Could not start the interview: ${errorMessage(err)}`, 'error');
      setStarting(false);
    }
  };

  return (
    <section class="setup">
      <h1>Set up your interview</h1>
      <form onSubmit={(e) => void start(e)} class="setup-grid">
        <div class="card">
          <div class="field">
            <label for="setup-profile">Profile</label>
            <select
              id="setup-profile"
              value={activeProfile?.id ?? ''}
              onChange={async (e) => {
                const id = e.currentTarget.value || null;
                await updateSettings({ activeProfileId: id });
                setInput(planInputFor(profiles.find((p) => p.id === id) ?? null));
              }}
            >
              <option value="">Guest (no profile)</option>
              {profiles.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} — {p.role}
                </option>
              ))}
            </select>
            <a href="#/profiles" class="small">
              Manage profiles
            </a>
          </div>
          <div class="field">
            <label for="setup-role">Target role</label>
            <input
              id="setup-role"
              type="text"
              maxLength={100}
              value={input.role}
              onChange={(e) => {
                const role = e.currentTarget.value.trim();
                if (role) void choose({ role });
              }}
            />
          </div>
          <fieldset>
            <legend>Interview type</legend>
            {INTERVIEW_TYPES.map((t) => (
              <label key={t} class="radio">
                <input type="radio" name="type" value={t} checked={input.type === t} onChange={() => void choose({ type: t as InterviewType })} /> {planTypeLabel(t)}
              </label>
            ))}
          </fieldset>
          <div class="field-row">
            <div class="field">
              <label for="setup-minutes">Length</label>
              <select id="setup-minutes" value={String(input.minutes)} onChange={(e) => void choose({ minutes: Number(e.currentTarget.value) })}>
                {[...new Set([...LENGTHS, input.minutes])]
                  .filter((m) => m >= MIN_MINUTES && m <= MAX_MINUTES)
                  .sort((a, b) => a - b)
                  .map((m) => (
                    <option key={m} value={String(m)}>
                      {m} minutes
                    </option>
                  ))}
              </select>
            </div>
            <div class="field">
              <label for="setup-seniority">Seniority</label>
              <select id="setup-seniority" value={input.seniority} onChange={(e) => void choose({ seniority: e.currentTarget.value as Seniority })}>
                {SENIORITIES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div class="field">
            <label for="setup-seed">Seed <span class="muted">(optional: the same seed gives the same questions)</span></label>
            <input
              id="setup-seed"
              type="text"
              value={seedText}
              maxLength={32}
              autoComplete="off"
              spellcheck={false}
              aria-invalid={seedError ? 'true' : undefined}
              aria-describedby={seedError ? 'seed-error' : undefined}
              onInput={(e) => setSeedText(e.currentTarget.value)}
            />
            {seedError && (
              <p id="seed-error" class="error-text" role="alert">
                {seedError}
              </p>
            )}
          </div>
          <AiInterviewerCard compact />
          <button type="submit" class="primary big" disabled={starting || plan.checklist.length === 0}>
            {starting ? 'Starting…' : 'Start interview'}
          </button>
        </div>
        <div class="card">
          <PlanPreview plan={plan} />
          {plan.checklist.length === 0 && (
            <p class="hint" role="status">
              No questions in the bank fit this combination. Choose another interview type or role.
            </p>
          )}
        </div>
      </form>
    </section>
  );
}

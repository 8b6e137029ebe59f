import { useState } from 'preact/hooks';
import type { Profile } from '../../db/types';
import { INTERVIEW_TYPES, SENIORITIES, type InterviewType, type Seniority } from '../../session/types';
import { MAX_MINUTES, MIN_MINUTES, planTypeLabel, PLAN_DEFAULTS } from '../../session/plan-input';

export type ProfileDraft = Omit<Profile, 'id' | 'createdAt' | 'updatedAt'>;

export function emptyProfile(): ProfileDraft {
  return {
    name: '',
    role: PLAN_DEFAULTS.role,
    seniority: PLAN_DEFAULTS.seniority,
    jobDescription: '',
    resume: '',
    interviewType: PLAN_DEFAULTS.type,
    minutes: PLAN_DEFAULTS.minutes,
  };
}

const TEXT_LIMIT = 20_000;

interface Props {
  initial: ProfileDraft;
  submitLabel: string;
  onSave(p: ProfileDraft): Promise<void>;
  onCancel?: () => void;
}

/** Create or edit a profile. Every field has a visible label; errors are shown next to the form. */
export function ProfileForm({ initial, submitLabel, onSave, onCancel }: Props) {
  const [p, setP] = useState<ProfileDraft>(initial);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof ProfileDraft>(k: K, v: ProfileDraft[K]): void => setP((old) => ({ ...old, [k]: v }));

  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (p.name.trim() === '') return setError('Give the profile a name.');
    if (p.role.trim() === '') return setError('Enter the role you are practising for.');
    setError(null);
    setSaving(true);
    try {
      await onSave({ ...p, name: p.name.trim(), role: p.role.trim() });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form class="profile-form" onSubmit={(e) => void save(e)} aria-describedby={error ? 'profile-error' : undefined}>
      <div class="field">
        <label for="pf-name">Profile name</label>
        <input id="pf-name" type="text" value={p.name} maxLength={100} required autoComplete="off" onInput={(e) => set('name', e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="pf-role">Target role</label>
        <input id="pf-role" type="text" value={p.role} maxLength={100} required onInput={(e) => set('role', e.currentTarget.value)} />
      </div>
      <div class="field-row">
        <div class="field">
          <label for="pf-seniority">Seniority</label>
          <select id="pf-seniority" value={p.seniority} onChange={(e) => set('seniority', e.currentTarget.value as Seniority)}>
            {SENIORITIES.map((s) => (
              <option key={s} value={s}>
                {s[0]?.toUpperCase() + s.slice(1)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="pf-type">Interview type</label>
          <select id="pf-type" value={p.interviewType} onChange={(e) => set('interviewType', e.currentTarget.value as InterviewType)}>
            {INTERVIEW_TYPES.map((t) => (
              <option key={t} value={t}>
                {planTypeLabel(t)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="pf-minutes">Length (minutes)</label>
          <input
            id="pf-minutes"
            type="number"
            min={MIN_MINUTES}
            max={MAX_MINUTES}
            step={1}
            value={p.minutes}
            onInput={(e) => set('minutes', Math.min(MAX_MINUTES, Math.max(MIN_MINUTES, Number(e.currentTarget.value) || PLAN_DEFAULTS.minutes)))}
          />
        </div>
      </div>
      <div class="field">
        <label for="pf-jd">Job description <span class="muted">(optional: technologies in it get probed)</span></label>
        <textarea id="pf-jd" rows={6} maxLength={TEXT_LIMIT} value={p.jobDescription} onInput={(e) => set('jobDescription', e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="pf-resume">Resume <span class="muted">(optional, plain text)</span></label>
        <textarea id="pf-resume" rows={6} maxLength={TEXT_LIMIT} value={p.resume} onInput={(e) => set('resume', e.currentTarget.value)} />
      </div>
      {error && (
        <p id="profile-error" class="error-text" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={saving}>
          {saving ? 'Saving…' : submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

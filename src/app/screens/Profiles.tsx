import { useState } from 'preact/hooks';
import { useApp } from '../context';
import type { Profile } from '../../db/types';
import { ProfileForm, emptyProfile, type ProfileDraft } from '../components/ProfileForm';
import { planTypeLabel } from '../../session/plan-input';
import { errorMessage } from '../format';
import { AutoFocusButton } from '../components/AutoFocusButton';

function newProfileId(): string {
  return crypto.randomUUID();
}

/** Create, edit, delete local profiles and choose the active one. */
export function ProfilesScreen() {
  const { repo, profiles, settings, updateSettings, reloadProfiles, notify } = useApp();
  const [editing, setEditing] = useState<Profile | 'new' | null>(profiles.length === 0 ? 'new' : null);
  const [confirmDelete, setConfirmDelete] = useState<Profile | null>(null);

  const save = async (draft: ProfileDraft): Promise<void> => {
    const now = Date.now();
    const isNew = editing === 'new' || editing === null;
    const base = isNew ? { id: newProfileId(), createdAt: now } : { id: editing.id, createdAt: editing.createdAt };
    await repo.saveProfile({ ...base, ...draft, updatedAt: now });
    if (isNew || !settings.activeProfileId) await updateSettings({ activeProfileId: base.id });
    await reloadProfiles();
    setEditing(null);
    notify(isNew ? `Profile “${draft.name}” created and selected.` : `Profile “${draft.name}” saved.`);
  };

  const remove = async (p: Profile): Promise<void> => {
    try {
      await repo.deleteProfile(p.id);
      if (settings.activeProfileId === p.id) await updateSettings({ activeProfileId: null });
      await reloadProfiles();
      notify(`Profile “${p.name}” deleted. Its past reports are kept in History.`);
    } catch (err) {
      notify(errorMessage(err), 'error');
    }
    setConfirmDelete(null);
  };

  return (
    <section>
      <h1>Profiles</h1>
      <p class="muted">A profile holds the role you practise for and, optionally, a job description and your resume. It is stored only on this device.</p>
      {profiles.length > 0 && (
        <ul class="profiles" data-testid="profiles">
          {profiles.map((p) => {
            const active = p.id === settings.activeProfileId;
            return (
              <li key={p.id} class={`card${active ? ' active' : ''}`}>
                <div>
                  <strong>{p.name}</strong> {active && <span class="badge">Active</span>}
                  <p class="muted small">
                    {p.role} · {p.seniority} · {planTypeLabel(p.interviewType)} · {p.minutes} min
                  </p>
                </div>
                <div class="actions">
                  {!active && (
                    <button type="button" onClick={() => void updateSettings({ activeProfileId: p.id })} aria-label={`Use profile ${p.name}`}>
                      Use
                    </button>
                  )}
                  <button type="button" onClick={() => setEditing(p)} aria-label={`Edit profile ${p.name}`}>
                    Edit
                  </button>
                  <button type="button" class="danger" onClick={() => setConfirmDelete(p)} aria-label={`Delete profile ${p.name}`}>
                    Delete
                  </button>
                </div>
                {confirmDelete?.id === p.id && (
                  <div class="confirm" role="alertdialog" aria-label={`Delete ${p.name}?`}>
                    <p>Delete “{p.name}”? Past reports stay in History.</p>
                    <AutoFocusButton class="danger" onClick={() => void remove(p)}>
                      Delete profile
                    </AutoFocusButton>{' '}
                    <button type="button" onClick={() => setConfirmDelete(null)}>
                      Cancel
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {editing === null ? (
        <button type="button" class="primary" onClick={() => setEditing('new')}>
          New profile
        </button>
      ) : (
        <div class="card">
          <h2>{editing === 'new' ? 'New profile' : `Edit ${editing.name}`}</h2>
          <ProfileForm
            key={editing === 'new' ? 'new' : editing.id}
            initial={editing === 'new' ? emptyProfile() : editing}
            submitLabel={editing === 'new' ? 'Create profile' : 'Save profile'}
            onSave={save}
            onCancel={profiles.length > 0 ? () => setEditing(null) : undefined}
          />
        </div>
      )}
    </section>
  );
}

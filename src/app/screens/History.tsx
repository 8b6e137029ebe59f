import { useEffect, useMemo, useState } from 'preact/hooks';
import { useApp } from '../context';
import { href } from '../router';
import type { SessionRecord } from '../../db/types';
import { INTERVIEW_TYPES, type InterviewType } from '../../session/types';
import { planTypeLabel } from '../../session/plan-input';
import { parseSessionExport } from '../../db/import';
import { ProgressLine } from '../components/BarChart';
import { errorMessage, formatDate } from '../format';
import { AutoFocusButton } from '../components/AutoFocusButton';

/** Past sessions with their scores over time; open, delete, import. */
export function HistoryScreen() {
  const { repo, notify } = useApp();
  const [sessions, setSessions] = useState<SessionRecord[] | null>(null);
  const [filter, setFilter] = useState<InterviewType | 'all'>('all');
  const [importError, setImportError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);

  const load = async (): Promise<void> => setSessions(await repo.listSessions());
  useEffect(() => void load(), [repo]);

  const shown = useMemo(() => (sessions ?? []).filter((s) => filter === 'all' || s.type === filter), [sessions, filter]);
  const completed = shown.filter((s) => s.status === 'completed').reverse();

  const importFile = async (file: File): Promise<void> => {
    setImportError(null);
    if (file.size > 5_000_000) return setImportError(`“${file.name}” is too large to be an interview export (limit 5 MB). Nothing was imported.`);
    const parsed = parseSessionExport(await file.text());
    if (!parsed.ok) return setImportError(`Could not import “${file.name}”: ${parsed.error} Nothing was changed.`);
    try {
      const result = await repo.importSession(parsed.value);
      if (result === 'exists') return setImportError(`This interview is already in your history. Nothing was changed.`);
      notify('Interview imported.');
      await load();
    } catch (err) {
      setImportError(`${errorMessage(err)} Nothing was imported.`);
    }
  };

  const remove = async (id: string): Promise<void> => {
    try {
      await repo.deleteSession(id);
      notify('Session deleted.');
      await load();
    } catch (err) {
      notify(errorMessage(err), 'error');
    }
    setConfirmDelete(null);
  };

  return (
    <section>
      <h1>History</h1>
      <div class="toolbar">
        <label for="history-filter">Show</label>
        <select id="history-filter" value={filter} onChange={(e) => setFilter(e.currentTarget.value as InterviewType | 'all')}>
          <option value="all">All interview types</option>
          {INTERVIEW_TYPES.map((t) => (
            <option key={t} value={t}>
              {planTypeLabel(t)}
            </option>
          ))}
        </select>
        <label class="button file-button">
          Import a report (JSON)
          <input
            type="file"
            accept="application/json,.json"
            class="sr-only"
            data-testid="import-file"
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (f) void importFile(f);
            }}
          />
        </label>
      </div>
      {importError && (
        <p class="banner error" role="alert" data-testid="import-error">
          {importError}
        </p>
      )}
      {sessions === null ? (
        <p class="muted">Loading…</p>
      ) : shown.length === 0 ? (
        <p>No interviews yet. <a href="#/">Start one</a>; it takes a few minutes.</p>
      ) : (
        <>
          {completed.length >= 2 && (
            <div class="card">
              <h2>Overall score over time</h2>
              <ProgressLine label="Overall score per session, oldest first" points={completed.map((s) => ({ x: formatDate(s.createdAt), y: s.summary?.overall ?? null }))} />
            </div>
          )}
          <table class="history" data-testid="history-table">
            <caption class="sr-only">Past interviews</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Interview</th>
                <th scope="col">Score</th>
                <th scope="col">Answers</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((s) => (
                <tr key={s.id}>
                  <td>{formatDate(s.createdAt)}</td>
                  <td>
                    {planTypeLabel(s.type)} · {s.role} <span class="muted small">({s.profileName})</span>
                  </td>
                  <td>{s.status === 'completed' ? `${s.summary?.overall ?? '–'} / 100` : 'unfinished'}</td>
                  <td>{s.summary ? `${s.summary.answered} answered, ${s.summary.skipped} skipped` : '–'}</td>
                  <td class="actions">
                    {s.status === 'completed' ? (
                      <a href={href({ name: 'report', id: s.id })}>Open report</a>
                    ) : (
                      <a href={href({ name: 'interview', id: s.id })}>Resume</a>
                    )}{' '}
                    {confirmDelete === s.id ? (
                      <>
                        <AutoFocusButton class="danger" onClick={() => void remove(s.id)}>
                          Confirm delete
                        </AutoFocusButton>
                        <button type="button" onClick={() => setConfirmDelete(null)}>
                          Cancel
                        </button>
                      </>
                    ) : (
                      <button type="button" class="link" onClick={() => setConfirmDelete(s.id)} aria-label={`Delete session of ${formatDate(s.createdAt)}`}>
                        Delete
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

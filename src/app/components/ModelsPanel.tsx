import { useEffect, useRef, useState } from 'preact/hooks';
import { managedEntries, totalBytes, type CatalogueEntry } from '../../models/catalogue';
import { ModelManager, SELF_HOSTED_PREFIX, formatBytes, isStoragePersisted, normaliseBaseUrl, requestPersistentStorage, resolveBaseUrl } from '../../models/manager';
import type { DownloadProgress, ModelStatus } from '../../models/manager';
import { errorMessage } from '../format';

interface ModelsPanelProps {
  /** The stored "Model source" setting; null = automatic (this site's /models/ if present, else the public hosts). */
  baseUrl: string | null;
  onChange: (baseUrl: string | null) => void;
}

const isAbort = (err: unknown): boolean => err instanceof DOMException && err.name === 'AbortError';

function sourceLabel(entry: CatalogueEntry, base: string | null): string {
  if (base === SELF_HOSTED_PREFIX) return `this site (${SELF_HOSTED_PREFIX})`;
  if (base) return base;
  return entry.host === 'mediapipe' ? 'Google (MediaPipe model storage)' : 'Hugging Face';
}

function statusText(s: ModelStatus | null): string {
  if (!s) return 'Checking…';
  if (s.complete) return `Ready offline (${formatBytes(s.cachedBytes)})`;
  if (s.cachedFiles > 0) return `Partly downloaded: ${s.cachedFiles} of ${s.totalFiles} files (${formatBytes(s.cachedBytes)})`;
  return 'Not downloaded';
}

/** The "Model source" field: empty = automatic. */
function SourceField({ value, onChange }: { value: string | null; onChange: (v: string | null) => void }) {
  const [draft, setDraft] = useState(value ?? '');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDraft(value ?? '');
    setError(null);
  }, [value]);

  const save = (e: Event): void => {
    e.preventDefault();
    const v = draft.trim();
    if (v !== '' && !/^(\/|https?:\/\/)/.test(v)) {
      setError('Enter a path starting with "/" (e.g. /models/) or a full http(s):// address, or leave it empty.');
      return;
    }
    setError(null);
    onChange(normaliseBaseUrl(v));
  };

  return (
    <form class="field" onSubmit={save}>
      <label for="model-source">Model source</label>
      <p id="model-source-hint" class="muted small">
        Leave empty for automatic: this site's {SELF_HOSTED_PREFIX} folder if it has the models, else the public hosts (Hugging Face, Google). Or enter
        the address of your own copy, with the same folder layout (e.g. https://my.host/models/).
      </p>
      <div class="actions">
        <input
          id="model-source"
          type="text"
          inputMode="url"
          placeholder="Automatic"
          value={draft}
          aria-describedby={error ? 'model-source-hint model-source-error' : 'model-source-hint'}
          aria-invalid={error ? 'true' : undefined}
          onInput={(e) => setDraft(e.currentTarget.value)}
        />
        <button type="submit">Save source</button>
        {value !== null && (
          <button type="button" onClick={() => onChange(null)}>
            Use automatic
          </button>
        )}
      </div>
      {error && (
        <p id="model-source-error" class="error-text" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

interface ModelRowProps {
  entry: CatalogueEntry;
  setting: string | null;
  beforeDownload: () => Promise<void>;
}

/** One catalogue model: facts, status, download (progress + cancel), delete, errors with retry. */
function ModelRow({ entry, setting, beforeDownload }: ModelRowProps) {
  const [manager, setManager] = useState<ModelManager | null>(null);
  const [status, setStatus] = useState<ModelStatus | null>(null);
  const [progress, setProgress] = useState<DownloadProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const abortRef = useRef<AbortController | null>(null);
  const size = totalBytes(entry);
  const id = `model-${entry.id}`;

  const refresh = (m: ModelManager): Promise<void> => m.status(entry).then(setStatus, (err: unknown) => setError(errorMessage(err)));

  useEffect(() => {
    let live = true;
    setError(null); // an error from the previous source no longer applies
    void resolveBaseUrl(setting, entry).then((base) => {
      if (!live) return;
      const m = new ModelManager({ baseUrl: base });
      setManager(m);
      void refresh(m);
    });
    return () => {
      live = false;
    };
  }, [setting, entry]);

  useEffect(() => () => abortRef.current?.abort(), []); // leaving Settings cancels a running download

  const download = async (): Promise<void> => {
    if (!manager || abortRef.current) return;
    const ac = new AbortController();
    abortRef.current = ac;
    setError(null);
    setNote(`Downloading ${entry.label}…`);
    await beforeDownload();
    let last: DownloadProgress | null = null;
    try {
      await manager.download(entry, {
        signal: ac.signal,
        onProgress: (p) => {
          // Re-render at most every half percent (or on a new file), not for every network chunk.
          if (last && p.file === last.file && p.percent < 100 && p.percent - last.percent < 0.5) return;
          last = p;
          setProgress(p);
        },
      });
      setNote(`${entry.label} is downloaded, verified and available offline.`);
    } catch (err) {
      if (isAbort(err)) setNote('Download cancelled. Files already downloaded are kept: downloading again resumes from there.');
      else {
        setNote('');
        setError(errorMessage(err));
      }
    } finally {
      abortRef.current = null;
      setProgress(null);
      await refresh(manager);
    }
  };

  const remove = async (): Promise<void> => {
    if (!manager) return;
    setError(null);
    await manager.delete(entry).then(() => setNote(`${entry.label} was deleted from this device.`), (err: unknown) => setError(errorMessage(err)));
    await refresh(manager);
  };

  const busy = progress !== null || abortRef.current !== null;
  const unverified = entry.files.some((f) => f.sha256 === null);
  const action = status && status.cachedFiles > 0 ? 'Resume download for offline' : 'Download for offline';
  return (
    <li class="card model-row" aria-labelledby={`${id}-label`}>
      <h3 id={`${id}-label`}>{entry.label}</h3>
      <p class="small">
        {size === null ? 'Size unknown until downloaded' : formatBytes(size)} · {entry.licence} licence · needs about {entry.memoryMB} MB of memory
        {unverified ? ' · no published fingerprint: downloads cannot be verified' : ''}
        {manager ? ` · from ${sourceLabel(entry, manager.baseUrl)}` : ''}
      </p>
      <p>
        <strong>Status:</strong> <span data-testid={`${id}-status`}>{statusText(status)}</span>
      </p>
      {progress && (
        <div class="actions">
          <progress
            style={{ flex: '1 1 12rem' }}
            aria-label={`Downloading ${entry.label}`}
            max={progress.total > 0 ? progress.total : undefined}
            value={progress.total > 0 ? progress.loaded : undefined}
          />
          <span>
            {formatBytes(progress.loaded)}
            {progress.total > 0 ? ` of ${formatBytes(progress.total)} (${Math.floor(progress.percent)}%)` : ''}
          </span>
          <button type="button" onClick={() => abortRef.current?.abort()} aria-label={`Cancel download of ${entry.label}`}>
            Cancel
          </button>
        </div>
      )}
      {error && (
        <div role="alert" class="confirm">
          <p class="error-text">Download problem: {error}</p>
          <button type="button" onClick={() => void download()} disabled={!manager || busy} aria-label={`Retry download of ${entry.label}`}>
            Retry
          </button>
        </div>
      )}
      <p role="status" class="small">{note}</p>
      {!busy && (
        <div class="actions">
          {!status?.complete && !error && (
            <button type="button" class="primary" disabled={!manager || !status} onClick={() => void download()} aria-label={`${action}: ${entry.label}`}>
              {action}
            </button>
          )}
          {status && status.cachedFiles > 0 && (
            <button type="button" class="danger" onClick={() => void remove()} aria-label={`Delete ${entry.label} from this device`}>
              Delete
            </button>
          )}
        </div>
      )}
      {entry.notes && (
        <details>
          <summary>About this model</summary>
          <p class="small">{entry.notes}</p>
        </details>
      )}
    </li>
  );
}

/** Settings → Models: the catalogue (no test-only entries), download for offline, delete, model source. */
export function ModelsPanel({ baseUrl, onChange }: ModelsPanelProps) {
  const [persisted, setPersisted] = useState<boolean | null>(null);
  const [asked, setAsked] = useState(false);
  useEffect(() => {
    void isStoragePersisted().then(setPersisted);
  }, []);

  const ensurePersisted = async (): Promise<void> => {
    if (persisted || asked) return;
    setAsked(true);
    setPersisted(await requestPersistentStorage());
  };

  return (
    <section class="models-panel" aria-labelledby="models-panel-title">
      <h2 id="models-panel-title">AI models</h2>
      <p>
        Models run on this device. They are downloaded only when you ask, checked against their published size and fingerprint, and kept in this
        browser for offline use.
      </p>
      <p class="small" data-testid="storage-persistence">
        <strong>Storage:</strong>{' '}
        {persisted === null
          ? 'checking…'
          : persisted
            ? 'persistent: the browser will not clear downloaded models on its own.'
            : `best effort: the browser may clear downloaded models when space runs low.${asked ? ' It did not grant persistent storage (installing the app or bookmarking the site often helps).' : ' Permission to keep them is asked on the first download.'}`}
      </p>
      <SourceField value={baseUrl} onChange={onChange} />
      <ul class="model-list" style={{ listStyle: 'none', padding: 0 }}>
        {managedEntries().map((entry) => (
          <ModelRow key={entry.id} entry={entry} setting={baseUrl} beforeDownload={ensurePersisted} />
        ))}
      </ul>
    </section>
  );
}

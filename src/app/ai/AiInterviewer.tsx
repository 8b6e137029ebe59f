import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../context';
import { formatBytes } from '../../models/manager';
import { PERSONAS, PERSONA_LABELS, type Persona } from '../../llm/prompts';
import type { Settings } from '../../db/types';
import type { GenerateResult } from '../../llm/types';
import { errorMessage } from '../format';
import {
  cancelLoad,
  getAiState,
  loadInterviewer,
  refreshChoice,
  stopTry,
  subscribeAi,
  tryInterviewer,
  unloadInterviewer,
  type AiState,
} from './interviewer-service';

export function useAiInterviewer(): AiState {
  const [s, setS] = useState(getAiState);
  useEffect(() => subscribeAi(setS), []);
  return s;
}

const ENGINE_LABEL: Record<string, string> = {
  webllm: 'AI interviewer on the GPU (WebGPU)',
  transformers: 'AI interviewer on the CPU',
  scripted: 'Scripted interviewer (no AI model)',
};

function gpuText(s: AiState): string {
  const c = s.caps;
  if (!c) return 'Checking this device…';
  const gpu =
    c.gpu === 'none' ? 'no WebGPU' : c.gpu === 'fallback' ? `WebGPU software adapter only (${c.adapter})` : `WebGPU: ${c.adapter}${c.shaderF16 ? ', 16-bit shaders' : ', no 16-bit shaders'}`;
  const mem = c.deviceMemoryGB === null ? 'memory unknown' : `${c.deviceMemoryGB} GB memory`;
  const disk = c.freeStorageMB === null ? '' : `, ${formatBytes(c.freeStorageMB * 1024 * 1024)} free storage`;
  return `This device: ${gpu}; ${mem}; ${c.cores} cores${disk}.`;
}

/**
 * The interviewer choice and its model: what runs, why, load progress, errors with retry. Used on the
 * setup screen and in Settings. Loads automatically when the user loaded a model before (llmAutoLoad).
 */
export function AiInterviewerCard({ compact = false }: { compact?: boolean }) {
  const { settings, updateSettings } = useApp();
  const ai = useAiInterviewer();
  const choice = ai.choice;

  useEffect(() => {
    void refreshChoice(settings).then((c) => {
      if (settings.llmAutoLoad && c.kind !== 'scripted' && getAiState().status.state === 'idle') void load();
    });
  }, [settings.interviewer, settings.llmModel, settings.modelBaseUrl]);

  const load = async (): Promise<void> => {
    if (await loadInterviewer(settings)) {
      if (!settings.llmAutoLoad) await updateSettings({ llmAutoLoad: true });
    }
  };

  const st = ai.status;
  const llm = choice && choice.kind !== 'scripted';
  return (
    <div class="ai-card" data-testid="ai-card">
      <p data-testid="ai-choice" data-kind={choice?.kind ?? ''} data-model={choice?.model ?? ''}>
        <strong>{choice ? ENGINE_LABEL[choice.kind] : 'Choosing the interviewer…'}</strong>
        {choice?.entry && (
          <span>
            {' '}
            — {choice.entry.label}
            {choice.variant ? ` (${choice.variant})` : ''}, needs about {choice.memoryMB} MB of memory
          </span>
        )}
      </p>
      {choice && <p class="muted small" data-testid="ai-reason">{choice.reason}</p>}
      {!compact && <p class="muted small">{gpuText(ai)}</p>}
      <div data-testid="ai-status" data-state={st.state} aria-live="polite">
        {llm && st.state === 'idle' && (
          <button type="button" onClick={() => void load()}>
            Load AI interviewer
          </button>
        )}
        {st.state === 'loading' && (
          <div class="field">
            <label for="ai-progress">{st.progress?.text || 'Loading the AI interviewer…'}</label>
            <progress id="ai-progress" max={100} value={st.progress?.fraction != null ? Math.round(st.progress.fraction * 100) : undefined} />
            <span class="small muted">
              {st.progress && st.progress.total > 0 ? ` ${formatBytes(st.progress.loaded)} of ${formatBytes(st.progress.total)}` : ''}
              {st.progress?.fraction != null ? ` (${Math.round(st.progress.fraction * 100)}%)` : ''}
            </span>{' '}
            <button type="button" onClick={cancelLoad}>
              Cancel
            </button>
          </div>
        )}
        {st.state === 'ready' && (
          <p class="small">
            Ready: {st.load.model} ({st.load.backend}), loaded in {(st.load.loadMs / 1000).toFixed(1)} s.{' '}
            {!compact && (
              <button type="button" onClick={() => void unloadInterviewer()}>
                Unload
              </button>
            )}
          </p>
        )}
        {st.state === 'failed' && (
          <div class="error-box" role="alert">
            <p>{st.message}</p>
            {llm && (
              <button type="button" onClick={() => void load()}>
                Retry
              </button>
            )}
          </div>
        )}
      </div>
    </div>
  );
}

/** Settings: engine, model, persona, reproducible mode, and a "try it" stream with Stop. */
export function AiInterviewerSettings() {
  const { settings, updateSettings } = useApp();
  const ai = useAiInterviewer();
  const [out, setOut] = useState('');
  const [running, setRunning] = useState(false);
  const [stats, setStats] = useState<(GenerateResult & { pageAbortMs?: number }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [stopAt, setStopAt] = useState<number | null>(null);
  const stopRef = useRef<number | null>(null);

  const engine = settings.interviewer;
  const models = ai.entries.filter((e) => (engine === 'auto' ? true : e.llm?.engine === engine));

  const tryIt = async (): Promise<void> => {
    setOut('');
    setStats(null);
    setError(null);
    setRunning(true);
    stopRef.current = null;
    setStopAt(null);
    try {
      const r = await tryInterviewer((piece) => setOut((o) => o + piece));
      // Page-side abort latency: Stop pressed → the generation's promise resolved.
      const stoppedAt = stopRef.current;
      setStats({ ...r, ...(stoppedAt !== null && r.finishReason === 'abort' ? { pageAbortMs: Math.round(performance.now() - stoppedAt) } : {}) });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setRunning(false);
    }
  };
  const stop = (): void => {
    const t = performance.now();
    stopRef.current = t;
    setStopAt(t);
    stopTry();
  };

  const patch = (p: Partial<Settings>): void => void updateSettings(p);
  return (
    <div>
      <h2>AI interviewer</h2>
      <div class="field">
        <label for="set-interviewer">Interviewer</label>
        <select id="set-interviewer" value={engine} onChange={(e) => patch({ interviewer: e.currentTarget.value as Settings['interviewer'], llmModel: null })}>
          <option value="auto">Automatic (the best this device can run)</option>
          <option value="webllm">AI on the GPU (WebGPU, web-llm)</option>
          <option value="transformers">AI on the CPU (transformers.js)</option>
          <option value="scripted">Scripted (no AI model)</option>
        </select>
      </div>
      {engine !== 'scripted' && (
        <div class="field">
          <label for="set-llm-model">Model</label>
          <select id="set-llm-model" value={settings.llmModel ?? ''} onChange={(e) => patch({ llmModel: e.currentTarget.value || null })}>
            <option value="">Default for the engine</option>
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label} — {m.llm?.engine === 'webllm' ? `${Math.round(m.llm.webllm?.vramMB.f16 ?? m.memoryMB)}–${Math.round(m.llm.webllm?.vramMB.f32 ?? m.memoryMB)}` : m.memoryMB} MB memory
              </option>
            ))}
          </select>
        </div>
      )}
      <fieldset>
        <legend>Interviewer style</legend>
        {PERSONAS.map((p) => (
          <label key={p} class="radio">
            <input type="radio" name="persona" value={p} checked={settings.persona === p} onChange={() => patch({ persona: p as Persona })} /> {PERSONA_LABELS[p]}
          </label>
        ))}
      </fieldset>
      <label class="checkbox">
        <input type="checkbox" checked={settings.reproducible} onChange={(e) => patch({ reproducible: e.currentTarget.checked })} /> Reproducible: no randomness
        (temperature 0), so the same seed and answers give the same interview
      </label>
      <AiInterviewerCard />
      {ai.status.state === 'ready' && (
        <div class="field">
          <div class="actions">
            <button type="button" data-testid="ai-try" disabled={running} onClick={() => void tryIt()}>
              Try it
            </button>
            <button type="button" data-testid="ai-try-stop" disabled={!running} onClick={stop}>
              Stop
            </button>
          </div>
          <p class="ai-try-output" data-testid="ai-try-output" aria-live="off">
            {out}
          </p>
          {stats && (
            <p
              class="small muted"
              data-testid="ai-try-stats"
              data-tokens={stats.tokens}
              data-finish={stats.finishReason}
              data-page-abort-ms={stats.pageAbortMs ?? ''}
              data-worker-abort-ms={stats.abortLatencyMs ?? ''}
            >
              {stats.tokens} tokens in {(stats.totalMs / 1000).toFixed(2)} s ({stats.totalMs > 0 ? ((stats.tokens * 1000) / stats.totalMs).toFixed(0) : '–'} tokens/s), first
              token after {stats.firstTokenMs ?? '–'} ms{stats.finishReason === 'abort' && stopAt !== null ? `, stopped ${stats.pageAbortMs ?? '?'} ms after Stop` : ''}.
            </p>
          )}
          {error && (
            <p class="error-text" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

/**
 * The AI interviewer in this tab: device probe, engine choice, model download/load with progress, and
 * the engine each new interview uses. One LLM worker for the app (src/bridges/llm-client.ts).
 * A small observable store: screens subscribe with useAiInterviewer().
 */
import { entriesOfKind, getEntry, type CatalogueEntry } from '../../models/catalogue';
import { ModelManager, detectSelfHosted, requestPersistentStorage, resolveBaseUrl } from '../../models/manager';
import { probeCapabilities, type DeviceCapabilities } from '../../llm/capabilities';
import { chooseEngine, type EngineChoice } from '../../llm/select-engine';
import { LlmClient, describeLlmLoadError } from '../../bridges/llm-client';
import { LlmInterviewer, type ChatBackend, type DraftEvent } from '../../llm/llm-interviewer';
import type { CandidateProfile } from '../../llm/prompts';
import type { GenerateResult, LlmLoadResult, LlmProgress } from '../../llm/types';
import type { InterviewerEngine } from '../../session/engine';
import type { Settings } from '../../db/types';
import { defaultBank } from '../../interview/bank';

export type AiStatus =
  | { state: 'idle' }
  | { state: 'loading'; progress: LlmProgress | null }
  | { state: 'ready'; load: LlmLoadResult }
  | { state: 'failed'; message: string };

export interface AiState {
  caps: DeviceCapabilities | null;
  /** LLM entries the user can pick here (test-only ones when this site serves them). */
  entries: CatalogueEntry[];
  choice: EngineChoice | null;
  status: AiStatus;
  /** The last turn's speed, for display. */
  lastStats: GenerateResult | null;
}

type Listener = (s: AiState) => void;

let state: AiState = { caps: null, entries: [], choice: null, status: { state: 'idle' }, lastStats: null };
const listeners = new Set<Listener>();
let client: LlmClient | null = null;
let loadedKey: string | null = null;
let loadRun = 0;
let downloadAbort: AbortController | null = null;
const draftListeners = new Set<(e: DraftEvent) => void>();

function set(patch: Partial<AiState>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l(state);
}

export function getAiState(): AiState {
  return state;
}

export function subscribeAi(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Streamed text of the interviewer's line being written (captions and speech). */
export function subscribeDraft(l: (e: DraftEvent) => void): () => void {
  draftListeners.add(l);
  return () => draftListeners.delete(l);
}

const keyOf = (c: EngineChoice, baseUrl: string | null): string => JSON.stringify([c.kind, c.entry?.id, c.model, baseUrl]);

async function availableEntries(settings: Settings): Promise<CatalogueEntry[]> {
  const out = entriesOfKind('llm');
  // Test-only models are not on any public host: offered only when this site (or the chosen source) serves them.
  for (const e of entriesOfKind('llm', true).filter((x) => x.testOnly)) {
    const base = await resolveBaseUrl(settings.modelBaseUrl, e);
    if (base !== null && (await detectSelfHosted(e, undefined, base))) out.push(e);
  }
  return out;
}

/** Probes the device (once) and recomputes the engine choice from the settings. */
export async function refreshChoice(settings: Settings): Promise<EngineChoice> {
  const caps = state.caps ?? (await probeCapabilities());
  const entries = await availableEntries(settings);
  const choice = chooseEngine(caps, entries, settings.interviewer, settings.llmModel);
  const choiceKey = JSON.stringify([choice.kind, choice.entry?.id, choice.model]);
  const previous = state.choice ? JSON.stringify([state.choice.kind, state.choice.entry?.id, state.choice.model]) : null;
  // A different engine or model than the loaded one: the loaded one is not what the next interview gets.
  const same = loadedKey !== null && loadedKey.startsWith(choiceKey.slice(0, -1));
  let status = state.status;
  if (status.state === 'ready' && !same) status = { state: 'idle' };
  // A failure was about the previous choice.
  if (status.state === 'failed' && previous !== null && previous !== choiceKey) status = { state: 'idle' };
  set({ caps, entries, choice, status });
  return choice;
}

/**
 * Downloads (verified, into the model cache) and loads the chosen model. Resolves true when ready;
 * false when it failed (the status says why) or was superseded.
 */
export async function loadInterviewer(settings: Settings): Promise<boolean> {
  const choice = await refreshChoice(settings);
  if (choice.kind === 'scripted' || !choice.entry || !choice.model) {
    set({ status: { state: 'idle' } });
    return false;
  }
  const entry = choice.entry;
  const run = ++loadRun;
  const baseUrl = choice.kind === 'transformers' ? await resolveBaseUrl(settings.modelBaseUrl, entry) : null;
  const key = keyOf(choice, baseUrl);
  if (state.status.state === 'ready' && loadedKey === key) return true;
  set({ status: { state: 'loading', progress: null } });
  try {
    if (choice.kind === 'transformers') {
      await requestPersistentStorage();
      downloadAbort?.abort();
      downloadAbort = new AbortController();
      await new ModelManager({ baseUrl }).download(entry, {
        signal: downloadAbort.signal,
        onProgress: (p) =>
          run === loadRun && set({ status: { state: 'loading', progress: { fraction: p.percent / 100, loaded: p.loaded, total: p.total, text: `Downloading ${p.file}` } } }),
      });
    }
    client ??= new LlmClient();
    const load = await client.load(
      {
        engine: choice.kind,
        catalogueId: entry.id,
        model: choice.model,
        baseUrl,
        ...(entry.llm?.dtype ? { dtype: entry.llm.dtype } : {}),
        contextTokens: entry.llm?.contextTokens ?? 2048,
      },
      (progress) => run === loadRun && set({ status: { state: 'loading', progress } }),
    );
    if (run !== loadRun) return false;
    loadedKey = key;
    set({ status: { state: 'ready', load } });
    return true;
  } catch (e) {
    if (run !== loadRun) return false;
    loadedKey = null;
    set({ status: { state: 'failed', message: `${describeLlmLoadError(e)} The interview will use the scripted interviewer.` } });
    return false;
  }
}

/** Stops a running load (the worker is shut down). */
export function cancelLoad(): void {
  loadRun++;
  downloadAbort?.abort();
  client?.terminate();
  loadedKey = null;
  set({ status: { state: 'failed', message: 'Loading was cancelled. The interview will use the scripted interviewer.' } });
}

export async function unloadInterviewer(): Promise<void> {
  loadRun++;
  loadedKey = null;
  await client?.unload();
  set({ status: { state: 'idle' } });
}

/** The engine for a new (or restored) interview: the AI interviewer when its model is ready, else null. */
export function createInterviewerEngine(settings: Settings, profile: CandidateProfile): InterviewerEngine | null {
  if (state.status.state !== 'ready' || !client) return null;
  return new LlmInterviewer(client, defaultBank, {
    persona: settings.persona,
    profile,
    reproducible: settings.reproducible,
    onDraft: (e) => {
      for (const l of draftListeners) l(e);
    },
    onStats: (r) => set({ lastStats: r }),
  });
}

/** Settings' "Try it": streams a reply to a sample prompt; abort with stopTry(). */
export async function tryInterviewer(onToken: (piece: string) => void, maxTokens = 400): Promise<GenerateResult> {
  if (state.status.state !== 'ready' || !client) throw new Error('Load the AI interviewer first.');
  const r = await client.generate(
    [
      { role: 'system', content: 'You are a friendly interviewer for a software engineer position. Ask one question.' },
      { role: 'user', content: 'Please start the interview.' },
    ],
    { maxTokens: Math.min(maxTokens, Math.max(16, state.status.load.contextTokens - 96)), temperature: 0 },
    onToken,
  );
  set({ lastStats: r });
  return r;
}

export function stopTry(): void {
  client?.abort();
}

export function entryLabel(id: string | null): string {
  return (id && getEntry(id)?.label) || 'default';
}

/** The loaded model for other uses (written feedback), or null. */
export function getChatBackend(): { backend: ChatBackend; constrainJson: boolean } | null {
  if (state.status.state !== 'ready' || !client) return null;
  return { backend: client, constrainJson: state.status.load.engine === 'webllm' };
}

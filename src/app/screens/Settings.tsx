import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../context';
import type { Theme } from '../../db/types';
import { errorMessage } from '../format';
import { ModelsPanel } from '../components/ModelsPanel';
import { entriesOfKind, totalBytes } from '../../models/catalogue';
import { formatBytes } from '../../models/manager';
import { AutoFocusButton } from '../components/AutoFocusButton';
import { AiInterviewerSettings } from '../ai/AiInterviewer';
import { CameraSettings } from '../camera/CameraSettings';
import { PeerSettings } from '../peer/PeerSettings';

function useVoices(): SpeechSynthesisVoice[] {
  const [voices, setVoices] = useState<SpeechSynthesisVoice[]>([]);
  useEffect(() => {
    if (typeof speechSynthesis === 'undefined') return;
    const load = (): void => setVoices(speechSynthesis.getVoices().filter((v) => v.lang.toLowerCase().startsWith('en')).slice(0, 200));
    load();
    speechSynthesis.addEventListener('voiceschanged', load);
    return () => speechSynthesis.removeEventListener('voiceschanged', load);
  }, []);
  return voices;
}

function useStorageEstimate(): string | null {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    void navigator.storage?.estimate?.().then((e) => {
      if (e.usage === undefined || e.quota === undefined) return;
      setText(`${(e.usage / 1e6).toFixed(1)} MB used of ${(e.quota / 1e9).toFixed(1)} GB available to the app`);
    });
  }, []);
  return text;
}

/** Voice and rate, camera, theme, data. */
export function SettingsScreen() {
  const { repo, settings, updateSettings, reloadProfiles, notify } = useApp();
  const voices = useVoices();
  const storage = useStorageEstimate();
  const [confirmWipe, setConfirmWipe] = useState(false);

  const wipe = async (): Promise<void> => {
    try {
      await repo.deleteEverything();
      await updateSettings({ activeProfileId: null });
      await reloadProfiles();
      notify('All profiles, interviews and settings were deleted from this device.');
    } catch (err) {
      notify(errorMessage(err), 'error');
    }
    setConfirmWipe(false);
  };

  return (
    <section class="settings">
      <h1>Settings</h1>
      <div class="card">
        <h2>Interviewer voice</h2>
        <div class="field">
          <label for="set-voice">Voice</label>
          <select id="set-voice" value={settings.voiceURI ?? ''} onChange={(e) => void updateSettings({ voiceURI: e.currentTarget.value || null })}>
            <option value="">Browser default</option>
            {voices.map((v) => (
              <option key={v.voiceURI} value={v.voiceURI}>
                {v.name} ({v.lang})
              </option>
            ))}
          </select>
          {voices.length === 0 && <p class="muted small">This browser offers no speech voices: questions are shown as text.</p>}
        </div>
        <div class="field">
          <label for="set-stt">Speech-to-text model (voice answers)</label>
          <select id="set-stt" value={settings.sttModel} onChange={(e) => void updateSettings({ sttModel: e.currentTarget.value })}>
            {entriesOfKind('stt').map((m) => {
              const bytes = totalBytes(m);
              return (
                <option key={m.id} value={m.id}>
                  {m.label} ({bytes === null ? 'size unknown' : formatBytes(bytes)})
                </option>
              );
            })}
          </select>
        </div>
        <div class="field">
          <label for="set-stt-device">Speech-to-text runs on</label>
          <select id="set-stt-device" value={settings.sttDevice} onChange={(e) => void updateSettings({ sttDevice: e.currentTarget.value as typeof settings.sttDevice })}>
            <option value="auto">Automatic (the GPU when it is a real one, else the CPU)</option>
            <option value="wasm">The CPU (WebAssembly)</option>
            <option value="webgpu">The GPU (WebGPU; downloads a larger runtime, falls back to the CPU)</option>
          </select>
        </div>
        <label class="checkbox">
          <input type="checkbox" checked={settings.speakQuestions} onChange={(e) => void updateSettings({ speakQuestions: e.currentTarget.checked })} /> Speak the
          interviewer's questions aloud (captions are always shown)
        </label>
        <div class="field">
          <label for="set-rate">Speaking rate: {settings.voiceRate.toFixed(1)}×</label>
          <input id="set-rate" type="range" min={0.5} max={2} step={0.1} value={settings.voiceRate} onInput={(e) => void updateSettings({ voiceRate: Number(e.currentTarget.value) })} />
        </div>
      </div>
      <div class="card">
        <AiInterviewerSettings />
      </div>
      <div class="card">
        <ModelsPanel baseUrl={settings.modelBaseUrl} onChange={(v) => void updateSettings({ modelBaseUrl: v })} />
      </div>
      <CameraSettings />
      <PeerSettings />
      <div class="card">
        <h2>Appearance</h2>
        <fieldset>
          <legend>Theme</legend>
          {(['system', 'light', 'dark'] as Theme[]).map((t) => (
            <label key={t} class="radio">
              <input type="radio" name="theme" value={t} checked={settings.theme === t} onChange={() => void updateSettings({ theme: t })} />{' '}
              {t === 'system' ? 'Same as the system' : t === 'light' ? 'Light' : 'Dark'}
            </label>
          ))}
        </fieldset>
      </div>
      <div class="card">
        <h2>Your data</h2>
        <p>
          Everything is stored in this browser only ({repo.kind === 'indexeddb' ? 'IndexedDB' : 'memory: lost when the tab closes'}).{storage ? ` ${storage}.` : ''} Export
          single reports from the report screen; import them in History.
        </p>
        {confirmWipe ? (
          <div class="confirm" role="alertdialog" aria-label="Delete everything?">
            <p>Delete every profile, interview and setting on this device? This cannot be undone.</p>
            <AutoFocusButton class="danger" onClick={() => void wipe()}>
              Delete everything
            </AutoFocusButton>{' '}
            <button type="button" onClick={() => setConfirmWipe(false)}>
              Cancel
            </button>
          </div>
        ) : (
          <button type="button" class="danger" onClick={() => setConfirmWipe(true)}>
            Delete all my data…
          </button>
        )}
      </div>
      <p class="muted small">Version {import.meta.env.PACKAGE_VERSION}</p>
    </section>
  );
}

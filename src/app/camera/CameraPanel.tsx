import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../context';
import type { SessionScheduler } from '../../session/scheduler';
import { CameraSession, type CameraView } from '../../vision/camera-session';
import { formatBytes } from '../../models/manager';
import { CameraExplainer } from './CameraExplainer';
import { PrivacyReceipt } from './PrivacyReceipt';
import './camera.css';

export interface CameraPanelProps {
  sessionId: string;
  scheduler: SessionScheduler;
  /** Voice answers: is the candidate speaking now? null for typed answers (the answer period counts). */
  voiceSpeaking: boolean | null;
}

const CUE_VISIBLE_MS = 10_000;

/**
 * The interview room's camera card: opt-in with an explanation, the preview with an on/off toggle, model
 * progress and errors, the live observations, at most one gentle cue every 20 s, and the privacy receipt.
 * Everything here is optional: with the camera off (or failing) the interview goes on unchanged.
 */
export function CameraPanel({ sessionId, scheduler, voiceSpeaking }: CameraPanelProps) {
  const { repo, settings, updateSettings } = useApp();
  const videoRef = useRef<HTMLVideoElement>(null);
  const session = useRef<CameraSession | null>(null);
  const [view, setView] = useState<CameraView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cue, setCue] = useState<string | null>(null);
  const speakingRef = useRef(voiceSpeaking);
  speakingRef.current = voiceSpeaking;
  const cuesRef = useRef(settings.cameraCues);
  cuesRef.current = settings.cameraCues;
  const on = settings.cameraEnabled;

  useEffect(() => {
    if (!on || !videoRef.current) return;
    setError(null);
    const s = new CameraSession(
      {
        sessionT: () => scheduler.now(),
        active: () => scheduler.running && scheduler.snapshot.status === 'running',
        speaking: () => speakingRef.current ?? (scheduler.snapshot.current !== null && scheduler.running),
        persist: (buckets) => repo.appendEvents(sessionId, [{ type: 'camera', t: scheduler.now(), at: Date.now(), buckets }]),
        cues: () => cuesRef.current,
        modelBaseUrl: settings.modelBaseUrl,
      },
      (v) => {
        setView(v);
        if (v.phase === 'error' && v.error) {
          // The camera turns off with the message; the interview goes on.
          setError(v.error);
          void updateSettings({ cameraEnabled: false });
        }
      },
    );
    session.current = s;
    void s.start(videoRef.current);
    // Cut the buckets at each answer, pause and end, so every answer's signals are stored with it.
    let outcomes = scheduler.snapshot.outcomes.size;
    let status = scheduler.snapshot.status;
    const unsubscribe = scheduler.subscribe((st) => {
      if (st.outcomes.size !== outcomes || st.status !== status) {
        outcomes = st.outcomes.size;
        status = st.status;
        if (st.status === 'ended') void s.stop();
        else void s.checkpoint();
      }
    });
    const onHide = (): void => void s.flush(true);
    addEventListener('pagehide', onHide);
    return () => {
      unsubscribe();
      removeEventListener('pagehide', onHide);
      void s.stop();
      session.current = null;
      setView(null);
    };
  }, [on, sessionId, settings.modelBaseUrl]);

  // Show a cue for a while, then let it go.
  useEffect(() => {
    const c = view?.cue;
    if (!c) return;
    setCue(c.text);
    const timer = setTimeout(() => setCue(null), CUE_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [view?.cue?.t]);

  const last = view?.last ?? null;
  const phase = view?.phase ?? 'off';
  return (
    <section class="card camera-panel" aria-labelledby="camera-title" data-testid="camera-panel" data-phase={on ? phase : 'off'}>
      <h2 id="camera-title" class="small-heading">
        Camera cues <span class="muted small">({on ? 'camera on' : 'off'})</span>
      </h2>
      {error && (
        <p role="alert" class="camera-error" data-testid="camera-error">
          {error}
        </p>
      )}
      {!on && (
        <>
          <CameraExplainer />
          <button type="button" onClick={() => void updateSettings({ cameraEnabled: true })} data-testid="camera-on">
            Turn camera on
          </button>
        </>
      )}
      {on && (
        <>
          <video ref={videoRef} class="camera-preview" muted playsInline aria-label="Your camera preview. It stays on this device." />
          {(phase === 'downloading' || phase === 'loading' || phase === 'starting-camera') && (
            <div data-testid="camera-loading">
              <label for="camera-progress" class="small">
                {phase === 'starting-camera'
                  ? 'Starting the camera…'
                  : phase === 'loading'
                    ? 'Starting the face model…'
                    : `Downloading the face model: ${formatBytes(view?.loaded ?? 0)}${view?.total ? ` of ${formatBytes(view.total)}` : ''}`}
              </label>
              <progress id="camera-progress" max={100} value={phase === 'downloading' ? (view?.percent ?? 0) : undefined} />
              {phase === 'downloading' && (
                <button type="button" onClick={() => session.current?.cancelDownload()}>
                  Cancel download
                </button>
              )}
            </div>
          )}
          {phase === 'running' && (
            <p
              class="small camera-status"
              role="status"
              data-testid="camera-status"
              data-face={String(last?.face ?? false)}
              data-looking={String(last?.looking ?? false)}
              data-smile={last ? last.smile.toFixed(3) : ''}
              data-frames={String(view?.frames ?? 0)}
              data-fps={String(view?.fps ?? 0)}
              data-frame-ms={String(view?.frameMsP50 ?? '')}
              data-rate={view?.rate?.reason ?? ''}
            >
              {!last ? 'Looking for your face…' : last.face ? `Face found${last.looking ? ', looking at the camera' : ', looking away'}${last.smile >= 0.5 ? ', smiling' : ''}.` : 'No face in the picture.'}
            </p>
          )}
          <p class="live-cue" role="status" aria-live="polite" data-testid="camera-cue">
            {cue ?? ''}
          </p>
          <button type="button" onClick={() => void updateSettings({ cameraEnabled: false })} data-testid="camera-off">
            Turn camera off
          </button>{' '}
          <label class="checkbox small">
            <input type="checkbox" checked={settings.cameraCues} onChange={(e) => void updateSettings({ cameraCues: e.currentTarget.checked })} /> Live cues
          </label>
        </>
      )}
      <PrivacyReceipt />
    </section>
  );
}

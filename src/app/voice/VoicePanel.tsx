import type { InterviewVoice } from './useInterviewVoice';
import { formatBytes } from '../../models/manager';

const PHASE_TEXT: Record<string, string> = {
  idle: 'Ready',
  speaking: 'The interviewer is speaking. Start talking to interrupt.',
  listening: 'Listening. Answer out loud; a short silence ends your answer.',
  transcribing: 'Transcribing your answer on this device…',
  error: 'Voice input stopped.',
};

/** Voice answers: model progress, listening state, input level, live transcript, Done. */
export function VoicePanel({ voice }: { voice: InterviewVoice }) {
  const { model, view } = voice;
  if (model.status === 'downloading' || model.status === 'loading') {
    const label =
      model.status === 'loading'
        ? 'Starting the speech model…'
        : `Downloading the speech model: ${formatBytes(model.loaded)}${model.total ? ` of ${formatBytes(model.total)}` : ''} (${Math.round(model.percent)}%)`;
    return (
      <div class="card voice" data-testid="voice-loading">
        <label for="stt-progress">{label}</label>
        <progress id="stt-progress" max={100} value={model.status === 'loading' ? undefined : model.percent} />
        <p class="muted small">Downloaded once, then kept on this device for offline use. Type your answers meanwhile.</p>
        <button type="button" onClick={voice.cancelLoad}>
          Cancel download
        </button>
      </div>
    );
  }
  if (model.status === 'error') {
    return (
      <div class="card voice" role="alert" data-testid="voice-error">
        <p>{model.message}</p>
        <button type="button" onClick={voice.retry}>
          Retry
        </button>
      </div>
    );
  }
  if (model.status !== 'ready' || !view) return null;
  const level = Math.min(1, view.level * 8);
  return (
    <div class="card voice" data-testid="voice-panel" data-phase={view.phase}>
      <p role="status" data-testid="voice-status">
        {PHASE_TEXT[view.phase]}
      </p>
      <label for="mic-level" class="small muted">
        Microphone level
      </label>{' '}
      <meter id="mic-level" min={0} max={1} low={0.15} high={0.9} optimum={0.5} value={level} />{' '}
      <span class="small muted" data-testid="stt-device" data-device={model.device}>
        Speech recognition on {model.device === 'webgpu' ? 'the GPU (WebGPU)' : `the CPU (WebAssembly, ${model.threads} thread${model.threads === 1 ? '' : 's'})`}
      </span>
      {view.tooQuiet && (
        <p class="hint" role="status">
          Your microphone sounds very quiet. Move closer or raise its input volume in your system settings.
        </p>
      )}
      {view.message && (
        <p class="hint" role="status">
          {view.message}
        </p>
      )}
      {view.partial && (
        <p class="partial" data-testid="live-transcript" aria-live="polite">
          <span class="muted small">You: </span>
          {view.partial}
        </p>
      )}
      <div class="actions">
        <button type="button" class="primary" onClick={voice.done} disabled={view.phase !== 'listening' || !view.heardSpeech}>
          Done answering
        </button>
        <button
          type="button"
          aria-describedby="ptt-help"
          disabled={view.phase === 'transcribing' || view.phase === 'error'}
          onPointerDown={() => voice.hold(true)}
          onPointerUp={() => voice.hold(false)}
          onPointerCancel={() => voice.hold(false)}
          onKeyDown={(e) => {
            if ((e.key === ' ' || e.key === 'Enter') && !e.repeat) {
              e.preventDefault();
              voice.hold(true);
            }
          }}
          onKeyUp={(e) => {
            if (e.key === ' ' || e.key === 'Enter') {
              e.preventDefault();
              voice.hold(false);
            }
          }}
        >
          Hold to talk
        </button>
      </div>
      <p id="ptt-help" class="muted small">
        Pauses are fine: a longer thinking pause does not end your answer. Or hold “Hold to talk” (mouse, or Space) while you speak.
      </p>
    </div>
  );
}

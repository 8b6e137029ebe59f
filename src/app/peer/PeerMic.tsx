import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../context';
import type { PeerController } from '../../peer/peer-session';
import { openMicrophone, type MicHandle } from '../../media/mic';
import { TurnRecorder } from '../../media/turn-recorder';
import { DISFLUENCY_PROMPT, SttClient } from '../../bridges/stt-client';
import { getEntry } from '../../models/catalogue';
import { ModelManager, requestPersistentStorage, resolveBaseUrl } from '../../models/manager';
import { errorMessage } from '../format';

type MicState = { status: 'off' | 'listening' | 'transcribing' } | { status: 'loading'; percent: number } | { status: 'error'; message: string };

/**
 * Speech-to-text of this person's own microphone, on this device (Whisper in a worker, the same path as
 * the solo interview): each utterance the voice activity detector closes is transcribed and sent as a
 * transcript line. The audio is never stored or sent (the live call carries the voice separately).
 */
export function PeerMic({ controller }: { controller: PeerController }) {
  const { settings } = useApp();
  const [state, setState] = useState<MicState>({ status: 'off' });
  const stop = useRef<(() => Promise<void>) | null>(null);

  useEffect(() => () => void stop.current?.(), []);

  const start = async (): Promise<void> => {
    const abort = new AbortController();
    let mic: MicHandle | null = null;
    const stt = new SttClient();
    stop.current = async () => {
      abort.abort();
      await mic?.stop();
      stt.dispose();
      stop.current = null;
      setState({ status: 'off' });
    };
    try {
      const entry = getEntry(settings.sttModel) ?? getEntry('whisper-tiny');
      if (!entry) throw new Error('No speech model in the catalogue.');
      const baseUrl = await resolveBaseUrl(settings.modelBaseUrl, entry);
      await requestPersistentStorage();
      setState({ status: 'loading', percent: 0 });
      await new ModelManager({ baseUrl }).download(entry, { signal: abort.signal, onProgress: (p) => setState({ status: 'loading', percent: p.percent }) });
      await stt.load({ model: entry.repo, baseUrl }, undefined, { signal: abort.signal });
      let queue = Promise.resolve();
      const recorder: TurnRecorder = new TurnRecorder({
        onEvent: (e) => {
          if (e.type !== 'speech-end') return;
          const audio = recorder.audio();
          recorder.reset();
          queue = queue.then(async () => {
            if (abort.signal.aborted) return;
            setState({ status: 'transcribing' });
            const r = await stt.transcribe(audio, { prompt: DISFLUENCY_PROMPT }).catch(() => null);
            if (r && !r.skipped && r.text.trim()) controller.say(r.text, 'speech');
            if (!abort.signal.aborted) setState({ status: 'listening' });
          });
        },
      });
      mic = await openMicrophone({ onChunk: (pcm) => recorder.push(pcm) });
      setState({ status: 'listening' });
    } catch (err) {
      await stop.current?.();
      setState({ status: 'error', message: `Speech-to-text is not available: ${errorMessage(err)} Type your lines instead.` });
    }
  };

  const on = state.status === 'listening' || state.status === 'transcribing' || state.status === 'loading';
  return (
    <div class="peer-mic">
      <button type="button" aria-pressed={on} onClick={() => void (on ? stop.current?.() : start())} data-testid="peer-mic">
        {on ? 'Stop transcribing my microphone' : 'Transcribe my microphone'}
      </button>{' '}
      <span role="status" class="small muted" data-testid="peer-mic-status">
        {state.status === 'loading' && `Loading the speech model… ${Math.round(state.percent)}%`}
        {state.status === 'listening' && 'Listening (on this device; no audio is kept)'}
        {state.status === 'transcribing' && 'Transcribing…'}
      </span>
      {state.status === 'error' && <p role="alert">{state.message}</p>}
    </div>
  );
}

import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Settings } from '../../db/types';
import type { SpeechTiming } from '../../session/types';
import type { AskedEvent } from '../../session/state';
import { Speaker } from '../../media/tts';
import { splitSentences } from '../../media/sentences';
import { openMicrophone } from '../../media/mic';
import { TurnRecorder } from '../../media/turn-recorder';
import { DISFLUENCY_PROMPT, SttClient } from '../../bridges/stt-client';
import { getEntry } from '../../models/catalogue';
import { ModelManager, requestPersistentStorage, resolveBaseUrl } from '../../models/manager';
import { VoiceController, type VoiceView } from './voice-controller';
import { errorMessage } from '../format';
import { subscribeDraft } from '../ai/interviewer-service';
import { speakableDraft } from '../../llm/guard';

export type ModelLoad =
  | { status: 'idle' }
  | { status: 'ready'; device: string; threads: number }
  | { status: 'downloading' | 'loading'; loaded: number; total: number; percent: number }
  | { status: 'error'; message: string };

/**
 * Where Whisper runs: the setting, or for 'auto' WebGPU on a hardware adapter (a software adapter such as
 * SwiftShader is far slower than WebAssembly) and WebAssembly otherwise.
 */
async function sttDevice(setting: Settings['sttDevice']): Promise<'wasm' | 'webgpu'> {
  if (setting !== 'auto') return setting;
  const { probeCapabilities } = await import('../../llm/capabilities');
  return (await probeCapabilities()).gpu === 'hardware' ? 'webgpu' : 'wasm';
}

export interface InterviewVoice {
  view: VoiceView | null;
  /** Captions of the current interviewer line. */
  sentences: string[];
  sentence: number | null;
  speaking: boolean;
  spokenReason: string | null;
  model: ModelLoad;
  done(): void;
  /** Push-to-talk pressed (true) or released (false). */
  hold(down: boolean): void;
  retry(): void;
  cancelLoad(): void;
}

interface Options {
  current: AskedEvent | null;
  running: boolean;
  settings: Settings;
  onSpokenAnswer(promptId: number, text: string, speech: SpeechTiming): void;
}

/**
 * The interview room's voice: speaks each new question (captions always), and in voice mode loads the
 * speech model (verified download with progress, then the worker), listens and transcribes answers.
 */
export function useInterviewVoice({ current, running, settings, onSpokenAnswer }: Options): InterviewVoice {
  const voiceMode = settings.answerMode === 'voice';
  const speaker = useRef<Speaker | null>(null);
  const stt = useRef<SttClient | null>(null);
  const controller = useRef<VoiceController | null>(null);
  const loadAbort = useRef<AbortController | null>(null);
  const [view, setView] = useState<VoiceView | null>(null);
  const [model, setModel] = useState<ModelLoad>({ status: 'idle' });
  const [captions, setCaptions] = useState<{ sentences: string[]; sentence: number | null; speaking: boolean; reason: string | null }>({
    sentences: [],
    sentence: null,
    speaking: false,
    reason: null,
  });
  const [attempt, setAttempt] = useState(0);
  const answerRef = useRef(onSpokenAnswer);
  answerRef.current = onSpokenAnswer;

  if (!speaker.current) speaker.current = new Speaker({ voiceURI: settings.voiceURI, rate: settings.voiceRate });
  useEffect(() => {
    speaker.current?.setVoice(settings.voiceURI);
    speaker.current?.setRate(settings.voiceRate);
  }, [settings.voiceURI, settings.voiceRate]);
  // Voices load asynchronously: ask early so the first question is not delayed.
  useEffect(() => void speaker.current?.voices(), []);

  // Voice mode: download (verified, cached) and load the speech-to-text model.
  useEffect(() => {
    if (!voiceMode) return;
    const entry = getEntry(settings.sttModel) ?? getEntry('whisper-tiny');
    if (!entry) return setModel({ status: 'error', message: 'No speech model in the catalogue.' });
    const abort = new AbortController();
    loadAbort.current = abort;
    void (async () => {
      try {
        const baseUrl = await resolveBaseUrl(settings.modelBaseUrl, entry);
        await requestPersistentStorage();
        setModel({ status: 'downloading', loaded: 0, total: 0, percent: 0 });
        await new ModelManager({ baseUrl }).download(entry, {
          signal: abort.signal,
          onProgress: (p) => setModel({ status: 'downloading', loaded: p.loaded, total: p.total, percent: p.percent }),
        });
        setModel({ status: 'loading', loaded: 0, total: 0, percent: 100 });
        stt.current ??= new SttClient();
        const device = await sttDevice(settings.sttDevice);
        const r = await stt.current.load({ model: entry.repo, baseUrl, device }, undefined, { signal: abort.signal });
        if (!abort.signal.aborted) setModel({ status: 'ready', device: r.device, threads: r.threads });
      } catch (err) {
        if (abort.signal.aborted) return setModel({ status: 'error', message: 'Download cancelled. Answers are typed until you retry.' });
        setModel({ status: 'error', message: `The speech model could not be loaded: ${errorMessage(err)} Answers are typed for now.` });
      }
    })();
    return () => abort.abort();
  }, [voiceMode, settings.sttModel, settings.sttDevice, settings.modelBaseUrl, attempt]);

  useEffect(() => () => {
    controller.current?.cancel();
    speaker.current?.stop();
    stt.current?.dispose();
  }, []);

  // An AI interviewer writing its line: speak sentence by sentence before generation ends. The prompt's
  // speak() below then joins that speech instead of starting over (src/media/tts.ts, beginStream).
  useEffect(() => {
    if (!settings.speakQuestions) return;
    return subscribeDraft((e) => {
      const sp = speaker.current;
      if (!sp) return;
      if (e.type === 'start') sp.beginStream();
      else if (e.type === 'text') sp.pushStream(speakableDraft(e.text, splitSentences));
      else sp.endStream(e.accepted);
    });
  }, [settings.speakQuestions]);

  // Each new prompt: speak it, and in voice mode listen for the answer.
  const promptId = current?.promptId;
  useEffect(() => {
    // A streamed AI line for this prompt is already being spoken: keep it (speak() below joins it).
    const streaming = speaker.current?.streaming === true;
    controller.current?.cancel({ keepSpeech: streaming });
    if (!streaming) speaker.current?.stop();
    if (!current || !running) return;
    const sentences = splitSentences(current.text);
    setCaptions({ sentences, sentence: null, speaking: settings.speakQuestions, reason: null });
    const voice = settings.speakQuestions ? speaker.current : null;
    if (voiceMode && model.status === 'ready' && stt.current) {
      const sttClient = stt.current;
      const c = new VoiceController(
        {
          stt: sttClient,
          speaker: voice,
          openMic: async (onChunk, onLevel) => openMicrophone({ onChunk, onLevel: (_db, r) => onLevel(r) }),
          createRecorder: (onEvent, onTooQuiet) =>
            new TurnRecorder({
              onEvent: (e) => {
                if (e.type === 'too-quiet' || e.type === 'no-signal') onTooQuiet();
                else if (e.type !== 'max-turn') onEvent(e);
              },
            }),
          now: () => performance.now(),
          finalPrompt: DISFLUENCY_PROMPT,
        },
        (v) => {
          setView(v);
          setCaptions((c2) => ({ ...c2, sentence: v.sentence, speaking: v.phase === 'speaking', reason: v.spokenReason }));
        },
      );
      controller.current = c;
      void c.ask(current.text).then((a) => a && answerRef.current(current.promptId, a.text, a.speech));
      return () => c.cancel({ keepSpeech: speaker.current?.streaming === true });
    }
    setView(null);
    if (!voice) return;
    let live = true;
    void voice
      .speak(current.text, { onSentence: (i) => live && setCaptions((c2) => ({ ...c2, sentence: i })) })
      .then((r) => live && setCaptions((c2) => ({ ...c2, sentence: null, speaking: false, reason: r.spoken ? null : (r.reason ?? null) })));
    return () => {
      live = false;
    };
  }, [promptId, running, voiceMode, model.status, settings.speakQuestions]);

  const done = useCallback(() => controller.current?.done(), []);
  const hold = useCallback((down: boolean) => controller.current?.hold(down), []);
  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  const cancelLoad = useCallback(() => loadAbort.current?.abort(), []);

  return {
    view,
    sentences: captions.sentences,
    sentence: captions.sentence,
    speaking: captions.speaking,
    spokenReason: captions.reason,
    model,
    done,
    hold,
    retry,
    cancelLoad,
  };
}

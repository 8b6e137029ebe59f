/**
 * Browser glue for the microphone: getUserMedia → AudioContext → 'capture-processor' AudioWorklet
 * (mono, ~40 ms chunks) → StreamingResampler → `onChunk(pcm16k)` with 16 kHz mono Float32 samples.
 *
 * Browser processing (echo cancellation, noise suppression, automatic gain control) is on in production
 * and off when `rawForTests` is true or the page URL has `?rawmic` (tests need the raw levels: AGC changes
 * them). Failures are thrown as `MicError` with a `kind` and a message the UI can show as is.
 */
import processorUrl from './capture-processor.ts?worker&url';
import { StreamingResampler } from './resampler';
import { rms as frameRms, rmsToDb } from './vad';

export type MicErrorKind = 'permission-denied' | 'no-device' | 'in-use' | 'insecure-context' | 'unsupported' | 'failed';

const MESSAGES: Record<MicErrorKind, string> = {
  'permission-denied':
    'Microphone access was blocked. Allow the microphone for this site (the icon in the address bar or the site settings) and, if your system asks, for the browser too (e.g. macOS System Settings › Privacy & Security › Microphone). Then try again, or answer by typing.',
  'no-device': 'No microphone was found. Connect a microphone or headset, check that it is enabled in your system sound settings, then try again — or answer by typing.',
  'in-use':
    'The microphone could not be started: another application (a video call, a recorder) or the system may be holding it. Close other apps that use the microphone, or pick another input device, then try again.',
  'insecure-context': 'The microphone is only available on a secure page. Open the app over https:// (or on localhost) and try again.',
  unsupported: 'This browser cannot record audio here (it lacks getUserMedia or AudioWorklet). Use a recent Chrome, Edge, Firefox or Safari, or answer by typing.',
  failed: 'The microphone could not be started because of an unexpected error. Try again, reload the page, or answer by typing.',
};

export class MicError extends Error {
  readonly kind: MicErrorKind;
  override readonly cause: unknown;
  constructor(kind: MicErrorKind, message?: string, cause?: unknown) {
    super(message ?? MESSAGES[kind]);
    this.name = 'MicError';
    this.kind = kind;
    this.cause = cause;
  }
}

/** Maps a getUserMedia / audio setup failure to a MicError. */
export function toMicError(err: unknown): MicError {
  if (err instanceof MicError) return err;
  const name = typeof err === 'object' && err !== null && 'name' in err ? String((err as { name: unknown }).name) : '';
  const detail = err instanceof Error && err.message ? ` (${err.name}: ${err.message})` : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return new MicError('permission-denied', undefined, err);
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
    case 'ConstraintNotSatisfiedError':
      return new MicError('no-device', undefined, err);
    case 'NotReadableError':
    case 'TrackStartError':
      return new MicError('in-use', undefined, err);
    case 'TypeError':
      return new MicError('unsupported', MESSAGES.unsupported + detail, err);
    default:
      return new MicError('failed', MESSAGES.failed + detail, err);
  }
}

export interface OpenMicrophoneOptions {
  /** Turn off echo cancellation, noise suppression and AGC (also via `?rawmic` in the page URL). */
  rawForTests?: boolean;
  /** 16 kHz mono samples, ~40 ms per call (the first and last calls may be shorter). */
  onChunk(pcm16k: Float32Array): void;
  /** Level of each captured chunk (before resampling): dBFS (floored at −100) and RMS. */
  onLevel?(db: number, rms: number): void;
  /** Called once if capture stops by itself (device unplugged, permission revoked). */
  onError?(err: MicError): void;
  /** Chunk length posted by the worklet (ms). Default 40. */
  chunkMs?: number;
}

export interface MicHandle {
  /** Stops capture: delivers the remaining audio through onChunk, then releases the device. Idempotent. */
  stop(): Promise<void>;
  /** Capture rate (the AudioContext's, before resampling to 16 kHz). */
  sampleRate: number;
  deviceLabel: string;
  stream: MediaStream;
  audioContext: AudioContext;
  /** Whether browser voice processing (AEC/NS/AGC) was requested. */
  processing: boolean;
}

function rawRequestedByUrl(): boolean {
  try {
    return typeof location !== 'undefined' && new URLSearchParams(location.search).has('rawmic');
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function openMicrophone(options: OpenMicrophoneOptions): Promise<MicHandle> {
  if (typeof window !== 'undefined' && window.isSecureContext === false) throw new MicError('insecure-context');
  const md = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
  if (!md || typeof md.getUserMedia !== 'function') throw new MicError('unsupported');
  const Ctx: typeof AudioContext | undefined =
    typeof AudioContext !== 'undefined' ? AudioContext : (globalThis as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctx || typeof AudioWorkletNode === 'undefined') throw new MicError('unsupported');

  const processing = !(options.rawForTests === true || rawRequestedByUrl());
  let stream: MediaStream;
  try {
    stream = await md.getUserMedia({
      audio: { echoCancellation: processing, noiseSuppression: processing, autoGainControl: processing, channelCount: { ideal: 1 } },
      video: false,
    });
  } catch (err) {
    throw toMicError(err);
  }
  const track = stream.getAudioTracks()[0];
  const stopTracks = () => stream.getTracks().forEach((t) => t.stop());
  if (!track) {
    stopTracks();
    throw new MicError('no-device');
  }

  let ctx: AudioContext | undefined;
  try {
    ctx = new Ctx({ latencyHint: 'interactive' });
    await ctx.audioWorklet.addModule(processorUrl);
    const source = ctx.createMediaStreamSource(stream);
    const node = new AudioWorkletNode(ctx, 'capture-processor', {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      outputChannelCount: [1],
      processorOptions: { chunkMs: options.chunkMs ?? 40 },
    });
    const resampler = new StreamingResampler(ctx.sampleRate);
    const deliver = (pcm: Float32Array) => {
      if (pcm.length === 0) return;
      try {
        options.onChunk(pcm);
      } catch (e) {
        console.error('openMicrophone: onChunk threw', e);
      }
    };
    let flushed: (() => void) | null = null;
    let stopped = false;
    node.port.onmessage = (ev: MessageEvent) => {
      const d: unknown = ev.data;
      if (d instanceof Float32Array) {
        if (stopped) return;
        if (options.onLevel) {
          const r = frameRms(d);
          try {
            options.onLevel(rmsToDb(r), r);
          } catch (e) {
            console.error('openMicrophone: onLevel threw', e);
          }
        }
        deliver(resampler.push(d));
      } else if (typeof d === 'object' && d !== null && (d as { type?: unknown }).type === 'flushed') {
        flushed?.();
      }
    };
    // The processor writes silence; connecting it to the destination keeps it pulled by the graph.
    source.connect(node);
    node.connect(ctx.destination);

    const context = ctx;
    let stopping: Promise<void> | null = null;
    const stop = (): Promise<void> => {
      stopping ??= (async () => {
        if (context.state === 'running') {
          const done = new Promise<void>((r) => (flushed = r));
          node.port.postMessage({ type: 'flush' });
          await Promise.race([done, sleep(300)]);
        }
        stopped = true;
        deliver(resampler.flush());
        node.port.postMessage({ type: 'stop' });
        node.port.onmessage = null;
        track.onended = null;
        try {
          source.disconnect();
          node.disconnect();
        } catch {
          /* already disconnected */
        }
        stopTracks();
        await context.close().catch(() => undefined);
      })();
      return stopping;
    };

    track.onended = () => {
      if (stopped || stopping) return;
      void stop();
      options.onError?.(new MicError('no-device', 'The microphone stopped (it was disconnected or access was revoked). Reconnect it and try again, or answer by typing.'));
    };

    if (context.state !== 'running') {
      // Autoplay policy: resume() only succeeds after a user gesture; do not hang waiting for one.
      await Promise.race([context.resume().catch(() => undefined), sleep(1000)]);
    }

    return {
      stop,
      sampleRate: context.sampleRate,
      deviceLabel: track.label || 'Microphone',
      stream,
      audioContext: context,
      processing,
    };
  } catch (err) {
    stopTracks();
    await ctx?.close().catch(() => undefined);
    throw err instanceof MicError ? err : new MicError('failed', MESSAGES.failed + (err instanceof Error ? ` (${err.message})` : ''), err);
  }
}

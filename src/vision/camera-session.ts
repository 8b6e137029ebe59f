/**
 * The camera during an interview (main thread): opens the camera, downloads (verified, cached) and loads the
 * face model in the vision worker, pumps frames to it at the adaptive rate, turns each frame's numbers into
 * tracked frames, one-second buckets (handed to `persist`) and live cues. No interview logic: the session
 * clock, the "candidate is speaking" state and persistence are injected.
 *
 * Frames: `createImageBitmap(video)` (scaled down to at most {@link MAX_FRAME_WIDTH} px wide) is transferred to
 * the worker, which closes it after one detection. One frame is in flight at a time; nothing is queued.
 */
import { VisionClient, VisionError, classifyVisionError } from '../bridges/vision-client';
import { othersBusy } from '../bridges/worker-activity';
import { getEntry } from '../models/catalogue';
import { ModelManager, requestPersistentStorage, resolveBaseUrl } from '../models/manager';
import { BucketBuilder, FrameTracker, type TrackedFrame } from './aggregate';
import { CuePolicy, type Cue } from './cues';
import { FrameRateController, type RateDecision } from './rate';
import type { CameraBucket, FrameSignals } from './types';

export const MAX_FRAME_WIDTH = 640;

export type CameraPhase = 'off' | 'starting-camera' | 'downloading' | 'loading' | 'running' | 'error';

export interface CameraView {
  phase: CameraPhase;
  /** Model download progress, 0–100. */
  percent: number;
  loaded: number;
  total: number;
  error: string | null;
  /** Latest frame's signals. */
  last: FrameSignals | null;
  /** Frames analysed per second over the last few seconds. */
  fps: number;
  rate: RateDecision | null;
  cue: Cue | null;
  /** Frames analysed since the camera started. */
  frames: number;
  /** Median inference time in the worker over the last 200 frames, ms. */
  frameMsP50: number | null;
}

function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? null) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

export interface CameraSessionDeps {
  /** Session time (ms of active interview time). */
  sessionT(): number;
  /** Is the interview running (not paused, not ended)? Frames are analysed only then. */
  active(): boolean;
  /** Is the candidate speaking (voice) or answering (typed)? */
  speaking(): boolean;
  /** Store buckets with the session. */
  persist(buckets: CameraBucket[]): Promise<void>;
  /** Live cues on (Settings). */
  cues(): boolean;
  modelBaseUrl: string | null;
  client?: VisionClient;
}

const INITIAL: CameraView = { phase: 'off', percent: 0, loaded: 0, total: 0, error: null, last: null, fps: 0, rate: null, cue: null, frames: 0, frameMsP50: null };

export class CameraSession {
  private view: CameraView = INITIAL;
  private stream: MediaStream | null = null;
  private video: HTMLVideoElement | null = null;
  private client: VisionClient | null = null;
  private readonly rate = new FrameRateController();
  private readonly tracker = new FrameTracker();
  private readonly buckets = new BucketBuilder();
  private readonly cuePolicy = new CuePolicy();
  private readonly recent: number[] = [];
  /** The last 200 inference times (ms), for the median shown to the benchmark. */
  private readonly inferenceMs: number[] = [];
  private running = false;
  private loopTimer: ReturnType<typeof setTimeout> | null = null;
  private flushTimer: ReturnType<typeof setInterval> | null = null;
  private abort: AbortController | null = null;
  private persisting: Promise<void> = Promise.resolve();
  private generation = 0;
  private nextDue: number | null = null;

  constructor(
    private readonly deps: CameraSessionDeps,
    private readonly onView: (v: CameraView) => void,
  ) {}

  get state(): CameraView {
    return this.view;
  }

  private set(patch: Partial<CameraView>): void {
    this.view = { ...this.view, ...patch };
    this.onView(this.view);
  }

  /** Opens the camera into `video` (the preview), loads the model and starts analysing. Never throws. */
  async start(video: HTMLVideoElement): Promise<void> {
    if (this.running) return;
    const gen = ++this.generation;
    this.running = true;
    this.video = video;
    const abort = new AbortController();
    this.abort = abort;
    this.set({ ...INITIAL, phase: 'starting-camera' });
    try {
      if (!navigator.mediaDevices?.getUserMedia) throw new VisionError('no-camera', 'This browser gives no camera access here (an insecure http:// page?). The interview goes on without camera cues.');
      this.stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 30 } }, audio: false });
      if (gen !== this.generation) return this.releaseStream();
      video.srcObject = this.stream;
      video.muted = true;
      await video.play().catch(() => undefined);

      const entry = getEntry('face-landmarker');
      if (!entry) throw new VisionError('model', 'No face model in the catalogue. The interview goes on without camera cues.');
      this.set({ phase: 'downloading' });
      const baseUrl = await resolveBaseUrl(this.deps.modelBaseUrl, entry);
      await requestPersistentStorage();
      await new ModelManager({ baseUrl }).download(entry, {
        signal: abort.signal,
        onProgress: (p) => gen === this.generation && this.set({ percent: p.percent, loaded: p.loaded, total: p.total }),
      });
      if (gen !== this.generation) return;
      this.set({ phase: 'loading', percent: 100 });
      this.client = this.deps.client ?? new VisionClient();
      await this.client.load();
      if (gen !== this.generation) return;
      this.set({ phase: 'running' });
      this.nextDue = null;
      this.flushTimer = setInterval(() => void this.flush(), 10_000);
      this.schedule(0, gen);
    } catch (err) {
      if (gen !== this.generation) return;
      const e = abort.signal.aborted ? new VisionError('model', 'The face model download was cancelled. The interview goes on without camera cues.') : classifyVisionError(err);
      await this.stop();
      this.set({ phase: 'error', error: e.message });
    }
  }

  /** Cancels a running model download (the camera turns off with a message). */
  cancelDownload(): void {
    this.abort?.abort();
  }

  /** Turns everything off: the camera light goes out, the worker ends, pending buckets are stored. */
  async stop(): Promise<void> {
    this.generation++;
    this.running = false;
    this.abort?.abort();
    if (this.loopTimer) clearTimeout(this.loopTimer);
    if (this.flushTimer) clearInterval(this.flushTimer);
    this.loopTimer = null;
    this.flushTimer = null;
    this.releaseStream();
    const client = this.client;
    this.client = null;
    const flushed = this.flush(true);
    await client?.dispose();
    await flushed;
    this.tracker.reset();
    this.cuePolicy.clear();
    this.set({ ...INITIAL });
  }

  /** Stores the completed buckets (all of them when `all`). Persist calls are serialised. */
  flush(all = false): Promise<void> {
    const ready = this.buckets.take(all);
    if (ready.length === 0) return this.persisting;
    this.persisting = this.persisting.then(() => this.deps.persist(ready)).catch((err: unknown) => console.warn('[camera] could not store the camera signals:', err));
    return this.persisting;
  }

  /** The interview paused or a new answer began: cut the current bucket and forget the cue window. */
  checkpoint(): Promise<void> {
    this.cuePolicy.clear();
    this.tracker.reset();
    return this.flush(true);
  }

  private releaseStream(): void {
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = null;
    if (this.video) this.video.srcObject = null;
  }

  private rateState(): { hidden: boolean; busy: boolean } {
    return { hidden: typeof document !== 'undefined' && document.visibilityState === 'hidden', busy: othersBusy(['vision']) };
  }

  private schedule(delay: number, gen: number): void {
    this.loopTimer = setTimeout(() => void this.step(gen), delay);
  }

  private async step(gen: number): Promise<void> {
    if (gen !== this.generation) return;
    const started = performance.now();
    const video = this.video;
    const client = this.client;
    try {
      if (client && video && this.deps.active() && video.readyState >= 2 && video.videoWidth > 0) {
        const scale = Math.min(1, MAX_FRAME_WIDTH / video.videoWidth);
        const bitmap = await createImageBitmap(video, scale < 1 ? { resizeWidth: Math.round(video.videoWidth * scale), resizeHeight: Math.round(video.videoHeight * scale), resizeQuality: 'low' } : {});
        const t = this.deps.sessionT();
        const speaking = this.deps.speaking();
        const result = await client.detect(bitmap, started);
        if (gen !== this.generation) return;
        this.rate.observe(result.ms);
        this.inferenceMs.push(result.ms);
        if (this.inferenceMs.length > 200) this.inferenceMs.shift();
        this.onFrame(t, result.signals, speaking);
      }
    } catch (err) {
      if (gen !== this.generation) return;
      const e = classifyVisionError(err);
      await this.stop();
      this.set({ phase: 'error', error: e.message });
      return;
    }
    const decision = this.rate.decide(this.rateState());
    if (this.view.rate?.reason !== decision.reason || Math.abs((this.view.rate?.fps ?? 0) - decision.fps) > 0.5) this.set({ rate: decision });
    // A steady cadence: the next frame is due one interval after the previous one was due (not after this
    // one finished), without bursts to catch up when the worker was slow.
    const now = performance.now();
    this.nextDue = Math.max(now, (this.nextDue ?? started) + decision.intervalMs);
    this.schedule(this.nextDue - now, gen);
  }

  private onFrame(t: number, s: FrameSignals, speaking: boolean): void {
    const f: TrackedFrame = this.tracker.push(t, s, speaking);
    this.buckets.push(f);
    const now = performance.now();
    this.recent.push(now);
    while (this.recent.length > 0 && (this.recent[0] ?? now) < now - 3000) this.recent.shift();
    const cue = this.deps.cues() ? this.cuePolicy.push(now, f) : null;
    const fps = this.recent.length > 1 ? ((this.recent.length - 1) * 1000) / Math.max(1, now - (this.recent[0] ?? now)) : 0;
    this.set({ last: s, fps: Math.round(fps * 10) / 10, frames: this.view.frames + 1, frameMsP50: median(this.inferenceMs), ...(cue ? { cue } : {}) });
  }
}

/**
 * Adaptive frame rate for the camera: how often a frame is sent to the vision worker. Pure, no DOM.
 *
 * - target {@link RateOptions.targetFps} (15) while the page is visible and the other workers are idle;
 * - {@link RateOptions.busyFps} (5) while speech-to-text (or the LLM) is working, so the camera does not slow
 *   transcription down on a 2-core machine;
 * - {@link RateOptions.hiddenFps} (1) while the tab is hidden (browsers throttle timers there anyway);
 * - never faster than the worker keeps up with: one frame is in flight at a time, and the interval is at
 *   least the smoothed inference time (exponential moving average, α = {@link RateOptions.alpha}) times
 *   {@link RateOptions.headroom}, so the worker never queues frames ("cpu").
 */
export interface RateOptions {
  targetFps: number;
  busyFps: number;
  hiddenFps: number;
  /** Smoothing of the inference time (0–1, weight of the newest sample). */
  alpha: number;
  /** Interval ≥ inference time × headroom when the CPU limits the rate. */
  headroom: number;
}

export const DEFAULT_RATE: RateOptions = { targetFps: 15, busyFps: 5, hiddenFps: 1, alpha: 0.2, headroom: 1.1 };

export type RateReason = 'target' | 'busy' | 'hidden' | 'cpu';

export interface RateState {
  hidden: boolean;
  /** Another worker (speech-to-text, LLM) is running an inference. */
  busy: boolean;
}

export interface RateDecision {
  fps: number;
  intervalMs: number;
  reason: RateReason;
}

export class FrameRateController {
  private readonly opts: RateOptions;
  private avgMs: number | null = null;

  constructor(opts: Partial<RateOptions> = {}) {
    this.opts = { ...DEFAULT_RATE, ...opts };
  }

  /** Record one frame's inference time (ms). */
  observe(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    this.avgMs = this.avgMs === null ? ms : this.avgMs + this.opts.alpha * (ms - this.avgMs);
  }

  get averageMs(): number | null {
    return this.avgMs;
  }

  decide(state: RateState): RateDecision {
    let fps = this.opts.targetFps;
    let reason: RateReason = 'target';
    if (state.hidden) {
      fps = this.opts.hiddenFps;
      reason = 'hidden';
    } else if (state.busy) {
      fps = this.opts.busyFps;
      reason = 'busy';
    }
    if (this.avgMs !== null && this.avgMs > 0) {
      const cpuFps = 1000 / (this.avgMs * this.opts.headroom);
      if (cpuFps < fps) {
        fps = cpuFps;
        reason = 'cpu';
      }
    }
    fps = Math.max(0.5, fps);
    return { fps, intervalMs: 1000 / fps, reason };
  }

  /** How long to wait before capturing the next frame, given when the last capture started. */
  delayMs(state: RateState, lastStart: number | null, now: number): number {
    if (lastStart === null) return 0;
    return Math.max(0, lastStart + this.decide(state).intervalMs - now);
  }
}

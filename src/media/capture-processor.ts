/**
 * AudioWorklet processor 'capture-processor': mixes the input to mono (average of the channels), batches
 * the 128-frame render quanta into chunks of about 40 ms and posts each chunk to the main thread as a
 * Float32Array (its buffer transferred) through `this.port`.
 *
 * Self-contained on purpose (no imports): it is loaded with
 *   import processorUrl from './capture-processor.ts?worker&url';
 *   await audioContext.audioWorklet.addModule(processorUrl);
 *
 * Options (`processorOptions`): `chunkMs` (default 40, clamped to 10–200), rounded to whole quanta.
 * Port messages in: `{ type: 'flush' }` → posts the partial chunk (if any) then `{ type: 'flushed' }`;
 * `{ type: 'stop' }` → drops the partial chunk and ends processing (process() returns false).
 * Port messages out: Float32Array chunks at the context's sample rate, and `{ type: 'flushed' }`.
 */

/** The AudioWorkletGlobalScope's sample rate (declared locally so page code does not see a global). */
declare const sampleRate: number;

const QUANTUM = 128;

class CaptureProcessor extends AudioWorkletProcessor {
  private readonly chunkLen: number;
  private buf: Float32Array;
  private fill = 0;
  private stopped = false;

  constructor(options?: AudioWorkletNodeOptions) {
    super(options);
    const opts = (options?.processorOptions ?? {}) as { chunkMs?: unknown };
    const ms = typeof opts.chunkMs === 'number' && Number.isFinite(opts.chunkMs) ? Math.min(200, Math.max(10, opts.chunkMs)) : 40;
    this.chunkLen = Math.max(QUANTUM, Math.round((sampleRate * ms) / 1000 / QUANTUM) * QUANTUM);
    this.buf = new Float32Array(this.chunkLen);
    this.port.onmessage = (ev: MessageEvent) => {
      const type = (ev.data as { type?: unknown } | null)?.type;
      if (type === 'flush') {
        this.post();
        this.port.postMessage({ type: 'flushed' });
      } else if (type === 'stop') {
        this.stopped = true;
        this.fill = 0;
        this.port.onmessage = null;
      }
    };
  }

  private post(): void {
    if (this.fill === 0) return;
    if (this.fill === this.chunkLen) {
      // Hand the full buffer over (transferred, no copy) and start a fresh one.
      const out = this.buf;
      this.buf = new Float32Array(this.chunkLen);
      this.port.postMessage(out, [out.buffer]);
    } else {
      const out = this.buf.slice(0, this.fill);
      this.port.postMessage(out, [out.buffer]);
    }
    this.fill = 0;
  }

  process(inputs: Float32Array[][]): boolean {
    if (this.stopped) return false;
    const channels = inputs[0];
    if (!channels || channels.length === 0) return true; // no input connected (yet)
    const first = channels[0];
    if (!first) return true;
    const n = first.length;
    const k = channels.length;
    let i = 0;
    while (i < n) {
      const take = Math.min(n - i, this.chunkLen - this.fill);
      for (let j = 0; j < take; j++) {
        let s = 0;
        for (let c = 0; c < k; c++) s += (channels[c] as Float32Array)[i + j] as number;
        this.buf[this.fill + j] = s / k;
      }
      this.fill += take;
      i += take;
      if (this.fill === this.chunkLen) this.post();
    }
    return true;
  }
}

registerProcessor('capture-processor', CaptureProcessor);

export {};

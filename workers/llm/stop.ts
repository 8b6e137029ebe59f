/**
 * Stop sequences over a stream of text pieces. A piece that could be the start of a stop string is held
 * back until it is clear, so a stop string never leaks into the stream (or the speech). Pure logic.
 */
export class StopScanner {
  private held = '';
  private out = '';
  private done = false;

  constructor(private readonly stops: readonly string[]) {}

  /** Everything emitted so far (without the stop string). */
  get text(): string {
    return this.out;
  }

  push(piece: string): { emit: string; stopped: boolean } {
    if (this.done) return { emit: '', stopped: true };
    const buf = this.held + piece;
    let cut = -1;
    for (const s of this.stops) {
      if (!s) continue;
      const i = buf.indexOf(s);
      if (i >= 0 && (cut < 0 || i < cut)) cut = i;
    }
    if (cut >= 0) {
      const emit = buf.slice(0, cut);
      this.out += emit;
      this.held = '';
      this.done = true;
      return { emit, stopped: true };
    }
    // Hold back the longest suffix that is a prefix of a stop string.
    let hold = 0;
    for (const s of this.stops) {
      for (let k = Math.min(s.length - 1, buf.length); k > hold; k--) {
        if (buf.endsWith(s.slice(0, k))) {
          hold = k;
          break;
        }
      }
    }
    const emit = buf.slice(0, buf.length - hold);
    this.held = buf.slice(buf.length - hold);
    this.out += emit;
    return { emit, stopped: false };
  }

  /** End of stream: release what was held back. */
  flush(): string {
    if (this.done) return '';
    const rest = this.held;
    this.held = '';
    this.out += rest;
    this.done = true;
    return rest;
  }
}

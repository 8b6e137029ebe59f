/**
 * State sync: the interviewer's scheduler log is the single source of truth; the candidate holds a copy.
 * Events travel in numbered batches (`from` = index of the first event in the log). The receiver applies
 * them strictly in order: duplicates and overlaps (a resend after a re-pair) are trimmed, a batch that
 * leaves a gap is held until the missing events arrive, and a gap asks for a resend from what it has.
 */
import type { SessionEvent } from '../session/types';
import type { TranscriptLine } from './types';

export interface Batch {
  from: number;
  events: SessionEvent[];
}

export interface ReceiveResult {
  /** Events to append now, in log order (possibly from several held batches). */
  apply: SessionEvent[];
  /** When a gap was found: ask the sender to resend from this index. */
  resendFrom: number | null;
}

/** Held out-of-order batches beyond this many are dropped (a resend will bring them again). */
const MAX_HELD = 64;

export class EventReceiver {
  private held = new Map<number, SessionEvent[]>();

  constructor(
    /** Number of events already in the local copy. */
    private have = 0,
  ) {}

  get count(): number {
    return this.have;
  }

  receive(batch: Batch): ReceiveResult {
    const apply: SessionEvent[] = [];
    if (batch.from > this.have) {
      if (this.held.size < MAX_HELD) this.held.set(batch.from, batch.events);
    } else {
      this.take(batch, apply);
    }
    // Drain held batches that now fit.
    let progressed = true;
    while (progressed) {
      progressed = false;
      for (const [from, events] of this.held) {
        if (from <= this.have) {
          this.held.delete(from);
          this.take({ from, events }, apply);
          progressed = true;
        }
      }
    }
    return { apply, resendFrom: this.held.size > 0 ? this.have : null };
  }

  private take(batch: Batch, into: SessionEvent[]): void {
    const skip = this.have - batch.from;
    const fresh = batch.events.slice(skip);
    into.push(...fresh);
    this.have += fresh.length;
  }
}

/** Split `events[from…]` into protocol-sized batches. */
export function batchesFrom(events: readonly SessionEvent[], from: number, size: number): Batch[] {
  const out: Batch[] = [];
  for (let i = Math.max(0, from); i < events.length; i += size) out.push({ from: i, events: events.slice(i, i + size) });
  return out;
}

/** Merge transcript lines or scores by key, keeping order of first appearance; later entries win. */
export function mergeBy<T>(existing: readonly T[], incoming: readonly T[], key: (x: T) => string | number): { merged: T[]; changed: boolean } {
  const index = new Map(existing.map((x, i) => [key(x), i] as const));
  const merged = [...existing];
  let changed = false;
  for (const x of incoming) {
    const k = key(x);
    const i = index.get(k);
    if (i === undefined) {
      index.set(k, merged.length);
      merged.push(x);
      changed = true;
    } else if (JSON.stringify(merged[i]) !== JSON.stringify(x)) {
      merged[i] = x;
      changed = true;
    }
  }
  return { merged, changed };
}

/**
 * The interviewer's side: candidate lines said before the candidate's device had received any question
 * (promptId null: right after pairing, while the first events are still on their way) belong to the
 * question being asked now — the only one they can answer. Other lines are returned unchanged.
 */
export function attributeEarlyLines(lines: readonly TranscriptLine[], currentPromptId: number | null): TranscriptLine[] {
  if (currentPromptId === null) return [...lines];
  return lines.map((l) => (l.speaker === 'candidate' && l.promptId === null ? { ...l, promptId: currentPromptId } : l));
}

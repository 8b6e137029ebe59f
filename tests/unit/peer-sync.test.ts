import { describe, expect, it } from 'vitest';
import { attributeEarlyLines, batchesFrom, EventReceiver, mergeBy } from '../../src/peer/sync';
import type { SessionEvent } from '../../src/session/types';

const ev = (i: number): SessionEvent => ({ type: 'repeated', t: i * 1000, at: i, promptId: i });
const log = Array.from({ length: 10 }, (_, i) => ev(i));

describe('state sync ordering', () => {
  it('applies batches in order', () => {
    const r = new EventReceiver();
    const out: SessionEvent[] = [];
    for (const b of batchesFrom(log, 0, 3)) out.push(...r.receive(b).apply);
    expect(out).toEqual(log);
    expect(r.count).toBe(10);
  });

  it('holds a batch that arrives early, asks for the gap, and applies everything in order when it arrives', () => {
    const r = new EventReceiver();
    const [b0, b1, b2] = batchesFrom(log.slice(0, 9), 0, 3);
    expect(r.receive(b0!).apply).toEqual(log.slice(0, 3));
    const early = r.receive(b2!);
    expect(early.apply).toEqual([]);
    expect(early.resendFrom).toBe(3);
    const late = r.receive(b1!);
    expect(late.apply).toEqual(log.slice(3, 9));
    expect(late.resendFrom).toBeNull();
  });

  it('trims duplicates and overlaps (a resend after a re-pair) and never applies an event twice', () => {
    const r = new EventReceiver(4); // the local copy already has 4 events
    expect(r.receive({ from: 0, events: log.slice(0, 3) }).apply).toEqual([]);
    expect(r.receive({ from: 2, events: log.slice(2, 7) }).apply).toEqual(log.slice(4, 7));
    expect(r.receive({ from: 5, events: log.slice(5, 10) }).apply).toEqual(log.slice(7, 10));
    expect(r.count).toBe(10);
  });

  it('a shuffled delivery of every batch ends with the same log', () => {
    const batches = batchesFrom(log, 0, 2);
    const order = [3, 0, 4, 2, 1];
    const r = new EventReceiver();
    const out: SessionEvent[] = [];
    for (const i of order) out.push(...r.receive(batches[i]!).apply);
    expect(out).toEqual(log);
  });

  it('merges lines and scores by key: resent entries are not duplicated, edits replace', () => {
    const a = [{ id: 'x', v: 1 }, { id: 'y', v: 1 }];
    expect(mergeBy(a, [{ id: 'y', v: 1 }], (e) => e.id)).toEqual({ merged: a, changed: false });
    expect(mergeBy(a, [{ id: 'y', v: 2 }, { id: 'z', v: 1 }], (e) => e.id)).toEqual({
      merged: [{ id: 'x', v: 1 }, { id: 'y', v: 2 }, { id: 'z', v: 1 }],
      changed: true,
    });
  });
});

describe('attributeEarlyLines', () => {
  const line = (id: string, speaker: 'candidate' | 'interviewer', promptId: number | null) => ({ id, speaker, text: id, at: 0, promptId, source: 'typed' as const });
  it('gives candidate lines said before any question reached their device to the current question', () => {
    const out = attributeEarlyLines([line('candidate-1', 'candidate', null), line('candidate-2', 'candidate', 0), line('interviewer-1', 'interviewer', null)], 3);
    expect(out.map((l) => l.promptId)).toEqual([3, 0, null]);
  });
  it('changes nothing while there is no current question', () => {
    const lines = [line('candidate-1', 'candidate', null)];
    expect(attributeEarlyLines(lines, null)).toEqual(lines);
  });
});

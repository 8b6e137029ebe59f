import { describe, expect, it } from 'vitest';
import { InferenceQueue } from '../../workers/stt/queue';

interface R {
  id: string;
  skipped?: boolean;
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

/** A queue plus a log of started jobs; each job waits until released by id. */
function harness() {
  const queue = new InferenceQueue<R>(() => ({ id: '', skipped: true }));
  const started: string[] = [];
  const gates = new Map<string, ReturnType<typeof deferred<void>>>();
  let running = 0;
  let maxRunning = 0;
  const job = (id: string, fail = false) => async (): Promise<R> => {
    started.push(id);
    running++;
    maxRunning = Math.max(maxRunning, running);
    const gate = deferred<void>();
    gates.set(id, gate);
    try {
      await gate.promise;
      if (fail) throw new Error(`job ${id} failed`);
      return { id };
    } finally {
      running--;
    }
  };
  const release = async (id: string) => {
    await tick();
    const gate = gates.get(id);
    if (!gate) throw new Error(`job ${id} has not started (started: ${started.join(',')})`);
    gate.resolve();
    // the job settles, then the queue yields one macrotask before starting the next
    for (let i = 0; i < 3; i++) await tick();
  };
  return { queue, started, job, release, maxRunning: () => maxRunning };
}

describe('InferenceQueue', () => {
  it('runs jobs one at a time in FIFO order', async () => {
    const h = harness();
    const a = h.queue.enqueue(h.job('a'));
    const b = h.queue.enqueue(h.job('b'));
    const c = h.queue.enqueue(h.job('c'));
    await tick();
    expect(h.started).toEqual(['a']);
    expect(h.queue.busy).toBe(true);
    expect(h.queue.size).toBe(2);
    await h.release('a');
    expect(h.started).toEqual(['a', 'b']);
    await h.release('b');
    await h.release('c');
    expect(await Promise.all([a, b, c])).toEqual([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
    expect(h.maxRunning()).toBe(1);
    expect(h.queue.busy).toBe(false);
  });

  it('latest wins for partials: an older waiting partial resolves as skipped', async () => {
    const h = harness();
    const running = h.queue.enqueue(h.job('p1'), { partial: true });
    await tick();
    expect(h.started).toEqual(['p1']);
    const p2 = h.queue.enqueue(h.job('p2'), { partial: true });
    const p3 = h.queue.enqueue(h.job('p3'), { partial: true });
    // p2 was waiting when p3 arrived: skipped without running.
    expect(await p2).toEqual({ id: '', skipped: true });
    await h.release('p1');
    await h.release('p3');
    expect(await running).toEqual({ id: 'p1' }); // the running partial is never interrupted
    expect(await p3).toEqual({ id: 'p3' });
    expect(h.started).toEqual(['p1', 'p3']);
  });

  it('yields before starting a job, so a burst of partials runs only the latest', async () => {
    const h = harness();
    const ps = ['a', 'b', 'c'].map((id) => h.queue.enqueue(h.job(id), { partial: true }));
    expect(h.started).toEqual([]); // nothing starts synchronously
    await h.release('c');
    expect(await Promise.all(ps)).toEqual([
      { id: '', skipped: true },
      { id: '', skipped: true },
      { id: 'c' },
    ]);
    expect(h.started).toEqual(['c']);
  });

  it('awaits the injected yield before each job', async () => {
    const order: string[] = [];
    const queue = new InferenceQueue<string>(() => 'skipped', {
      yieldToEvents: async () => {
        order.push('yield');
      },
    });
    const a = queue.enqueue(async () => {
      order.push('a');
      return 'a';
    });
    const b = queue.enqueue(async () => {
      order.push('b');
      return 'b';
    });
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    expect(order).toEqual(['yield', 'a', 'yield', 'b']);
  });

  it('uses a per-job skipped value when given', async () => {
    const h = harness();
    const first = h.queue.enqueue(h.job('f'));
    const old = h.queue.enqueue(h.job('old'), { partial: true, skipped: () => ({ id: 'old', skipped: true }) });
    const fresh = h.queue.enqueue(h.job('new'), { partial: true });
    expect(await old).toEqual({ id: 'old', skipped: true });
    await h.release('f');
    await h.release('new');
    await Promise.all([first, fresh]);
  });

  it('never drops finals, and keeps FIFO order around partials', async () => {
    const h = harness();
    const f1 = h.queue.enqueue(h.job('f1'));
    const p1 = h.queue.enqueue(h.job('p1'), { partial: true });
    const f2 = h.queue.enqueue(h.job('f2'));
    const f3 = h.queue.enqueue(h.job('f3'));
    const p2 = h.queue.enqueue(h.job('p2'), { partial: true });
    expect(await p1).toEqual({ id: '', skipped: true });
    for (const id of ['f1', 'f2', 'f3', 'p2']) await h.release(id);
    expect(await Promise.all([f1, f2, f3, p2])).toEqual([{ id: 'f1' }, { id: 'f2' }, { id: 'f3' }, { id: 'p2' }]);
    expect(h.started).toEqual(['f1', 'f2', 'f3', 'p2']);
  });

  it('a new final does not skip a waiting partial', async () => {
    const h = harness();
    const f1 = h.queue.enqueue(h.job('f1'));
    const p1 = h.queue.enqueue(h.job('p1'), { partial: true });
    const f2 = h.queue.enqueue(h.job('f2'));
    for (const id of ['f1', 'p1', 'f2']) await h.release(id);
    expect(await Promise.all([f1, p1, f2])).toEqual([{ id: 'f1' }, { id: 'p1' }, { id: 'f2' }]);
  });

  it('a failing job rejects only itself and does not block the queue', async () => {
    const h = harness();
    const a = h.queue.enqueue(h.job('a', true));
    const b = h.queue.enqueue(h.job('b'));
    const thrower = h.queue.enqueue(() => {
      throw new Error('sync throw');
    });
    const c = h.queue.enqueue(h.job('c'));
    // Attach the handlers first: the rejections happen while the queue moves on.
    const aFailed = expect(a).rejects.toThrow('job a failed');
    const throwerFailed = expect(thrower).rejects.toThrow('sync throw');
    await h.release('a');
    await aFailed;
    await h.release('b');
    await throwerFailed;
    await h.release('c');
    expect(await b).toEqual({ id: 'b' });
    expect(await c).toEqual({ id: 'c' });
  });

  it('clear() rejects waiting jobs and onIdle() waits for the running one', async () => {
    const h = harness();
    const a = h.queue.enqueue(h.job('a'));
    const b = h.queue.enqueue(h.job('b'));
    await tick();
    const bFailed = expect(b).rejects.toThrow('unloaded');
    h.queue.clear(new Error('unloaded'));
    await bFailed;
    let idle = false;
    const idleP = h.queue.onIdle().then(() => {
      idle = true;
    });
    await tick();
    expect(idle).toBe(false);
    await h.release('a');
    await idleP;
    expect(idle).toBe(true);
    expect(await a).toEqual({ id: 'a' });
    expect(h.started).toEqual(['a']);
    await expect(h.queue.onIdle()).resolves.toBeUndefined();
  });
});

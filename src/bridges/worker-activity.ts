/**
 * Which workers are busy with an inference right now (speech-to-text, the LLM…), so that the camera can
 * lower its frame rate and leave them the CPU. Bridges wrap their inference calls in {@link trackBusy}.
 */
type Listener = (busy: ReadonlySet<string>) => void;

const counts = new Map<string, number>();
const listeners = new Set<Listener>();

function busyNames(): Set<string> {
  return new Set([...counts].filter(([, n]) => n > 0).map(([k]) => k));
}

function notify(): void {
  const busy = busyNames();
  for (const fn of listeners) fn(busy);
}

/** Marks `worker` busy until `work` settles; returns `work`. */
export function trackBusy<T>(worker: string, work: Promise<T>): Promise<T> {
  counts.set(worker, (counts.get(worker) ?? 0) + 1);
  notify();
  const done = (): void => {
    counts.set(worker, Math.max(0, (counts.get(worker) ?? 1) - 1));
    notify();
  };
  work.then(done, done);
  return work;
}

/** True while any worker other than the ones in `except` is busy. */
export function othersBusy(except: readonly string[] = []): boolean {
  for (const name of busyNames()) if (!except.includes(name)) return true;
  return false;
}

export function onBusyChange(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

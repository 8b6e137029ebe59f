/**
 * Explicit FIFO queue for model inference: ONE job runs at a time (a WASM session is not re-entrant and
 * two concurrent runs would only slow each other down).
 *
 * Partial jobs (live captions while the user is still talking) are "latest wins": enqueueing a partial
 * resolves every partial still WAITING in the queue with `skipped()` instead of running it. The running
 * job is never interrupted, and final jobs are never dropped. A failing job rejects only its own promise.
 * Pure logic, no DOM or transformers.js.
 *
 * Before starting each job the queue yields one macrotask. In the worker an inference often never yields
 * to the event loop (ORT's awaits resolve as microtasks), so requests posted meanwhile are only delivered
 * once it ends; without the yield the first of them would start at once and "latest wins" could never apply.
 */

export interface EnqueueOptions<T> {
  /** A partial (interim) job: superseded by a newer partial while it is still waiting. */
  partial?: boolean;
  /** What this job resolves with when superseded (default: the queue's `skipped()`). */
  skipped?: () => T;
}

interface Job<T> {
  run: () => Promise<T>;
  partial: boolean;
  skipped: () => T;
  resolve: (value: T) => void;
  reject: (reason: unknown) => void;
}

export interface InferenceQueueOptions {
  /** Runs before each job starts; default: one macrotask (setTimeout 0). */
  yieldToEvents?: () => Promise<void>;
}

const macrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export class InferenceQueue<T> {
  private readonly waiting: Job<T>[] = [];
  private running = false;
  private idleWaiters: (() => void)[] = [];
  private readonly yieldToEvents: () => Promise<void>;

  /** @param skipped the value a superseded partial job resolves with */
  constructor(
    private readonly skipped: () => T,
    options: InferenceQueueOptions = {},
  ) {
    this.yieldToEvents = options.yieldToEvents ?? macrotask;
  }

  /** Jobs waiting (not counting the running one). */
  get size(): number {
    return this.waiting.length;
  }

  /** True while a job runs. */
  get busy(): boolean {
    return this.running;
  }

  enqueue(run: () => Promise<T>, opts: EnqueueOptions<T> = {}): Promise<T> {
    const partial = opts.partial === true;
    return new Promise<T>((resolve, reject) => {
      if (partial) {
        // Latest wins: older partials that have not started yet are answered with `skipped`.
        for (let i = this.waiting.length - 1; i >= 0; i--) {
          const job = this.waiting[i];
          if (job?.partial) {
            this.waiting.splice(i, 1);
            job.resolve(job.skipped());
          }
        }
      }
      this.waiting.push({ run, partial, skipped: opts.skipped ?? this.skipped, resolve, reject });
      this.pump();
    });
  }

  /** Rejects every waiting job (the running one finishes normally). */
  clear(reason: unknown): void {
    const jobs = this.waiting.splice(0, this.waiting.length);
    for (const job of jobs) job.reject(reason);
  }

  /** Resolves once no job runs and none waits (e.g. before disposing the model). */
  onIdle(): Promise<void> {
    if (!this.running && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    if (this.running) return;
    if (this.waiting.length === 0) {
      const waiters = this.idleWaiters.splice(0, this.idleWaiters.length);
      for (const w of waiters) w();
      return;
    }
    this.running = true;
    // Let requests that arrived meanwhile be enqueued (and supersede older partials) first.
    this.yieldToEvents()
      .catch(() => undefined)
      .then(() => {
        const job = this.waiting.shift();
        if (!job) return; // cleared while yielding
        let p: Promise<T>;
        try {
          p = Promise.resolve(job.run());
        } catch (e) {
          p = Promise.reject(e);
        }
        return p.then(job.resolve, job.reject);
      })
      .finally(() => {
        this.running = false;
        this.pump();
      });
  }
}

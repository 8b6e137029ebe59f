/**
 * The privacy receipt's data: every network request this page, its workers and its service worker made
 * since the app was opened, from Resource Timing (PerformanceObserver). Each worker runs
 * {@link reportWorkerRequests} and broadcasts its entries on a same-origin BroadcastChannel; the service
 * worker's imported script (public/sw-network-log.js) answers a query with the requests it made itself
 * (precaching, runtime caching). Nothing here is ever sent anywhere.
 *
 * Kept tiny and free of imports: the page starts it at boot ({@link startNetworkLog}) so that requests of
 * short-lived workers are not missed.
 */

export const NETWORK_LOG_CHANNEL = 'app-network-log';

export interface NetworkRequest {
  /** Who made it: 'page', 'worker:<name>', 'service worker'. */
  source: string;
  url: string;
  /** Resource Timing initiatorType: fetch, script, img, xmlhttprequest, other… */
  initiator: string;
  /** Epoch ms. */
  at: number;
  /** Bytes over the network (0 when served from a cache); null when unknown (cross-origin without Timing-Allow-Origin). */
  bytes: number | null;
  /** A request the app refused to send and answered itself (MediaPipe's usage statistics). */
  blocked?: boolean;
}

type ChannelMessage = { type: 'query' } | { type: 'entries'; source: string; entries: NetworkRequest[] };

interface ResourceEntryLike {
  name: string;
  initiatorType: string;
  startTime: number;
  transferSize?: number;
}

export function toRequest(source: string, e: ResourceEntryLike, timeOrigin: number): NetworkRequest {
  return {
    source,
    url: e.name,
    initiator: e.initiatorType || 'other',
    at: Math.round(timeOrigin + e.startTime),
    bytes: typeof e.transferSize === 'number' ? e.transferSize : null,
  };
}

/** In a worker: tell the page about a request that was answered locally instead of being sent. */
export function reportBlockedRequest(name: string, url: string): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(NETWORK_LOG_CHANNEL);
  const entry: NetworkRequest = { source: `worker:${name}`, url, initiator: 'fetch', at: Date.now(), bytes: 0, blocked: true };
  channel.postMessage({ type: 'entries', source: entry.source, entries: [entry] } satisfies ChannelMessage);
  channel.close();
}

/** In a worker: broadcast this worker's requests as they happen, and all of them when the page asks. */
export function reportWorkerRequests(name: string): void {
  if (typeof BroadcastChannel === 'undefined' || typeof PerformanceObserver === 'undefined') return;
  const source = `worker:${name}`;
  const channel = new BroadcastChannel(NETWORK_LOG_CHANNEL);
  const send = (entries: readonly PerformanceEntry[]): void => {
    const list = entries.map((e) => toRequest(source, e as PerformanceResourceTiming, performance.timeOrigin));
    if (list.length > 0) channel.postMessage({ type: 'entries', source, entries: list } satisfies ChannelMessage);
  };
  try {
    performance.setResourceTimingBufferSize?.(2000);
    new PerformanceObserver((l) => send(l.getEntries())).observe({ type: 'resource', buffered: true });
  } catch {
    /* no Resource Timing here: nothing to report */
  }
  channel.onmessage = (ev: MessageEvent<ChannelMessage>) => {
    if (ev.data?.type === 'query') send(performance.getEntriesByType('resource'));
  };
}

type Listener = (all: readonly NetworkRequest[]) => void;

/** The page's collector. */
export class NetworkLog {
  private readonly seen = new Map<string, NetworkRequest>();
  private readonly listeners = new Set<Listener>();
  private channel: BroadcastChannel | null = null;

  start(): void {
    if (this.channel !== null || typeof window === 'undefined') return;
    try {
      performance.setResourceTimingBufferSize?.(2000);
      new PerformanceObserver((l) => this.add(l.getEntries().map((e) => toRequest('page', e as PerformanceResourceTiming, performance.timeOrigin)))).observe({
        type: 'resource',
        buffered: true,
      });
    } catch {
      /* no Resource Timing: only workers' reports */
    }
    if (typeof BroadcastChannel !== 'undefined') {
      this.channel = new BroadcastChannel(NETWORK_LOG_CHANNEL);
      this.channel.onmessage = (ev: MessageEvent<ChannelMessage>) => {
        if (ev.data?.type === 'entries' && Array.isArray(ev.data.entries)) this.add(ev.data.entries);
      };
    }
  }

  /** Ask the workers and the service worker for everything they have (answers arrive asynchronously). */
  refresh(): void {
    this.channel?.postMessage({ type: 'query' } satisfies ChannelMessage);
    try {
      navigator.serviceWorker?.controller?.postMessage({ type: 'network-log-query' });
    } catch {
      /* no service worker */
    }
  }

  get requests(): NetworkRequest[] {
    return [...this.seen.values()].sort((a, b) => a.at - b.at);
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  add(list: readonly NetworkRequest[]): void {
    let changed = false;
    for (const r of list) {
      if (typeof r?.url !== 'string' || r.url.startsWith('data:') || r.url.startsWith('blob:')) continue;
      const key = `${r.source} ${r.url} ${r.at}`;
      if (this.seen.has(key)) continue;
      this.seen.set(key, r);
      changed = true;
    }
    if (!changed) return;
    const all = this.requests;
    for (const fn of this.listeners) fn(all);
  }
}

let shared: NetworkLog | null = null;

/** The page's one collector, started on first use (main.tsx starts it at boot). */
export function startNetworkLog(): NetworkLog {
  shared ??= new NetworkLog();
  shared.start();
  return shared;
}

/** Requests whose origin is not the app's own. */
export function externalRequests(list: readonly NetworkRequest[], origin: string): NetworkRequest[] {
  return list.filter((r) => {
    try {
      return new URL(r.url).origin !== origin;
    } catch {
      return true;
    }
  });
}

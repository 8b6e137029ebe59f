/**
 * A small in-memory CacheStorage for Node tests. Keys are URL strings; like the real Cache API, put()
 * consumes the response body and match() returns a fresh Response each time.
 */
interface Stored {
  body: Uint8Array<ArrayBuffer>;
  status: number;
  headers: [string, string][];
}

const keyOf = (request: RequestInfo | URL): string => (typeof request === 'string' ? request : request instanceof URL ? request.href : request.url);

export class FakeCache {
  readonly entries = new Map<string, Stored>();
  /** Throw this from the next put() (e.g. a QuotaExceededError). */
  failNextPut: Error | null = null;

  async match(request: RequestInfo | URL): Promise<Response | undefined> {
    const s = this.entries.get(keyOf(request));
    return s ? new Response(s.body.slice(), { status: s.status, headers: s.headers }) : undefined;
  }

  async put(request: RequestInfo | URL, response: Response): Promise<void> {
    const body = new Uint8Array(await response.arrayBuffer());
    if (this.failNextPut) {
      const err = this.failNextPut;
      this.failNextPut = null;
      throw err;
    }
    this.entries.set(keyOf(request), { body, status: response.status, headers: [...response.headers] });
  }

  async delete(request: RequestInfo | URL): Promise<boolean> {
    return this.entries.delete(keyOf(request));
  }

  /** Real caches return Request objects; only `.url` is used by the code under test. */
  async keys(): Promise<readonly Request[]> {
    return [...this.entries.keys()].map((url) => ({ url }) as Request);
  }
}

export class FakeCacheStorage {
  readonly caches = new Map<string, FakeCache>();

  async open(name: string): Promise<Cache> {
    let c = this.caches.get(name);
    if (!c) {
      c = new FakeCache();
      this.caches.set(name, c);
    }
    return c as unknown as Cache;
  }

  async has(name: string): Promise<boolean> {
    return this.caches.has(name);
  }

  async delete(name: string): Promise<boolean> {
    return this.caches.delete(name);
  }

  async keys(): Promise<string[]> {
    return [...this.caches.keys()];
  }

  async match(request: RequestInfo | URL): Promise<Response | undefined> {
    for (const c of this.caches.values()) {
      const r = await c.match(request);
      if (r) return r;
    }
    return undefined;
  }

  /** The named cache (created empty if needed), typed as the fake for assertions. */
  cache(name = 'models-v1'): FakeCache {
    let c = this.caches.get(name);
    if (!c) {
      c = new FakeCache();
      this.caches.set(name, c);
    }
    return c;
  }

  asCacheStorage(): CacheStorage {
    return this as unknown as CacheStorage;
  }
}

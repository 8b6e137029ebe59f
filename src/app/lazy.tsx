import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** A screen loaded on first use (keeps the first paint's JavaScript small). */
export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  return function LazyScreen(props: P) {
    const [C, setC] = useState<ComponentType<P> | null>(() => loaded);
    const [error, setError] = useState<string | null>(null);
    useEffect(() => {
      if (C) return;
      load().then(
        (c) => {
          loaded = c;
          setC(() => c);
        },
        (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
      );
    }, []);
    if (error) return <p role="alert">This screen could not be loaded ({error}). Check your connection or reload.</p>;
    return C ? <C {...props} /> : <p class="muted">Loading…</p>;
  };
}

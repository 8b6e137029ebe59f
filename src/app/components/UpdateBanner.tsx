import { useEffect, useState } from 'preact/hooks';

/** "New version available — reload" prompt for the service worker (vite-plugin-pwa, registerType 'prompt'). */
export function UpdateBanner() {
  const [update, setUpdate] = useState<null | (() => Promise<void>)>(null);
  const [offlineReady, setOfflineReady] = useState(false);

  useEffect(() => {
    if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
    let cancelled = false;
    // Registered after the first paint so it never delays the app.
    const t = setTimeout(() => {
      void import('virtual:pwa-register').then(({ registerSW }) => {
        if (cancelled) return;
        const updateSW = registerSW({
          onNeedRefresh: () => setUpdate(() => () => updateSW(true)),
          onOfflineReady: () => setOfflineReady(true),
        });
      });
    }, 0);
    return () => {
      cancelled = true;
      clearTimeout(t);
    };
  }, []);

  if (update) {
    return (
      <div class="banner info" role="status">
        <span>A new version of the app is available.</span>
        <button type="button" onClick={() => void update()}>
          Reload to update
        </button>
        <button type="button" class="link" onClick={() => setUpdate(null)}>
          Later
        </button>
      </div>
    );
  }
  if (offlineReady) {
    return (
      <div class="banner info" role="status" data-testid="offline-ready">
        <span>The app is ready to work offline.</span>
        <button type="button" class="link" onClick={() => setOfflineReady(false)}>
          Dismiss
        </button>
      </div>
    );
  }
  return null;
}

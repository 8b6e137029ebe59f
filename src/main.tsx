import { render } from 'preact';
import { App } from './app/App';
import { openRepository } from './db/repository';
import './app/styles.css';

// The privacy receipt's request log starts right after boot (its own small chunk), before any worker exists.
void import('./vision/network-log').then((m) => m.startNetworkLog());

async function boot(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  try {
    const repo = await openRepository();
    root.textContent = '';
    render(<App repo={repo} />, root);
  } catch (err) {
    root.innerHTML = '';
    const p = document.createElement('p');
    p.setAttribute('role', 'alert');
    p.textContent = `The app could not start: ${err instanceof Error ? err.message : String(err)}. Try reloading the page.`;
    root.append(p);
  }
}

void boot();

// Development builds only: the quality harness against the loaded AI model, from the console
// (tests/quality/README.md). Removed from production builds with the whole block.
if (import.meta.env.DEV) {
  const harness = () => import('../tests/quality/browser');
  (window as unknown as { __quality: unknown }).__quality = {
    async run(options?: import('../tests/quality/browser').BrowserQualityOptions) {
      const loaded = (await import('./app/ai/interviewer-service')).getChatBackend();
      if (!loaded) throw new Error('Load an AI model first (Settings → AI interviewer).');
      return (await harness()).runQualityInBrowser(loaded.backend, options);
    },
    format: async (r: import('../tests/quality/types').QualityReport) => (await harness()).formatReport(r),
    download: async (r: import('../tests/quality/types').QualityReport) => (await harness()).downloadReport(r),
  };
}

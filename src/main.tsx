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

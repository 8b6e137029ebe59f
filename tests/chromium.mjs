// Finds the system Chromium for the E2E suite and the benchmarks (Playwright's browser downloads are not used).
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome', '/snap/bin/chromium'];

/**
 * CHROME_PATH wins; otherwise the usual install locations. Throws with install instructions if none.
 * @returns {string}
 */
export function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH is set to "${fromEnv}", but no file exists there.`);
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  throw new Error(
    'No Chromium found for the end-to-end tests. Install one, e.g. on Debian/Ubuntu: ' +
      '`sudo apt-get install -y chromium` (or run .ci/run, which installs everything the tests need), ' +
      'or point CHROME_PATH at a Chromium/Chrome binary.',
  );
}

/** Flags that work on these machines (see the shared browser-testing notes). */
export const BASE_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
];

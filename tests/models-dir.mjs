// Where local model files are (tests, benchmarks, dev and preview servers): MODELS_DIR, else ../shared/models
// beside the checkout, else the git-ignored .cache/models that `npm run models:fetch` fills.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const FETCH_DIR = join(ROOT, '.cache', 'models');

/** @returns {string | null} the first folder that exists, or null */
export function findModelsDir() {
  const candidates = [process.env.MODELS_DIR, join(ROOT, '..', 'shared', 'models'), FETCH_DIR].filter(Boolean);
  for (const dir of candidates) if (existsSync(join(dir, 'Xenova', 'whisper-tiny', 'config.json'))) return dir;
  return null;
}

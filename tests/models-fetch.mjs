#!/usr/bin/env node
// `npm run models:fetch`: downloads the catalogue's default models (whisper-tiny, face-landmarker) from their public
// hosts into the git-ignored .cache/models/<localPath>/<path>, verifying size and sha256 (a mismatch deletes the
// file and fails). Files that already verify are skipped. Exits non-zero on any failure.
//
//   node tests/models-fetch.mjs [--all] [--only id,id] [--dir DIR] [--base-url URL]
//     --all       also non-default entries (whisper-base: unpinned, not verifiable)
//     --only      just these catalogue ids
//     --dir       target folder (default .cache/models)
//     --base-url  fetch <URL><localPath>/<path> instead of the public hosts (a mirror, or a local server for testing);
//                 the environment variable MODELS_FETCH_BASE_URL does the same
//
// ensureModels() (for the E2E setup): the local models folder if there is one, else runs the fetch into FETCH_DIR.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, realpathSync } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FETCH_DIR, ROOT, findModelsDir } from './models-dir.mjs';

/** @typedef {{ path: string, bytes: number | null, sha256: string | null, url?: string }} CatalogueFile */
/** @typedef {{ id: string, label: string, repo: string, revision: string, host: string, localPath: string, files: CatalogueFile[], default: boolean, testOnly?: boolean }} CatalogueEntry */

/** @returns {CatalogueEntry[]} */
export function loadCatalogue() {
  return JSON.parse(readFileSync(join(ROOT, 'models', 'catalogue.json'), 'utf8')).models;
}

/** Same rule as src/models/manager.ts urlFor(). */
function urlFor(entry, file, baseUrl) {
  if (baseUrl) return `${baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`}${entry.localPath}/${file.path}`;
  if (file.url) return file.url;
  if (entry.host === 'huggingface') return `https://huggingface.co/${entry.repo}/resolve/${entry.revision}/${file.path}`;
  return null;
}

const mb = (n) => (n < 1e6 ? `${(n / 1e3).toFixed(1)} kB` : `${(n / 1e6).toFixed(1)} MB`);

async function sha256OfFile(path) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk);
  return hash.digest('hex');
}

/** True when the file exists and matches the catalogue (files without a sha256 only need the right size, if known). */
async function verifies(path, file) {
  try {
    const st = await stat(path);
    if (!st.isFile() || (file.bytes !== null && st.size !== file.bytes)) return false;
    if (file.sha256 !== null) return (await sha256OfFile(path)) === file.sha256;
    return st.size > 0;
  } catch {
    return false;
  }
}

function progressPrinter(label) {
  const tty = process.stdout.isTTY;
  let lastPct = -1;
  let lastAt = 0;
  return (loaded, total, done = false) => {
    const pct = total ? Math.floor((loaded / total) * 100) : null;
    const now = Date.now();
    if (done ? !tty && pct !== null && lastPct >= 100 : tty ? now - lastAt < 200 : pct === null ? now - lastAt < 5000 : pct < lastPct + 25) return;
    lastAt = now;
    if (pct !== null) lastPct = pct;
    const line = `  ${label}: ${mb(loaded)}${total ? ` of ${mb(total)} (${pct}%)` : ''}`;
    if (tty) process.stdout.write(`\r${line}${done ? '\n' : ''}`);
    else console.log(line);
  };
}

/** Downloads one file to `target` through a .part file; throws on HTTP, size or sha256 errors (nothing left behind). */
async function fetchFile(url, target, file) {
  const part = `${target}.part`;
  await mkdir(dirname(target), { recursive: true });
  let res;
  try {
    res = await fetch(url, { redirect: 'follow' });
  } catch (err) {
    throw new Error(`${file.path}: could not reach ${url} (${err?.cause?.code ?? err?.cause?.errors?.[0]?.code ?? err?.cause?.message ?? err?.message ?? err}). Is this machine online?`);
  }
  if (!res.ok) throw new Error(`${file.path}: HTTP ${res.status} ${res.statusText} from ${url}`);
  const type = res.headers.get('content-type') ?? '';
  if (type.startsWith('text/html')) throw new Error(`${file.path}: ${url} answered with an HTML page, not the file`);
  const total = file.bytes ?? (Number(res.headers.get('content-length')) || 0);
  const print = progressPrinter(file.path);
  const hash = createHash('sha256');
  let loaded = 0;
  const fh = await open(part, 'w');
  try {
    for await (const chunk of res.body) {
      hash.update(chunk);
      await fh.write(chunk);
      loaded += chunk.byteLength;
      if (file.bytes !== null && loaded > file.bytes) throw new Error(`${file.path}: size mismatch: expected ${file.bytes} bytes, got more`);
      print(loaded, total);
    }
  } catch (err) {
    await fh.close();
    await rm(part, { force: true });
    throw err;
  }
  await fh.close();
  print(loaded, total, true);
  const got = hash.digest('hex');
  let problem = null;
  if (file.bytes !== null && loaded !== file.bytes) problem = `size mismatch: expected ${file.bytes} bytes, got ${loaded}`;
  else if (file.sha256 !== null && got !== file.sha256) problem = `sha256 mismatch: expected ${file.sha256}, got ${got}`;
  if (problem) {
    await rm(part, { force: true });
    throw new Error(`${file.path}: ${problem} (deleted)`);
  }
  await rename(part, target);
  if (file.sha256 === null) console.log(`  ${file.path}: NOT VERIFIED (no sha256 in the catalogue), sha256 ${got}, ${loaded} bytes`);
}

/**
 * Fetches catalogue entries into `dir`. Returns { ok, failed: string[] }.
 * @param {{ dir?: string, baseUrl?: string | null, all?: boolean, only?: string[] | null, log?: (s: string) => void }} [options]
 */
export async function fetchModels({ dir = FETCH_DIR, baseUrl = null, all = false, only = null, log = console.log } = {}) {
  const catalogue = loadCatalogue();
  const failed = [];
  const selected = catalogue.filter((e) => (only ? only.includes(e.id) : all || e.default));
  if (only) for (const id of only) if (!catalogue.some((e) => e.id === id)) failed.push(`${id}: not in the catalogue`);
  for (const entry of only ? [] : catalogue.filter((e) => e.testOnly && !selected.includes(e))) {
    log(`- ${entry.id}: skipped (test data generated locally, not on any public host; it is in ../shared/models).`);
  }
  for (const entry of selected) {
    if (entry.testOnly && !baseUrl) {
      log(`- ${entry.id}: cannot be fetched (generated test data, not on any public host; it is in ../shared/models).`);
      continue;
    }
    log(`- ${entry.label} (${entry.id}) → ${join(dir, entry.localPath)}`);
    for (const file of entry.files) {
      const target = join(dir, entry.localPath, file.path);
      if (await verifies(target, file)) {
        log(`  ${file.path}: already present and verified`);
        continue;
      }
      const url = urlFor(entry, file, baseUrl);
      if (!url) {
        failed.push(`${entry.id}/${file.path}: no public URL`);
        continue;
      }
      try {
        await rm(target, { force: true });
        await fetchFile(url, target, file);
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        console.error(`  FAILED ${msg}`);
        failed.push(`${entry.id}/${msg}`);
      }
    }
  }
  return { ok: failed.length === 0, failed };
}

/**
 * The local models folder for tests: MODELS_DIR, ../shared/models or .cache/models (see models-dir.mjs); when none
 * exists, fetches the default models into FETCH_DIR first (from MODELS_FETCH_BASE_URL if set, else the public
 * hosts). Throws when that fails.
 * @param {{ baseUrl?: string | null }} [options]
 * @returns {Promise<string>}
 */
export async function ensureModels({ baseUrl = process.env.MODELS_FETCH_BASE_URL || null } = {}) {
  const found = findModelsDir();
  if (found) return found;
  console.log(`No local models folder (MODELS_DIR, ../shared/models, ${FETCH_DIR}): fetching the default models…`);
  const { ok, failed } = await fetchModels({ dir: FETCH_DIR, baseUrl });
  if (!ok || !findModelsDir()) throw new Error(`npm run models:fetch failed:\n${failed.join('\n')}`);
  return FETCH_DIR;
}

function parseArgs(argv) {
  const opts = { dir: FETCH_DIR, baseUrl: process.env.MODELS_FETCH_BASE_URL || null, all: false, only: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--all') opts.all = true;
    else if (a === '--only') opts.only = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (a === '--dir') opts.dir = value();
    else if (a === '--base-url') opts.baseUrl = value();
    else if (a === '--help' || a === '-h') {
      console.log('node tests/models-fetch.mjs [--all] [--only id,id] [--dir DIR] [--base-url URL]');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}

const isMain = (() => {
  try {
    return process.argv[1] !== undefined && pathToFileURL(realpathSync(process.argv[1])).href === pathToFileURL(realpathSync(fileURLToPath(import.meta.url))).href;
  } catch {
    return false;
  }
})();

if (isMain) {
  try {
    const opts = parseArgs(process.argv.slice(2));
    if (!existsSync(opts.dir)) await mkdir(opts.dir, { recursive: true });
    const { ok, failed } = await fetchModels(opts);
    if (ok) console.log(`Done: models are in ${opts.dir}`);
    else {
      console.error(`\n${failed.length} problem(s):\n- ${failed.join('\n- ')}`);
      process.exitCode = 1;
    }
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  }
}

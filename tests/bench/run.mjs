#!/usr/bin/env node
// `npm run bench`: builds the app, serves the production build, drives the system Chromium and measures.
// Prints a table and writes bench-results.json ({"metrics": {name: {value, unit, goal, note}}}). Never fails on time:
// these machines are shared and noisy, so each figure comes with a baseline measured in the same run.
// A figure that cannot be measured here (no voices, no model) is recorded as null with a note saying why.
// The voice measurements (STT in the browser and in Node, TTS start-up) live in ./voice.mjs, the LLM ones in ./llm.mjs.
// `node tests/bench/run.mjs llm` runs only the LLM part (add --no-build to measure the current dist/).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { BASE_ARGS, findChromium } from '../chromium.mjs';
import { STT_CLIP, sttBrowser, sttNode, ttsFirstAudio } from './voice.mjs';
import { longTasksDuringRun, sandboxMetrics } from './sandbox.mjs';
import { llmBench, llmMetrics } from './llm.mjs';
import { VISION_CLIP, visionMetrics } from './vision.mjs';
import { peerBench, peerMetrics } from './peer.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PORT = Number(process.env.BENCH_PORT ?? 4180);
const BASE = `http://127.0.0.1:${PORT}`;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
/** Voice runs are slow (a browser launch, a model load and 10 s of audio each). */
const VOICE_RUNS = Number(process.env.BENCH_VOICE_RUNS ?? 3);
/** LLM runs are short (200 tokens of the tiny model, well under a second), so take more of them. */
const LLM_RUNS = Number(process.env.BENCH_LLM_RUNS ?? 15);
/** Parts to run (`run.mjs llm`); none = everything. */
const ONLY = process.argv.slice(2).filter((a) => !a.startsWith('--'));

const median = (xs) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const round = (x, d = 1) => (x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 10 ** d) / 10 ** d);
const list = (xs, d = 0) => xs.map((x) => round(x, d)).join(', ');
const log = (s) => console.log(s);

async function waitForServer(url, ms = 30_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not start at ${url}`);
}

const ANSWER =
  'At my last job our checkout service kept timing out. I was responsible for fixing it, so I profiled the queries and I added an index. As a result, p95 latency dropped from 900 ms to 120 ms.';

/** Start click → first question visible (after the next frame), in a fresh profile each run. */
async function firstQuestion(browser) {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${BASE}/#/`);
  await page.getByRole('button', { name: 'Start practice' }).waitFor();
  await page.waitForTimeout(300);
  const ms = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const btn = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Start practice');
        const t0 = performance.now();
        const obs = new MutationObserver(() => {
          const q = document.querySelector('[data-testid=question]');
          if (q?.getAttribute('data-prompt-id') === '0') {
            obs.disconnect();
            requestAnimationFrame(() => resolve(performance.now() - t0));
          }
        });
        obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
        btn.click();
      }),
  );
  // Baseline in the same page: a navigation to another screen (History) until its heading is shown.
  const nav = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const t0 = performance.now();
        const obs = new MutationObserver(() => {
          if ([...document.querySelectorAll('h1')].some((h) => h.textContent === 'History')) {
            obs.disconnect();
            requestAnimationFrame(() => resolve(performance.now() - t0));
          }
        });
        obs.observe(document.body, { subtree: true, childList: true, characterData: true });
        location.hash = '#/history';
      }),
  );
  await page.context().close();
  return { ms, nav };
}

/** Gzipped JavaScript the page loads before the first interaction (fresh profile, no service worker yet). */
async function criticalJs(browser) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const scripts = [];
  page.on('response', async (res) => {
    if (res.request().resourceType() !== 'script') return;
    try {
      scripts.push({ url: res.url(), gz: gzipSync(await res.body()).length });
    } catch {
      /* body gone */
    }
  });
  await page.goto(`${BASE}/#/`, { waitUntil: 'networkidle' });
  await page.getByRole('button', { name: 'Start practice' }).waitFor();
  await page.waitForTimeout(500);
  await context.close();
  return { kb: scripts.reduce((s, x) => s + x.gz, 0) / 1024, files: scripts.length };
}

/** Appending a turn to IndexedDB (the app's own persist path, via its User Timing entries), against a raw put. */
async function turnPersist(browser) {
  const page = await (await browser.newContext()).newPage();
  const samples = [];
  for (let session = 0; session < 3 && samples.length < 30; session++) {
    await page.goto(`${BASE}/#/`);
    await page.getByRole('button', { name: 'Start practice' }).click();
    for (let i = 0; i < 12; i++) {
      await page.waitForFunction(() => document.querySelector('[data-testid=question]')?.getAttribute('data-prompt-id') || location.hash.includes('report'));
      const before = await page.evaluate(() => (location.hash.includes('report') ? null : document.querySelector('[data-testid=question]')?.getAttribute('data-prompt-id')));
      if (!before) break;
      await page.getByLabel('Your answer').fill(ANSWER);
      await page.getByRole('button', { name: 'Send answer' }).click();
      await page.waitForFunction((b) => document.querySelector('[data-testid=question]')?.getAttribute('data-prompt-id') !== b || location.hash.includes('report'), before);
    }
    samples.push(...(await page.evaluate(() => performance.getEntriesByName('turn-persist').map((e) => e.duration))));
    await page.evaluate(() => performance.clearMeasures('turn-persist'));
  }
  const raw = await page.evaluate(async (answer) => {
    const db = await new Promise((res, rej) => {
      const r = indexedDB.open('bench-raw', 1);
      r.onupgradeneeded = () => r.result.createObjectStore('events', { autoIncrement: true });
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const out = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      await new Promise((res, rej) => {
        const tx = db.transaction('events', 'readwrite');
        tx.objectStore('events').add({ sessionId: 'x', event: { type: 'answered', t: i, at: Date.now(), promptId: i, text: answer, startedT: 0, mode: 'typed' } });
        tx.oncomplete = res;
        tx.onerror = () => rej(tx.error);
      });
      out.push(performance.now() - t0);
    }
    return out;
  }, ANSWER);
  await page.context().close();
  return { p95: percentile(samples, 95), p50: median(samples), n: samples.length, rawP95: percentile(raw, 95), samples };
}

/** Metrics from the voice measurements (see ./voice.mjs). Null values carry the reason in their note. */
function voiceMetrics(stt, node, tts) {
  const out = {};
  const sttFailed = stt.errors.length ? `; ${stt.errors.length} failed run(s): ${stt.errors[0]}` : '';
  const sttNone = stt.reason ?? `no successful run${sttFailed}`;
  const rtfs = stt.samples.map((s) => s.ms / s.audioMs);
  const sttMs = median(stt.samples.map((s) => s.ms));
  const audioMs = median(stt.samples.map((s) => s.audioMs));
  out.stt_rtf_browser = {
    value: round(median(rtfs), 3),
    unit: 'ratio',
    goal: 0.3,
    note: stt.samples.length
      ? `STT worker time ÷ recorded audio, final transcript of ${STT_CLIP} (10.4 s) via the fake mic; median of ${stt.samples.length} launches; RTF per run: ${list(rtfs, 3)}; worker ms: ${list(stt.samples.map((s) => s.ms))}; recorded audio ms: ${list(stt.samples.map((s) => s.audioMs))}${sttFailed}`
      : sttNone,
  };
  const lat = stt.samples.map((s) => s.latencyMs).filter((x) => x !== null);
  out.stt_final_latency_ms = {
    value: round(median(lat)),
    unit: 'ms',
    goal: 1500,
    note: lat.length
      ? `detector's end of speech → final transcript ('stt-final-latency'), same launches; median of ${lat.length}: ${list(lat)} ms${sttFailed}`
      : stt.samples.length
        ? "no 'stt-final-latency' mark (the turn did not end on the detector)"
        : sttNone,
  };
  const nodeMs = median(node.ms);
  const nodeNote = node.ms.length
    ? `Node median ${round(nodeMs, 0)} ms (onnxruntime-node, same model q8, 16 kHz clip of ${round(node.audioMs, 0)} ms; load + 1 warm-up, then ${node.ms.length} runs: ${list(node.ms)} ms; RTF ${round(nodeMs / node.audioMs, 3)}); run after the browser runs`
    : (node.reason ?? 'Node STT did not run');
  out.stt_browser_vs_node_ratio = {
    value: sttMs !== null && nodeMs !== null ? round(sttMs / nodeMs, 2) : null,
    unit: 'ratio',
    goal: 1.5,
    note:
      sttMs !== null && nodeMs !== null
        ? `browser worker median ${round(sttMs, 0)} ms (${round(audioMs, 0)} ms recorded) ÷ ${nodeNote}`
        : `not measured: ${[sttMs === null ? `browser: ${sttNone}` : null, nodeMs === null ? `Node: ${nodeNote}` : null].filter(Boolean).join('; ')}`,
  };
  const ttsFailed = tts.errors.length ? `; ${tts.errors.length} error(s): ${tts.errors[0]}` : '';
  const ttsNone = tts.reason ?? `no successful run${ttsFailed}`;
  const first = tts.samples.map((s) => s.ms);
  const bare = tts.samples.map((s) => s.bareMs).filter((x) => x !== null);
  const firstMs = median(first);
  const bareMs = median(bare);
  out.tts_first_audio_ms = {
    value: round(firstMs),
    unit: 'ms',
    goal: 300,
    note: first.length
      ? `question ready (Speaker.speak) → first utterance 'start', speech-dispatcher + espeak-ng, null ALSA sink; median of ${first.length} fresh contexts in one browser: ${list(first)} ms (voices already listed at click: ${tts.samples.map((s) => (s.voicesAtClick > 0 ? 'yes' : 'no')).join(', ')}); speech-dispatcher warmed up first (cold start: voices after ${tts.coldVoicesMs ?? '–'} ms)${ttsFailed}`
      : ttsNone,
  };
  out.tts_first_audio_vs_bare_ratio = {
    value: firstMs !== null && bareMs ? round(firstMs / bareMs, 2) : null,
    unit: 'ratio',
    goal: null,
    note: bare.length
      ? `baseline: bare speechSynthesis.speak('Hello.') → 'start' in the same page, median ${round(bareMs)} ms (${list(bare)} ms)`
      : first.length
        ? `bare baseline did not run${ttsFailed}`
        : ttsNone,
  };
  return out;
}

/** Merges the metrics into bench-results.json and prints them. */
function report(metrics) {
  const file = join(root, 'bench-results.json');
  let previous = {};
  try {
    previous = JSON.parse(readFileSync(file, 'utf8')).metrics ?? {};
  } catch {
    /* first run */
  }
  writeFileSync(file, JSON.stringify({ generatedAt: new Date().toISOString(), metrics: { ...previous, ...metrics } }, null, 2) + '\n');
  console.log('\nmetric                                   value      unit    goal   note');
  for (const [name, m] of Object.entries(metrics)) {
    const higher = m.better === 'higher';
    const ok = m.goal === null || m.value === null ? '' : (higher ? m.value >= m.goal : m.value <= m.goal) ? ' ok' : higher ? ' BELOW GOAL' : ' ABOVE GOAL';
    console.log(`${name.padEnd(40)} ${String(m.value ?? '–').padStart(8)}  ${m.unit.padEnd(6)} ${String(m.goal ?? '–').padStart(5)}${ok}   ${m.note ?? ''}`);
  }
  console.log(`\nwrote ${file}`);
}

/** The LLM worker against transformers.js on a bare page (./llm.mjs: its own server and browser). */
async function llmPart() {
  log(`\nllm: tiny model in the app's worker vs transformers.js on a bare page (${LLM_RUNS} interleaved runs each)…`);
  const r = await llmBench({ root, runs: LLM_RUNS, log }).catch((err) => ({ worker: [], bare: [], aborts: [], errors: [], blocked: [], reason: `benchmark error: ${String(err)}` }));
  return llmMetrics(r);
}

/** Camera cues (see ./vision.mjs). `better: 'higher'` marks a goal that is a minimum. */
function visionBenchMetrics(v) {
  const none = v.reason ?? null;
  const clip = v.cameraFps ? `${VISION_CLIP} re-timed to ${v.cameraFps} fps through the fake camera` : VISION_CLIP;
  return {
    vision_fps: {
      value: none ? null : round(v.fps),
      unit: 'fps',
      goal: 15,
      better: 'higher',
      note: none ?? `frames analysed per second by the vision worker over ${round(v.seconds)} s (${v.frames} frames), ${clip}; rate decision '${v.rate}', face found: ${v.face}; camera on → tracking ${v.readyMs} ms`,
    },
    vision_frame_ms_p50: {
      value: none ? null : round(v.frameMsP50),
      unit: 'ms',
      goal: null,
      note: none ?? 'median FaceLandmarker detectForVideo time in the worker over the last 200 frames (CPU delegate, VIDEO mode, blendshapes and matrix)',
    },
    main_long_tasks_during_tracking: {
      value: none ? null : v.longTasks,
      unit: 'tasks',
      goal: 0,
      note: none ?? `main-thread tasks over 50 ms while the camera was tracking (longest ${round(v.longest)} ms)`,
    },
  };
}

/** Voice: one after the other, never concurrently (two cores). Each STT run launches its own browser. */
async function voicePart() {
  log(`\nvoice: speech-to-text in the browser (${VOICE_RUNS} launches)…`);
  // A crash in one of them becomes a null metric with the error in its note, not a failed benchmark.
  const failed = (err) => ({ samples: [], errors: [], ms: [], reason: `benchmark error: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` });
  const stt = await sttBrowser({ base: BASE, root, runs: VOICE_RUNS, log }).catch(failed);
  log('voice: speech-to-text in Node (baseline)…');
  const node = await sttNode({ root, runs: 3, log }).catch(failed);
  log(`voice: text-to-speech first audio (${VOICE_RUNS} contexts)…`);
  const tts = await ttsFirstAudio({ base: BASE, root, runs: VOICE_RUNS, log }).catch(failed);
  return voiceMetrics(stt, node, tts);
}

async function main() {
  const unknown = ONLY.filter((p) => p !== 'llm' && p !== 'peer' && p !== 'voice');
  if (unknown.length) throw new Error(`unknown benchmark part(s): ${unknown.join(', ')} (known: llm, peer, voice; none = all)`);
  if (!process.argv.includes('--no-build')) {
    const b = spawnSync(join(root, 'node_modules/.bin/vite'), ['build'], { cwd: root, stdio: 'inherit' });
    if (b.status !== 0) process.exit(b.status ?? 1);
  }
  if (ONLY.includes('llm')) return report(await llmPart());
  const server = spawn(join(root, 'node_modules/.bin/vite'), ['preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { cwd: root, stdio: 'ignore' });
  try {
    await waitForServer(`${BASE}/`);
    if (ONLY.includes('voice')) return report(await voicePart());
    const browser = await chromium.launch({ executablePath: findChromium(), args: BASE_ARGS });
    // Peer-to-peer (./peer.mjs): pairing and shared-editor latency between two contexts.
    log('peer: pairing and shared-editor sync…');
    const peer = peerMetrics(await peerBench({ browser, base: BASE, log }).catch((err) => ({ error: `benchmark error: ${String(err).split('\n')[0]}` })));
    if (ONLY.includes('peer')) {
      await browser.close();
      return report(peer);
    }
    const fq = [];
    for (let i = 0; i < RUNS; i++) fq.push(await firstQuestion(browser));
    const js = await criticalJs(browser);
    const tp = await turnPersist(browser);
    log('sandbox: cold start, 20 tests, kill…');
    const sb = await sandboxMetrics({ browser, base: BASE, root, log }).catch((err) => ({ error: String(err) }));
    const lt = await longTasksDuringRun({ browser, base: BASE }).catch((err) => ({ error: String(err) }));
    await browser.close();

    const voice = await voicePart();
    const llm = await llmPart();

    log('\nvision: camera cues in the interview room (own launch, fake camera)…');
    const vision = await visionMetrics({ base: BASE, root, log }).catch((err) => ({ reason: `benchmark error: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` }));

    const fqMs = median(fq.map((r) => r.ms));
    const navMs = median(fq.map((r) => r.nav));
    const metrics = {
      first_question_ms: { value: round(fqMs), unit: 'ms', goal: 300 },
      first_question_vs_screen_change_ratio: { value: round(fqMs / navMs, 2), unit: 'ratio', goal: null, note: `baseline: History screen change, median ${round(navMs)} ms` },
      critical_js_gz_kb: { value: round(js.kb), unit: 'KiB', goal: 60, note: `${js.files} scripts` },
      turn_persist_ms_p95: { value: round(tp.p95, 2), unit: 'ms', goal: 20, note: `${tp.n} turns, median ${round(tp.p50, 2)} ms` },
      turn_persist_vs_raw_idb_ratio: { value: round(tp.p95 / tp.rawP95, 2), unit: 'ratio', goal: null, note: `baseline: one raw IndexedDB add, p95 ${round(tp.rawP95, 2)} ms` },
      ...voice,
      sandbox_cold_start_ms: { value: sb.error ? null : round(sb.cold), unit: 'ms', goal: null, note: sb.error ?? 'new worker → QuickJS module loaded, median of 5' },
      sandbox_20_tests_ms: {
        value: sb.error ? null : round(sb.warm),
        unit: 'ms',
        goal: 50,
        note: sb.error ?? `product-except-self reference, ${sb.passed}/${sb.total} passed, warm, median of 5; baseline plain JS on the main thread ${round(sb.plain, 2)} ms`,
      },
      sandbox_kill_ms: { value: sb.error ? null : round(sb.kill), unit: 'ms', goal: 2100, note: sb.error ?? 'while(true){} with a 2 s deadline → result, median of 3' },
      main_long_tasks_during_run: {
        value: lt.error ? null : lt.count,
        unit: 'tasks',
        goal: 0,
        note: lt.error ?? `tasks over 50 ms on the main thread during a run in the coding room (longest ${round(lt.longest)} ms)`,
      },
      ...llm,
      ...visionBenchMetrics(vision),
      ...peer,
    };
    report(metrics);
  } finally {
    server.kill();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

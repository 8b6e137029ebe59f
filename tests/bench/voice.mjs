// Voice benchmarks for `npm run bench` (tests/bench/run.mjs): speech-to-text in the real app (STT worker,
// fake microphone playing a LibriSpeech clip), the same clip in Node as a same-run baseline, and the
// interviewer's text-to-speech start-up (speech-dispatcher + espeak-ng) against a bare speechSynthesis call.
// Each function returns raw samples; run.mjs turns them into metrics. None of them throws for a missing
// capability or a failed run: failures come back as `errors` / `reason` so the benchmark always finishes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { BASE_ARGS, findChromium } from '../chromium.mjs';

/** The LibriSpeech clip (10.4 s, speaker 1089) used by both the browser and the Node measurement. */
export const STT_CLIP = 'librispeech_1089-134686-0000';

/** The shared real recordings, beside the checkout (`<root>/../shared/fixtures/speech`). */
export const speechFixtures = (root) => join(root, '..', 'shared', 'fixtures', 'speech');

const errorText = (err) => (err instanceof Error ? err.message : String(err)).split('\n')[0];

/**
 * One spoken answer in the real app: a fresh Chromium whose fake microphone plays the 48 kHz clip once,
 * voice answers on, until the interview moves past prompt 0. Reads the app's User Timing marks.
 * @returns {Promise<{ ms: number; audioMs: number; latencyMs: number | null; marks: number }>}
 */
async function sttBrowserRun(base, wav) {
  const browser = await chromium.launch({ executablePath: findChromium(), args: [...BASE_ARGS, `--use-file-for-fake-audio-capture=${wav}%noloop`] });
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/?rawmic#/`);
    await page.getByRole('button', { name: 'Start practice' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid=question]')?.getAttribute('data-prompt-id') === '0', null, { timeout: 30_000 });
    await page.getByLabel('Voice').check();
    await page.locator('[data-testid=voice-panel]').waitFor({ timeout: 90_000 });
    await page.waitForFunction(
      () => {
        const id = document.querySelector('[data-testid=question]')?.getAttribute('data-prompt-id');
        return id !== undefined && id !== null && id !== '0';
      },
      null,
      { timeout: 90_000, polling: 100 },
    );
    const marks = await page.evaluate(() => ({
      inference: performance.getEntriesByName('stt-inference').map((e) => e.detail),
      latency: performance.getEntriesByName('stt-final-latency').map((e) => e.detail),
    }));
    const finals = marks.inference.filter((d) => d && typeof d.ms === 'number' && typeof d.audioMs === 'number' && d.audioMs > 0);
    if (finals.length === 0) throw new Error(`no 'stt-inference' mark with audioMs (got ${JSON.stringify(marks.inference)})`);
    const final = finals.reduce((a, b) => (b.audioMs > a.audioMs ? b : a));
    const last = marks.latency.at(-1);
    return { ms: final.ms, audioMs: final.audioMs, latencyMs: typeof last?.ms === 'number' ? last.ms : null, marks: marks.inference.length };
  } finally {
    await browser.close();
  }
}

/**
 * Browser STT: `runs` launches (the fake file plays once per launch), each in a new browser and context.
 * @param {{ base: string; root: string; runs?: number; log?: (s: string) => void }} opts
 */
export async function sttBrowser({ base, root, runs = 3, log = () => {} }) {
  const wav = join(speechFixtures(root), `${STT_CLIP}_48k.wav`);
  if (!existsSync(wav)) return { samples: [], errors: [], reason: `fixture missing: ${wav}` };
  const samples = [];
  const errors = [];
  for (let i = 0; i < runs; i++) {
    try {
      const s = await sttBrowserRun(base, wav);
      samples.push(s);
      log(`  stt browser run ${i + 1}/${runs}: ${s.ms} ms for ${s.audioMs} ms of audio, end of speech → transcript ${s.latencyMs === null ? '–' : Math.round(s.latencyMs)} ms`);
    } catch (err) {
      errors.push(errorText(err));
      log(`  stt browser run ${i + 1}/${runs} failed: ${errorText(err)}`);
    }
  }
  return { samples, errors, reason: null };
}

/**
 * Node baseline: the same clip (16 kHz) and model in onnxruntime-node. Load, one warm-up, then `runs`
 * timed transcriptions. Run it when no browser is busy (the machine has two cores).
 * @param {{ root: string; runs?: number; log?: (s: string) => void }} opts
 */
export async function sttNode({ root, runs = 3, log = () => {} }) {
  const wav = join(speechFixtures(root), `${STT_CLIP}_16k.wav`);
  if (!existsSync(wav)) return { ms: [], reason: `fixture missing: ${wav}` };
  let mod;
  try {
    mod = await import('./stt-node.mjs');
  } catch (err) {
    return { ms: [], reason: `stt-node.mjs failed to load: ${errorText(err)}` };
  }
  const { loadNodeAsr, readWav, transcribeInNode, disposeNodeAsr } = mod;
  try {
    const { pcm, sampleRate } = readWav(wav);
    const { loadMs } = await loadNodeAsr();
    const warm = await transcribeInNode(pcm);
    const ms = [];
    for (let i = 0; i < runs; i++) ms.push((await transcribeInNode(pcm)).ms);
    log(`  stt node: load ${Math.round(loadMs)} ms, warm-up ${Math.round(warm.ms)} ms, runs ${ms.map(Math.round).join(', ')} ms`);
    return { ms, loadMs, warmMs: warm.ms, audioMs: (pcm.length / sampleRate) * 1000, text: warm.text, reason: null };
  } catch (err) {
    return { ms: [], reason: `Node STT failed: ${errorText(err)}` };
  } finally {
    try {
      await disposeNodeAsr();
    } catch {
      /* already gone */
    }
  }
}

/** A HOME whose speech-dispatcher writes to a null ALSA device, so utterance 'end' events fire ("TTS fix B"). */
export function makeTtsHome(root) {
  const home = join(root, '.cache', 'bench', 'tts-home');
  mkdirSync(join(home, '.config', 'speech-dispatcher'), { recursive: true });
  writeFileSync(join(home, '.config', 'speech-dispatcher', 'speechd.conf'), 'AudioOutputMethod "alsa"\n');
  writeFileSync(join(home, '.asoundrc'), 'pcm.!default { type null }\nctl.!default { type hw card 0 }\n');
  return home;
}

const hasSpeechDispatcher = () => spawnSync('sh', ['-c', 'command -v speech-dispatcher'], { encoding: 'utf8' }).status === 0;

/** Waits (in the page) up to `ms` for speechSynthesis voices; returns how many there are. */
const voiceCount = (page, ms) =>
  page.evaluate(
    (ms) =>
      new Promise((resolve) => {
        const n = () => speechSynthesis.getVoices().length;
        if (n() > 0) return resolve(n());
        const timer = setTimeout(() => resolve(n()), ms);
        speechSynthesis.addEventListener('voiceschanged', () => {
          if (n() > 0) {
            clearTimeout(timer);
            resolve(n());
          }
        });
      }),
    ms,
  );

/** Bare baseline in the same page: speak('Hello.') → 'start', after the app's own speech has finished. */
const bareStart = (page) =>
  page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error("bare utterance: no 'start' within 10 s")), 10_000);
        const go = () => {
          speechSynthesis.cancel();
          const u = new SpeechSynthesisUtterance('Hello.');
          u.addEventListener('error', (e) => {
            clearTimeout(t);
            reject(new Error(`bare utterance: ${e.error}`));
          });
          const t0 = performance.now();
          u.addEventListener('start', () => {
            clearTimeout(t);
            resolve(performance.now() - t0);
          });
          speechSynthesis.speak(u);
        };
        // Let the app finish speaking the question first (with the null sink 'end' fires at once).
        const until = performance.now() + 5000;
        const wait = () => (speechSynthesis.speaking && performance.now() < until ? setTimeout(wait, 50) : setTimeout(go, 200));
        wait();
      }),
  );

/**
 * TTS first audio: question ready (Speaker.speak) → the first utterance's 'start', from the app's
 * `performance.measure('tts-first-audio')`. One browser with speech-dispatcher, a new context per run.
 * @param {{ base: string; root: string; runs?: number; log?: (s: string) => void }} opts
 * @returns {Promise<{ samples: { ms: number; bareMs: number | null; voicesAtClick: number }[]; errors: string[]; reason: string | null; coldVoicesMs?: number | null }>}
 */
export async function ttsFirstAudio({ base, root, runs = 3, log = () => {} }) {
  if (!hasSpeechDispatcher()) {
    return { samples: [], errors: [], reason: 'no speechSynthesis voices: speech-dispatcher is not installed (apt-get install speech-dispatcher speech-dispatcher-espeak-ng)' };
  }
  const HOME = makeTtsHome(root);
  const browser = await chromium.launch({ executablePath: findChromium(), args: [...BASE_ARGS, '--enable-speech-dispatcher'], env: { ...process.env, HOME } });
  const samples = [];
  const errors = [];
  let coldVoicesMs = null;
  try {
    // Warm-up: the browser's first speechSynthesis use autospawns speech-dispatcher, which can take longer
    // than the app's 3 s wait for voices on a busy machine. Measure that cold start once (reported in the
    // note), speak one bare utterance, then measure the app against a running daemon.
    const warm = await browser.newContext();
    try {
      const page = await warm.newPage();
      await page.goto('about:blank');
      const t0 = Date.now();
      const voices = await voiceCount(page, 20_000);
      if (voices === 0) {
        return { samples, errors, reason: 'no speechSynthesis voices in Chromium after 20 s (speech-dispatcher / espeak-ng module missing?)', coldVoicesMs };
      }
      coldVoicesMs = Date.now() - t0;
      await bareStart(page).catch((err) => errors.push(`warm-up: ${errorText(err)}`));
      log(`  tts warm-up: ${voices} voices after ${coldVoicesMs} ms (speech-dispatcher cold start)`);
    } finally {
      await warm.close();
    }
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(`${base}/#/`);
        const start = page.getByRole('button', { name: 'Start practice' });
        await start.waitFor();
        const voicesAtClick = await page.evaluate(() => speechSynthesis.getVoices().length);
        await start.click();
        try {
          await page.waitForFunction(() => performance.getEntriesByName('tts-first-audio').length > 0, null, { timeout: 20_000, polling: 50 });
        } catch (err) {
          const voices = await voiceCount(page, 3000);
          const reason = await page.locator('[data-testid=tts-status]').getAttribute('data-reason').catch(() => null);
          if (voices === 0) {
            return { samples, errors, reason: `no speechSynthesis voices in Chromium (speech-dispatcher / espeak-ng module missing?${reason ? `, app says '${reason}'` : ''})`, coldVoicesMs };
          }
          throw new Error(`no 'tts-first-audio' within 20 s (${voices} voices, app reason '${reason ?? ''}'): ${errorText(err)}`);
        }
        const ms = await page.evaluate(() => performance.getEntriesByName('tts-first-audio')[0].duration);
        let bareMs = null;
        try {
          bareMs = await bareStart(page);
        } catch (err) {
          errors.push(errorText(err));
        }
        samples.push({ ms, bareMs, voicesAtClick });
        log(`  tts run ${i + 1}/${runs}: first audio ${Math.round(ms)} ms, bare speak ${bareMs === null ? '–' : Math.round(bareMs)} ms (voices at click: ${voicesAtClick})`);
      } catch (err) {
        errors.push(errorText(err));
        log(`  tts run ${i + 1}/${runs} failed: ${errorText(err)}`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  return { samples, errors, reason: null, coldVoicesMs };
}

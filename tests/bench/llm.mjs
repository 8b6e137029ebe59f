// LLM benchmarks for `npm run bench` (tests/bench/run.mjs): the tiny random-weight Llama
// (test/tiny-random-llama, q8) in the app's LLM worker (the production build's llm-*.js chunk, driven through
// Comlink from a bare page on a local origin), against transformers.js called directly in a bare page of the
// same browser (no worker), interleaved A B A B in the same run. Both pages are cross-origin isolated, so ONNX
// Runtime uses threads in both; nothing leaves 127.0.0.1 (other hosts are blocked in the browser).
//
// llmBench() returns raw samples and never throws: a failure comes back as `reason`. llmMetrics() turns the
// samples into bench-results.json metrics (null values carry the reason in their note).
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { chromium } from 'playwright-core';
import { BASE_ARGS, findChromium } from '../chromium.mjs';
import { findModelsDir } from '../models-dir.mjs';

/** The model and settings both paths use (see ../shared/models/test/tiny-random-llama/README.md beside the checkout). */
export const LLM_SPEC = { engine: 'transformers', catalogueId: 'tiny-random-llama', model: 'test/tiny-random-llama', baseUrl: '/models/', dtype: 'q8', contextTokens: 512 };
/** Greedy (the model never emits EOS greedily, so every run writes exactly maxTokens), no stop strings. */
export const LLM_OPTS = { maxTokens: 200, temperature: 0 };
/** A fixed interview-like chat prompt (about 90 tokens with the ChatML template: 90 + 200 < 512). */
export const LLM_MESSAGES = [
  { role: 'system', content: 'You are a friendly interviewer for a software engineering role. Ask one question at a time and follow up on what the candidate says.' },
  { role: 'user', content: 'At my last job I was responsible for our payments API. I rewrote the retry logic and added tests, and failed payments dropped by 40 percent.' },
];
/** TransformersEngine.generate's fixed setting (workers/llm/transformers-engine.ts), repeated in the bare page. */
const REPETITION_PENALTY = 1.1;

const errorText = (err) => (err instanceof Error ? err.message : String(err)).split('\n')[0];
const median = (xs) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, d = 1) => (x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 10 ** d) / 10 ** d);
const list = (xs, d = 0) => xs.map((x) => (x === null ? '–' : round(x, d))).join(', ');

/** Rejects after `ms` with the phase's name, so one hung phase cannot hang the benchmark. */
async function within(ms, phase, promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${phase}: no result within ${Math.round(ms / 1000)} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const WORKER_CHUNK = /^llm-[\w-]{8}\.js$/;
const isLlmWorker = (file) => {
  const text = readFileSync(file, 'utf8');
  return text.includes('em-pthread') && /ort-wasm-simd-threaded-[\w-]+\.wasm/.test(text);
};

/**
 * The app's LLM worker chunk: dist/assets/llm-<hash>.js. If the build has none (nothing in the app imports
 * src/bridges/llm-client.ts yet), workers/llm.ts is built alone into .cache/bench-llm/ with the app's worker
 * settings (ES format, es2022, the onnxruntime-web/webgpu → wasm alias), and that is measured instead.
 * @returns {Promise<{ assetsDir: string; worker: string; wasm: string; mjs: string; source: string }>}
 */
async function locateWorker(root, log) {
  const dist = join(root, 'dist', 'assets');
  if (!existsSync(join(root, 'dist', 'index.html')) || !existsSync(dist)) {
    throw new Error('dist/ is missing: build the app first (`npx vite build`, or `npm run bench`, which builds before measuring)');
  }
  let assetsDir = dist;
  let worker = readdirSync(dist).find((f) => WORKER_CHUNK.test(f) && isLlmWorker(join(dist, f)));
  let source = `dist/assets/${worker}`;
  if (!worker) {
    const out = join(root, '.cache', 'bench-llm');
    log('  dist/ has no LLM worker chunk (the app does not import the LLM client yet): building workers/llm.ts alone into .cache/bench-llm/…');
    const script = `
      import { build } from 'vite';
      await build({
        configFile: false, root: ${JSON.stringify(root)}, logLevel: 'warn',
        resolve: { alias: [{ find: /^onnxruntime-web\\/webgpu$/, replacement: 'onnxruntime-web/wasm' }] },
        worker: { format: 'es' },
        build: { outDir: ${JSON.stringify(out)}, emptyOutDir: true, target: 'es2022', sourcemap: false, copyPublicDir: false,
          modulePreload: false, rollupOptions: { input: { llm: 'workers/llm.ts' }, preserveEntrySignatures: 'exports-only' } },
      });`;
    const b = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 180_000 });
    if (b.status !== 0) throw new Error(`building workers/llm.ts failed: ${(b.stderr || b.stdout || String(b.error)).trim().split('\n').slice(-3).join(' | ')}`);
    assetsDir = join(out, 'assets');
    worker = readdirSync(assetsDir).find((f) => WORKER_CHUNK.test(f) && isLlmWorker(join(assetsDir, f)));
    if (!worker) throw new Error('the fallback build of workers/llm.ts produced no llm-*.js worker chunk');
    source = `.cache/bench-llm/assets/${worker} (dist/ has no LLM worker chunk yet: workers/llm.ts built alone with the app's worker settings)`;
  }
  // The ONNX Runtime files the worker itself references, so the bare page uses exactly the same ones.
  const text = readFileSync(join(assetsDir, worker), 'utf8');
  const wasm = text.match(/ort-wasm-simd-threaded-[\w-]+\.wasm/)?.[0];
  const mjs = text.match(/ort-wasm-simd-threaded-[\w-]+\.mjs/)?.[0];
  if (!wasm || !mjs || !existsSync(join(assetsDir, wasm)) || !existsSync(join(assetsDir, mjs))) {
    throw new Error(`the worker chunk ${worker} references ONNX Runtime files that are not in ${assetsDir} (${wasm}, ${mjs})`);
  }
  return { assetsDir, worker, wasm, mjs, source };
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm', '.onnx': 'application/octet-stream' };
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cross-Origin-Resource-Policy': 'same-origin' };
/** Only these package folders are served from node_modules (the bare page's imports). */
const PACKAGES = ['comlink/dist/', 'onnxruntime-web/dist/', 'onnxruntime-common/dist/', '@huggingface/transformers/dist/'];

/** The worker harness: Comlink from node_modules; everything else happens in page.evaluate. */
const WORKER_PAGE = `<!doctype html><meta charset="utf-8"><title>bench: LLM worker</title>
<script type="module">
import * as Comlink from '/node_modules/comlink/dist/esm/comlink.mjs';
window.Comlink = Comlink;
window.harnessReady = true;
</script>`;

/**
 * The bare page: transformers.js's browser build from node_modules on the main thread, no worker. The import
 * map resolves its two bare imports the way the app's Vite build does (onnxruntime-web/webgpu is aliased to
 * the wasm-only bundle; onnxruntime-common is the copy beside transformers.js).
 */
const BARE_PAGE = `<!doctype html><meta charset="utf-8"><title>bench: transformers.js, no worker</title>
<script type="importmap">${JSON.stringify({
  imports: {
    'onnxruntime-web/webgpu': '/node_modules/onnxruntime-web/dist/ort.wasm.bundle.min.mjs',
    'onnxruntime-common': '/node_modules/onnxruntime-common/dist/esm/index.js',
  },
})}</script>
<script type="module">
import * as tf from '/node_modules/@huggingface/transformers/dist/transformers.web.js';
window.tf = tf;
window.harnessReady = true;
</script>`;

/** A cross-origin-isolated static server for the harness pages, the worker's assets, /models/ and a few packages. */
async function serve({ root, assetsDir, modelsDir }) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const send = (status, type, body) => {
      res.writeHead(status, { ...ISOLATION, 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(body);
    };
    if (path === '/__bench/llm-worker.html') return send(200, TYPES['.html'], WORKER_PAGE);
    if (path === '/__bench/llm-bare.html') return send(200, TYPES['.html'], BARE_PAGE);
    if (path === '/favicon.ico') return send(204, 'text/plain', '');
    let base = null;
    let rel = '';
    if (path.startsWith('/assets/')) [base, rel] = [assetsDir, path.slice('/assets/'.length)];
    else if (path.startsWith('/models/')) [base, rel] = [modelsDir, path.slice('/models/'.length)];
    else if (path.startsWith('/node_modules/') && PACKAGES.some((p) => path.slice('/node_modules/'.length).startsWith(p))) [base, rel] = [join(root, 'node_modules'), path.slice('/node_modules/'.length)];
    const file = base ? join(base, normalize(rel)) : null;
    let size = -1;
    try {
      if (file && file.startsWith(base + sep) && statSync(file).isFile()) size = statSync(file).size;
    } catch {
      /* not found */
    }
    if (size < 0) return send(404, 'text/plain', 'not found');
    res.writeHead(200, { ...ISOLATION, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': String(size), 'Cache-Control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return { base: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(() => r())) };
}

/** A context whose pages can reach only the bench server; anything else is aborted and recorded. */
async function isolatedContext(browser, base, blocked) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${base}/`) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(errorText(e)));
  return { context, page, errors };
}

/** Counts ONNX Runtime's pthread workers (Playwright reports the page's workers and, in Chromium, nested ones). */
function countThreads(page) {
  const seen = { pthreads: 0, workers: 0 };
  page.on('worker', (w) => {
    if (/ort-wasm-simd-threaded/.test(w.url())) seen.pthreads++;
    else seen.workers++;
  });
  return seen;
}

/** The app's path: the worker chunk loaded as a module worker, load(spec), generate(...) with an onToken proxy. */
async function openWorkerPage(browser, base, files, blocked) {
  const h = await isolatedContext(browser, base, blocked);
  const threads = countThreads(h.page);
  await h.page.goto(`${base}/__bench/llm-worker.html`);
  await h.page.waitForFunction(() => window.harnessReady === true, null, { timeout: 30_000 });
  const load = await within(
    120_000,
    'LLM worker: load',
    h.page.evaluate(
      async ({ url, spec }) => {
        const { Comlink } = window;
        window.llmWorker = new Worker(url, { type: 'module', name: 'llm' });
        const failed = new Promise((_, reject) =>
          window.llmWorker.addEventListener('error', (e) => reject(new Error(`the worker failed to start: ${e.message || 'error event (the chunk did not load?)'}`))),
        );
        window.llm = Comlink.wrap(window.llmWorker);
        const t0 = performance.now();
        const result = await Promise.race([window.llm.load(spec), failed]);
        // One generate() as the page sees it: call → first onToken piece → result.
        window.runGenerate = async (messages, opts, abortAfterFirstPiece) => {
          const pieces = [];
          let firstPieceMs = null;
          let abortCalledAt = null;
          const t0 = performance.now();
          const result = await window.llm.generate(
            messages,
            opts,
            Comlink.proxy((piece) => {
              const t = performance.now();
              if (firstPieceMs === null) {
                firstPieceMs = t - t0;
                if (abortAfterFirstPiece) {
                  abortCalledAt = performance.now();
                  window.llm.abort();
                }
              }
              pieces.push(piece);
            }),
          );
          const end = performance.now();
          return { ...result, pageTotalMs: end - t0, pageFirstPieceMs: firstPieceMs, pieces: pieces.length, pageAbortMs: abortCalledAt === null ? null : end - abortCalledAt };
        };
        return { ...result, pageLoadMs: performance.now() - t0, crossOriginIsolated: self.crossOriginIsolated, hardwareConcurrency: navigator.hardwareConcurrency };
      },
      { url: `/assets/${files.worker}`, spec: LLM_SPEC },
    ),
  );
  return { ...h, load, threads };
}

/** The baseline: transformers.js on the bare page's main thread, same model, env, ORT files and settings. */
async function openBarePage(browser, base, files, blocked) {
  const h = await isolatedContext(browser, base, blocked);
  const threads = countThreads(h.page);
  await h.page.goto(`${base}/__bench/llm-bare.html`);
  await h.page.waitForFunction(() => window.harnessReady === true, null, { timeout: 30_000 });
  const load = await within(
    120_000,
    'bare page: load',
    h.page.evaluate(
      async ({ spec, wasm, mjs, repetitionPenalty }) => {
        const { tf } = window;
        const abs = (u) => new URL(u, location.href).href;
        // The worker's env (workers/llm.ts configureTransformers), minus its Cache Storage lookup.
        tf.env.allowLocalModels = true;
        tf.env.allowRemoteModels = false;
        tf.env.localModelPath = spec.baseUrl;
        tf.env.useBrowserCache = false;
        tf.env.useWasmCache = false;
        const numThreads = self.crossOriginIsolated ? Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1)) : 1;
        tf.env.backends.onnx.wasm.wasmPaths = { wasm: abs(wasm), mjs: abs(mjs) };
        tf.env.backends.onnx.wasm.numThreads = numThreads;
        const t0 = performance.now();
        const tokenizer = await tf.AutoTokenizer.from_pretrained(spec.model);
        const model = await tf.AutoModelForCausalLM.from_pretrained(spec.model, { dtype: spec.dtype, device: 'wasm' });
        // TransformersEngine.generate, inlined: the same template call, streamer, criteria and generation options.
        window.runGenerate = async (messages, opts) => {
          const t0 = performance.now();
          const inputs = tokenizer.apply_chat_template(messages, { add_generation_prompt: true, return_dict: true });
          let tokens = 0;
          let firstTokenMs = null;
          let firstPieceMs = null;
          let text = '';
          let pieces = 0;
          const streamer = new tf.TextStreamer(tokenizer, {
            skip_prompt: true,
            skip_special_tokens: true,
            token_callback_function: () => {
              tokens++;
              if (firstTokenMs === null) firstTokenMs = performance.now() - t0;
            },
            callback_function: (piece) => {
              if (firstPieceMs === null) firstPieceMs = performance.now() - t0;
              pieces++;
              text += piece;
            },
          });
          await model.generate({
            ...inputs,
            max_new_tokens: opts.maxTokens,
            do_sample: false,
            repetition_penalty: repetitionPenalty,
            streamer,
            stopping_criteria: new tf.InterruptableStoppingCriteria(),
          });
          const totalMs = performance.now() - t0;
          return { text, tokens, promptTokens: inputs.input_ids.dims.at(-1), firstTokenMs, totalMs, pageTotalMs: totalMs, pageFirstPieceMs: firstPieceMs, pieces };
        };
        return {
          pageLoadMs: performance.now() - t0,
          crossOriginIsolated: self.crossOriginIsolated,
          hardwareConcurrency: navigator.hardwareConcurrency,
          numThreads: tf.env.backends.onnx.wasm.numThreads,
          backend: `wasm (${numThreads} thread${numThreads === 1 ? '' : 's'})`,
        };
      },
      { spec: LLM_SPEC, wasm: `/assets/${files.wasm}`, mjs: `/assets/${files.mjs}`, repetitionPenalty: REPETITION_PENALTY },
    ),
  );
  return { ...h, load, threads };
}

const generateOnce = (h, phase, opts = LLM_OPTS, abortAfterFirstPiece = false) =>
  within(60_000, phase, h.page.evaluate(({ messages, opts, abortAfterFirstPiece }) => window.runGenerate(messages, opts, abortAfterFirstPiece), { messages: LLM_MESSAGES, opts, abortAfterFirstPiece }));

/**
 * Runs the LLM benchmark in its own browser and server. Never throws.
 * @param {{ root: string; runs?: number; warmups?: number; abortRuns?: number; log?: (s: string) => void }} opts
 */
export async function llmBench({ root, runs = 15, warmups = 3, abortRuns = 5, log = () => {} }) {
  const out = { worker: [], bare: [], aborts: [], abortMaxTokens: null, errors: [], blocked: [], warmups, reason: null, source: null, env: null, textsMatch: null };
  const fail = (reason) => {
    log(`  LLM benchmark not measured: ${reason}`);
    return { ...out, reason };
  };
  const modelsDir = findModelsDir();
  if (!modelsDir || !existsSync(join(modelsDir, LLM_SPEC.model, 'onnx', 'model_quantized.onnx'))) {
    return fail(`model missing: ${LLM_SPEC.model} (q8) not found under ${modelsDir ?? 'MODELS_DIR / ../shared/models / .cache/models'}`);
  }
  let files;
  try {
    files = await within(240_000, 'locating the LLM worker', locateWorker(root, log));
  } catch (err) {
    return fail(errorText(err));
  }
  out.source = files.source;
  let server = null;
  let browser = null;
  try {
    server = await serve({ root, assetsDir: files.assetsDir, modelsDir });
    // Belt and braces: no host but 127.0.0.1 resolves in this browser (the contexts also abort other URLs).
    browser = await within(60_000, 'browser launch', chromium.launch({ executablePath: findChromium(), args: [...BASE_ARGS, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'] }));
    const worker = await openWorkerPage(browser, server.base, files, out.blocked);
    const bare = await openBarePage(browser, server.base, files, out.blocked);
    out.env = {
      worker: { crossOriginIsolated: worker.load.crossOriginIsolated, backend: worker.load.backend, loadMs: worker.load.pageLoadMs, hardwareConcurrency: worker.load.hardwareConcurrency },
      bare: { crossOriginIsolated: bare.load.crossOriginIsolated, backend: bare.load.backend, loadMs: bare.load.pageLoadMs, numThreads: bare.load.numThreads },
    };
    log(
      `  worker page: crossOriginIsolated ${worker.load.crossOriginIsolated}, ${worker.load.backend}, load ${Math.round(worker.load.pageLoadMs)} ms; ` +
        `bare page: crossOriginIsolated ${bare.load.crossOriginIsolated}, ${bare.load.backend}, load ${Math.round(bare.load.pageLoadMs)} ms`,
    );
    for (let i = 0; i < warmups; i++) {
      await generateOnce(worker, `LLM worker: warm-up ${i + 1}`);
      await generateOnce(bare, `bare page: warm-up ${i + 1}`);
    }
    // Interleaved A B A B: both paths see the same machine noise.
    for (let i = 0; i < runs; i++) {
      const w = await generateOnce(worker, `LLM worker: run ${i + 1}`);
      const b = await generateOnce(bare, `bare page: run ${i + 1}`);
      out.worker.push(w);
      out.bare.push(b);
      log(
        `  run ${i + 1}/${runs}: worker ${w.tokens} tokens in ${Math.round(w.pageTotalMs)} ms (${Math.round(w.tokens / (w.pageTotalMs / 1000))} tok/s, first piece ${round(w.pageFirstPieceMs)} ms, worker first token ${w.firstTokenMs} ms); ` +
          `bare ${b.tokens} tokens in ${Math.round(b.pageTotalMs)} ms (${Math.round(b.tokens / (b.pageTotalMs / 1000))} tok/s)`,
      );
    }
    out.textsMatch = out.worker.every((w, i) => w.text === out.bare[i].text);
    // Abort runs ask for the longest reply that fits the context, so an abort that is not handled until the
    // end of generation shows up as a long wait rather than hiding behind a short reply.
    const abortOpts = { ...LLM_OPTS, maxTokens: LLM_SPEC.contextTokens - out.worker[0].promptTokens };
    out.abortMaxTokens = abortOpts.maxTokens;
    for (let i = 0; i < abortRuns; i++) {
      const a = await generateOnce(worker, `LLM worker: abort ${i + 1}`, abortOpts, true);
      out.aborts.push(a);
      log(`  abort ${i + 1}/${abortRuns}: ${a.finishReason} after ${a.tokens} tokens, abort() → result ${round(a.pageAbortMs)} ms (worker-reported ${a.abortLatencyMs ?? '–'} ms)`);
    }
    // The pthreads ONNX Runtime started, as Playwright saw them (read after the runs: workers attach asynchronously).
    out.env.worker.pthreadsSeen = worker.threads.pthreads;
    out.env.bare.pthreadsSeen = bare.threads.pthreads;
    log(`  ORT pthread workers started (besides the calling thread): worker path ${worker.threads.pthreads}, bare page ${bare.threads.pthreads}`);
    out.errors.push(...worker.errors.map((e) => `worker page: ${e}`), ...bare.errors.map((e) => `bare page: ${e}`));
    await within(15_000, 'LLM worker: unload', worker.page.evaluate(() => window.llm.unload())).catch((err) => out.errors.push(errorText(err)));
  } catch (err) {
    out.reason = `benchmark error: ${errorText(err)}`;
    log(`  LLM benchmark failed: ${out.reason}`);
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.close();
  }
  return out;
}

/** bench-results.json entries from llmBench()'s samples. */
export function llmMetrics(r) {
  const none = r.reason ?? 'no successful run';
  const rate = (s) => s.tokens / (s.pageTotalMs / 1000);
  const decode = (s) => (s.firstTokenMs === null || s.totalMs <= s.firstTokenMs ? null : (s.tokens - 1) / ((s.totalMs - s.firstTokenMs) / 1000));
  const w = r.worker;
  const b = r.bare;
  const env = r.env;
  const threads = env
    ? `worker: ${env.worker.backend}, crossOriginIsolated ${env.worker.crossOriginIsolated}, ORT pthreads seen ${env.worker.pthreadsSeen} (+ the calling thread); bare page: ${env.bare.backend}, crossOriginIsolated ${env.bare.crossOriginIsolated}, ORT pthreads seen ${env.bare.pthreadsSeen}`
    : '';
  const extra = [r.errors.length ? `${r.errors.length} page error(s): ${r.errors[0]}` : null, r.blocked.length ? `${r.blocked.length} non-local request(s) blocked: ${r.blocked[0]}` : null].filter(Boolean).join('; ');
  const tail = extra ? `; ${extra}` : '';
  const setup = w.length
    ? `${LLM_SPEC.model} ${LLM_SPEC.dtype}, greedy, ${LLM_OPTS.maxTokens} new tokens after a ${w[0].promptTokens}-token chat prompt; ${threads}; worker: ${r.source}`
    : '';
  const wRates = w.map(rate);
  const bRates = b.map(rate);
  const wTps = median(wRates);
  const bTps = median(bRates);
  const pairRatios = w.map((s, i) => rate(b[i]) / rate(s));
  const ratio = median(pairRatios);
  const firstPiece = w.map((s) => s.pageFirstPieceMs).filter((x) => x !== null);
  const aborted = r.aborts.filter((a) => a.finishReason === 'abort');
  const abortMs = r.aborts.map((a) => a.pageAbortMs).filter((x) => x !== null);
  return {
    llm_cpu_tokens_per_s: {
      value: round(wTps),
      unit: 'tok/s',
      goal: null,
      note: w.length
        ? `app's LLM worker, tokens ÷ page-side time from generate() to its result (prompt step and Comlink messages included), median of ${w.length} runs after ${r.warmups} warm-ups: ${list(wRates)} tok/s; decode only ((tokens − 1) ÷ (totalMs − firstTokenMs), worker-reported) median ${round(median(w.map(decode).filter((x) => x !== null)), 0)} tok/s; ${setup}${tail}`
        : none,
    },
    llm_first_token_ms: {
      value: round(median(firstPiece)),
      unit: 'ms',
      goal: null,
      note: firstPiece.length
        ? `page-side: generate() call → first onToken piece, same runs: ${list(firstPiece, 1)} ms (${list(w.map((s) => s.pieces))} pieces per run; TextStreamer emits whole words); worker-reported call → first token median ${round(median(w.map((s) => s.firstTokenMs).filter((x) => x !== null)))} ms (${list(w.map((s) => s.firstTokenMs))})${tail}`
        : w.length
          ? 'no onToken piece reached the page'
          : none,
    },
    llm_worker_overhead_ratio: {
      value: round(ratio, 2),
      unit: 'ratio',
      goal: 1.2,
      note: w.length
        ? `bare-page tokens/s ÷ worker tokens/s, median of ${pairRatios.length} interleaved pairs (A B A B): ${list(pairRatios, 2)}; transformers.js (dist/transformers.web.js from node_modules) on a bare page's main thread, same model, ORT files, threads and generation settings: median ${round(bTps)} tok/s (${list(bRates)}) vs worker ${round(wTps)} tok/s; same greedy text in every pair: ${r.textsMatch ? 'yes' : 'NO'}${tail}`
        : none,
    },
    llm_abort_ms: {
      value: round(median(abortMs)),
      unit: 'ms',
      goal: 200,
      note: r.aborts.length
        ? `page-side: abort() right after the first onToken piece → generate() resolved, replies of up to ${r.abortMaxTokens} tokens, median of ${abortMs.length}: ${list(abortMs, 1)} ms; ` +
          `interrupted (finishReason 'abort') in ${aborted.length}/${r.aborts.length} runs${aborted.length < r.aborts.length ? `; ${r.aborts.length - aborted.length} ran to their end (${list(r.aborts.filter((a) => a.finishReason !== 'abort').map((a) => a.tokens))} tokens): the worker only handled abort() after generation finished` : ''}; ` +
          `worker-reported (engine abort → loop stopped): ${aborted.length ? `${list(aborted.map((a) => a.abortLatencyMs ?? null), 1)} ms` : '–'}; tokens written: ${list(r.aborts.map((a) => a.tokens))}`
        : none,
    },
  };
}

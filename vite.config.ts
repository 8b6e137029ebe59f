/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import type { Connect, Plugin } from 'vite';
import { findModelsDir } from './tests/models-dir.mjs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/** Cross-origin isolation: needed for SharedArrayBuffer / multi-threaded WASM in the workers. */
const crossOriginIsolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * Serves /models/ from the local model folder (MODELS_DIR, ../shared/models or .cache/models) in the dev and
 * preview servers, so tests and self-hosters load the same paths as production without copying weights
 * into dist/. Production builds contain no model files.
 */
function localModels(): Plugin {
  const types: Record<string, string> = { '.json': 'application/json', '.onnx': 'application/octet-stream', '.task': 'application/octet-stream', '.txt': 'text/plain' };
  const middleware: Connect.NextHandleFunction = (req, res, next) => {
    const dir = findModelsDir();
    const [rawPath = '', query = ''] = (req.url ?? '').split('?');
    const path = decodeURIComponent(rawPath);
    // Module imports of the project's own models/ folder (the dev server's `catalogue.json?import`) are
    // source files, not model files: leave them to Vite.
    if (!dir || !path.startsWith('/models/') || /(^|&)import(&|=|$)/.test(query)) return next();
    const file = join(dir, normalize(path.slice('/models/'.length)).replace(/^(\.\.[/\\])+/, ''));
    let size: number;
    try {
      const st = statSync(file);
      if (!st.isFile()) throw new Error('not a file');
      size = st.size;
    } catch {
      res.statusCode = 404;
      res.end('model file not found');
      return;
    }
    res.writeHead(200, { ...crossOriginIsolation, 'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Content-Length': String(size), 'Cache-Control': 'no-cache' });
    createReadStream(file).pipe(res);
  };
  return {
    name: 'local-models',
    configureServer: (server) => void server.middlewares.use(middleware),
    configurePreviewServer: (server) => void server.middlewares.use(middleware),
  };
}

/**
 * Which onnxruntime-web bundle transformers.js gets. It imports `onnxruntime-web/webgpu`, whose bundle makes
 * Vite emit (and load) the 27 MB asyncify WebAssembly. Every worker gets ORT's wasm-only bundle (14 MB wasm)
 * instead, except the WebGPU speech worker (workers/stt-gpu.ts), which is the only one to use the GPU
 * build. Worker bundles are separate Rollup builds, so the plugin reads which entry it is building from
 * the build's input. (In the dev server every worker gets the wasm bundle: the GPU worker then runs on WASM.)
 */
function ortVariant(): Plugin {
  let gpu = false;
  return {
    name: 'ort-variant',
    enforce: 'pre',
    options(o) {
      gpu = JSON.stringify(o.input ?? '').includes('stt-gpu');
      return null;
    },
    async resolveId(source, importer, opts) {
      if (source !== 'onnxruntime-web/webgpu' || gpu) return null;
      return this.resolve('onnxruntime-web/wasm', importer, { ...opts, skipSelf: true });
    },
  };
}

/** Fixed port so the origin (and its IndexedDB) is stable across launches. */
export const PORT = Number(process.env.PORT ?? 4173);

export default defineConfig({
  plugins: [
    ortVariant(),
    preact(),
    localModels(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'favicon.ico', 'apple-touch-icon.png'],
      manifest: {
        name: 'AI Interview Simulator',
        short_name: 'Interview',
        description: 'Practise job interviews with an interviewer that runs entirely on your device.',
        theme_color: '#1f4e8c',
        background_color: '#ffffff',
        display: 'standalone',
        start_url: '/',
        scope: '/',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The app shell only. Model files are never precached (they live under /models/ or on their hosts).
        globPatterns: ['**/*.{html,js,mjs,css,svg,png,ico}'],
        // web-llm (6 MB) is only for devices with a GPU: cached on first use below, not precached.
        globIgnores: ['**/web-llm-*.js', '**/stt-gpu-*.js'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/models\//],
        cleanupOutdatedCaches: true,
        // The privacy receipt's list of the service worker's own requests (public/sw-network-log.js).
        importScripts: ['sw-network-log.js'],
        // The speech runtime's (14 MB) and MediaPipe's (13 MB) WebAssembly are cached on first use, not
        // precached: the first visit stays light, and voice answers and camera cues work offline once used.
        // (Their JavaScript, the vision worker chunk and MediaPipe's loader, is precached by globPatterns.)
        runtimeCaching: [
          {
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/assets/') && url.pathname.endsWith('.wasm'),
            handler: 'CacheFirst',
            options: { cacheName: 'runtime-wasm', expiration: { maxEntries: 8 }, cacheableResponse: { statuses: [200] } },
          },
          {
            // web-llm and the WebGPU speech worker: only for devices with a GPU, cached on first use.
            urlPattern: ({ url, sameOrigin }) => sameOrigin && /^\/assets\/(?:web-llm|stt-gpu)-[^/]+\.js$/.test(url.pathname),
            handler: 'CacheFirst',
            options: { cacheName: 'runtime-gpu-js', expiration: { maxEntries: 4 }, cacheableResponse: { statuses: [200] } },
          },
        ],
      },
    }),
  ],
  define: { 'import.meta.env.PACKAGE_VERSION': JSON.stringify(pkg.version) },
  worker: {
    format: 'es',
    plugins: () => [ortVariant()],
    // Name web-llm's chunk so the service worker can leave it out of the precache.
    rollupOptions: {
      output: {
        chunkFileNames: (chunk) => (chunk.moduleIds.some((id) => id.includes('@mlc-ai/web-llm')) ? 'assets/web-llm-[hash].js' : 'assets/[name]-[hash].js'),
      },
    },
  },

  optimizeDeps: { entries: ['index.html', 'workers/*.ts'] },
  build: { target: 'es2022', sourcemap: false },
  server: { host: '127.0.0.1', port: 5173, strictPort: true, headers: crossOriginIsolation },
  preview: { host: '127.0.0.1', port: PORT, strictPort: true, headers: crossOriginIsolation },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
  },
});

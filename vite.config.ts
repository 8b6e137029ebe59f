/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/** Cross-origin isolation: needed for SharedArrayBuffer / multi-threaded WASM in the workers. */
const crossOriginIsolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Fixed port so the origin (and its IndexedDB) is stable across launches. */
export const PORT = Number(process.env.PORT ?? 4173);

export default defineConfig({
  plugins: [
    preact(),
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
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/models\//],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  define: { 'import.meta.env.PACKAGE_VERSION': JSON.stringify(pkg.version) },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false },
  server: { host: '127.0.0.1', port: 5173, strictPort: true, headers: crossOriginIsolation },
  preview: { host: '127.0.0.1', port: PORT, strictPort: true, headers: crossOriginIsolation },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
  },
});

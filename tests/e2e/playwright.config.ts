import { defineConfig } from '@playwright/test';
import { BASE_ARGS, findChromium } from '../chromium.mjs';

const PORT = Number(process.env.PORT ?? 4173);
const root = new URL('../..', import.meta.url).pathname;

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  globalSetup: './global-setup.ts',
  outputDir: `${root}.cache/test-results`,
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: `${root}.cache/playwright.json` }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: { executablePath: findChromium(), args: BASE_ARGS },
    acceptDownloads: true,
    trace: 'off',
  },
  projects: [
    { name: 'main', testIgnore: /voice-webgpu\.spec\.ts$/ },
    // Whisper on SwiftShader WebGPU takes minutes of both cores: it runs alone, after everything else.
    { name: 'webgpu-stt', testMatch: /voice-webgpu\.spec\.ts$/, dependencies: ['main'] },
  ],
  webServer: {
    // The production build (npm test builds it first), served with the cross-origin isolation headers.
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    cwd: root,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});

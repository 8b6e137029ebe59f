/// <reference types="vitest/config" />
/**
 * The interviewer quality harness (tests/quality): `npx vitest run --config tests/quality/vitest.config.ts`.
 * Kept out of the unit run (vite.config.ts includes tests/unit only): it plays whole interviews.
 */
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['tests/quality/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

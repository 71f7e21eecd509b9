import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';
import packageJson from './package.json' with { type: 'json' };

export default defineConfig({
  define: { __CORS_LENS_VERSION__: JSON.stringify(packageJson.version) },
  test: {
    projects: [
      {
        plugins: [preact()],
        define: { __CORS_LENS_VERSION__: JSON.stringify(packageJson.version) },
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          // The property tests run thousands of generated cases (about 2 s alone); on a busy
          // CI machine that can pass the default 5 s. Performance lives in `npm run bench`.
          testTimeout: 60_000,
        },
      },
      {
        define: { __CORS_LENS_VERSION__: JSON.stringify(packageJson.version) },
        test: {
          name: 'e2e',
          globalSetup: ['test/harness/announce-chromium.ts'],
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          // One retry for the real-browser tests: a loaded 2-core machine can starve Chromium.
          // A retried test is reported as flaky in the output, not hidden.
          retry: 1,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'stress',
          globalSetup: ['test/harness/announce-chromium.ts'],
          include: ['test/stress/**/*.test.ts'],
          environment: 'node',
          // As for e2e: one retry, reported as flaky in the output. The worker-death tests print
          // what went wrong (lost and wrong requests, and how many DevTools' log gave back).
          retry: 1,
          testTimeout: 600_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'firefox',
          globalSetup: ['test/harness/announce-firefox.ts'],
          include: ['test/firefox/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'fixes',
          globalSetup: ['test/harness/announce-chromium.ts'],
          include: ['test/fixes/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

import { defineConfig } from 'vitest/config'

/** End-to-end tests: the built renderer in Debian's Chromium with the real core behind `window.fieldbook`. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    // A browser driven on a loaded 2-core machine can miss a frame; a test that fails twice in a row is a real failure.
    retry: 1,
    pool: 'forks',
  },
})

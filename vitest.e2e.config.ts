import { defineConfig } from 'vitest/config'

/** End-to-end tests: the built renderer in Debian's Chromium with the real core behind `window.fieldbook`. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    pool: 'forks',
  },
})

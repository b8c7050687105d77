import { defineConfig } from 'vitest/config';

// End-to-end tests: the built extension in Debian's Chromium. One browser at a time on a 2-core machine.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});

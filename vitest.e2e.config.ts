import { defineConfig } from 'vitest/config';

// End-to-end tests: the built extension in Debian's Chromium. One browser at a time on a 2-core machine.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    fileParallelism: false,
    // Bounds that fail a hang, not a slow moment: the slowest tests (a fresh `wxt build` each, several Chromium
    // launches) took ~95 s on two cores shared with other work, where a busier moment once pushed one past 180 s.
    testTimeout: 300_000,
    hookTimeout: 180_000,
  },
});

import { defineConfig } from 'vitest/config';

// Measurements in real Chromium on the built extension (not part of `npm test`): `npx vitest run -c vitest.bench.config.ts`.
export default defineConfig({
  test: {
    include: ['tests/bench/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 900_000,
    hookTimeout: 120_000,
  },
});

import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tests: pure logic beside the code, with WXT's in-memory fake browser.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['lib/**/*.test.ts', 'lib/**/*.test.tsx', 'scripts/**/*.test.ts', 'testkit/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
  },
});

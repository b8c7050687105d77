import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Every place a user can start a download of Hearth's model goes through the one re-check (lib/llm/download-flow.ts):
// a view that asks the host to download (models.download through the client, or llm.downloadChosen) must do it
// inside useDownloadFlow, never straight from a click. Chrome's own downloads (its built-in model, language packs)
// are Chrome's and are not measured against this device's CPU.

const ROOT = join(__dirname, '..', '..');
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const STARTS_A_DOWNLOAD = /'llm\.downloadChosen'|client\.download\(/;

describe('download paths', () => {
  it('every view that starts a model download does it through useDownloadFlow', () => {
    const starters = [...sources(join(ROOT, 'lib')), ...sources(join(ROOT, 'entrypoints'))]
      .filter((f) => !f.includes(`${join('lib', 'messaging')}`) && !f.includes(`${join('llm', 'host')}`))
      .filter((f) => STARTS_A_DOWNLOAD.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f));
    expect(starters.sort()).toEqual(['lib/llm/view/ModelManager.tsx', 'lib/shell/ChatView.tsx', 'lib/summarize/view/ModelNeeded.tsx']);
    for (const f of starters.filter((f) => f !== 'lib/shell/ChatView.tsx')) {
      expect(readFileSync(join(ROOT, f), 'utf8'), f).toMatch(/useDownloadFlow\(/);
    }
    // The chat hands its download to the offer, which runs it through the flow.
    expect(readFileSync(join(ROOT, 'lib/shell/ChatView.tsx'), 'utf8')).toMatch(/download=\{offerDownload\(p\)\}/);
    expect(readFileSync(join(ROOT, 'lib/llm/view/FirstRunOffer.tsx'), 'utf8')).toMatch(/useDownloadFlow\(/);
  });
});

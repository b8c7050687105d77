import { describe, expect, it } from 'vitest';
import { assertSenderMayCall, classifySender } from './sender';
import { SenderRefusedError } from './errors';

const ID = 'hearthid';

describe('classifySender', () => {
  it('accepts our own extension pages', () => {
    expect(classifySender({ id: ID, url: `chrome-extension://${ID}/popup.html` }, ID)).toBe('extension-page');
    expect(classifySender({ id: ID, origin: `chrome-extension://${ID}` }, ID)).toBe('extension-page');
  });
  it('treats our page opened in a tab as an extension page', () => {
    expect(classifySender({ id: ID, url: `chrome-extension://${ID}/popup.html`, tab: { id: 3 } }, ID)).toBe('extension-page');
  });
  it('sees our content scripts as coming from their tab', () => {
    expect(classifySender({ id: ID, url: 'https://example.com/', tab: { id: 7 }, frameId: 0 }, ID)).toBe('content-script');
  });
  it('names the camera view apart, framed in a tab or not, whatever its query or fragment', () => {
    expect(classifySender({ id: ID, url: `chrome-extension://${ID}/pose-view.html`, tab: { id: 3 }, frameId: 12 }, ID)).toBe('pose-view');
    expect(classifySender({ id: ID, url: `chrome-extension://${ID}/pose-view.html?x#y`, tab: { id: 3 }, frameId: 0 }, ID)).toBe('pose-view');
    expect(classifySender({ id: ID, url: `chrome-extension://${ID}/pose-view.html.evil`, tab: { id: 3 } }, ID)).toBe('extension-page');
  });
  it('refuses another extension, a bare sender and a page claiming our id without a tab or our origin', () => {
    expect(() => classifySender({ id: 'other', url: 'chrome-extension://other/x.html' }, ID)).toThrow(SenderRefusedError);
    expect(() => classifySender({}, ID)).toThrow(SenderRefusedError);
    expect(() => classifySender({ id: ID, url: 'https://evil.example/' }, ID)).toThrow(SenderRefusedError);
    expect(() => classifySender({ id: ID, url: `chrome-extension://${ID}.evil.example/` }, ID)).toThrow(SenderRefusedError);
  });
});

describe('assertSenderMayCall', () => {
  it('lets content scripts ensure the host and read status, nothing more', () => {
    expect(() => assertSenderMayCall('content-script', 'host.ensure')).not.toThrow();
    expect(() => assertSenderMayCall('content-script', 'llm.status')).not.toThrow();
    expect(() => assertSenderMayCall('content-script', 'llm.select')).toThrow(SenderRefusedError);
    expect(() => assertSenderMayCall('content-script', 'llm.unload')).toThrow(SenderRefusedError);
    expect(() => assertSenderMayCall('extension-page', 'llm.select')).not.toThrow();
  });
  it("lets the summary panel (a content script) and Hearth's pages prime the model", () => {
    expect(() => assertSenderMayCall('content-script', 'llm.prime')).not.toThrow();
    expect(() => assertSenderMayCall('extension-page', 'llm.prime')).not.toThrow();
  });
  it('lets the camera view use the host, pose and coach commands, nothing of the chat, models, settings or history', () => {
    for (const name of ['host.ensure', 'pose.claim', 'pose.close', 'pose.status', 'coach.notify', 'coach.saveSession'] as const) {
      expect(() => assertSenderMayCall('pose-view', name)).not.toThrow();
    }
    for (const name of ['llm.status', 'llm.select', 'llm.prime', 'llm.countTokens', 'settings.save', 'models.list', 'models.download', 'summary.record', 'ask.followUp', 'pose.toggle'] as const) {
      expect(() => assertSenderMayCall('pose-view', name)).toThrow(SenderRefusedError);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { createPoseGrants, poseGrantHandlers, type GrantStore } from './pose-grants';

const memoryStore = (): GrantStore & { data: Record<string, unknown> } => {
  const data: Record<string, unknown> = {};
  return { data, get: async (k) => (k in data ? { [k]: structuredClone(data[k]) } : {}), set: async (items) => void Object.assign(data, structuredClone(items)) };
};
const TOKEN = '0f6c1b7e-5b0e-4a57-9d2b-3c4d5e6f7a8b';
const VIEW = 'chrome-extension://hearth/pose-view.html';

describe('pose grants', () => {
  it('lets the view in the tab the user asked for claim the token its content script offered, once', async () => {
    const grants = createPoseGrants(memoryStore());
    await grants.expect(4);
    await grants.offer(4, TOKEN);
    await expect(grants.claim(4, TOKEN)).resolves.toBeUndefined();
    await expect(grants.claim(4, TOKEN)).rejects.toMatchObject({ code: 'sender-refused' });
  });

  it('refuses a token nobody asked for, a wrong token, a token from another tab and an expired one', async () => {
    let now = 1_000;
    const grants = createPoseGrants(memoryStore(), () => now, 60_000);
    await expect(grants.offer(4, TOKEN)).rejects.toThrow(/not asked/);
    await grants.expect(4);
    await expect(grants.offer(4, 'short')).rejects.toThrow(/malformed/);
    await grants.offer(4, TOKEN);
    await expect(grants.offer(4, TOKEN)).rejects.toThrow(/not asked/); // one offer per request
    await expect(grants.claim(5, TOKEN)).rejects.toMatchObject({ code: 'sender-refused' });
    await expect(grants.claim(4, `${TOKEN.slice(0, -1)}c`)).rejects.toMatchObject({ code: 'sender-refused' });
    now += 60_001;
    await expect(grants.claim(4, TOKEN)).rejects.toMatchObject({ code: 'sender-refused' });
  });

  it('keeps grants in the store, so a worker that stopped and started again still honours them', async () => {
    const store = memoryStore();
    await createPoseGrants(store).expect(9);
    await createPoseGrants(store).offer(9, TOKEN);
    await expect(createPoseGrants(store).claim(9, TOKEN)).resolves.toBeUndefined();
  });

  it('takes offers only from a content script in a tab’s top frame, and claims only from the camera view in a tab', async () => {
    const grants = createPoseGrants(memoryStore());
    const h = poseGrantHandlers(grants, VIEW);
    await grants.expect(2);
    await expect(h['pose.grant']({ token: TOKEN }, { kind: 'pose-view', sender: { url: VIEW, tab: { id: 2 }, frameId: 0 } })).rejects.toMatchObject({ code: 'sender-refused' });
    await expect(h['pose.grant']({ token: TOKEN }, { kind: 'content-script', sender: { url: 'https://a.test/', tab: { id: 2 }, frameId: 3 } })).rejects.toMatchObject({ code: 'sender-refused' });
    await expect(h['pose.grant']({ token: TOKEN }, { kind: 'content-script', sender: { url: 'https://a.test/', tab: { id: 2 }, frameId: 0 } })).resolves.toEqual({ ok: true });
    await expect(h['pose.claim']({ token: TOKEN }, { kind: 'extension-page', sender: { url: 'chrome-extension://hearth/popup.html', tab: { id: 2 } } })).rejects.toMatchObject({ code: 'sender-refused' });
    await expect(h['pose.claim']({ token: TOKEN }, { kind: 'content-script', sender: { url: 'https://a.test/', tab: { id: 2 } } })).rejects.toMatchObject({ code: 'sender-refused' });
    await expect(h['pose.claim']({ token: TOKEN }, { kind: 'pose-view', sender: { url: VIEW, tab: { id: 2 }, frameId: 5 } })).resolves.toEqual({ ok: true });
    // The claiming frame is the tab's own view (the one that may close the overlay); no other frame or tab is.
    expect(await grants.isOwnView(2, 5)).toBe(true);
    expect(await grants.isOwnView(2, 6)).toBe(false);
    expect(await grants.isOwnView(3, 5)).toBe(false);
  });
});

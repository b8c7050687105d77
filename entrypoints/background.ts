import { registerCommandHandlers, sendCommand } from '@/lib/messaging/commands';
import { createOffscreenEnsurer, OFFSCREEN_PATH } from '@/lib/llm/worker/ensure-offscreen';
import { waitForHost } from '@/lib/llm/worker/wait-for-host';
import { createModelStore } from '@/lib/llm/model-store';
import { createSettingsStore } from '@/lib/llm/settings';
import { createHostConfig } from '@/lib/llm/worker/host-config';
import { correctedDevice } from '@/lib/llm/speed-estimate';
import { createHostEnsurer } from '@/lib/llm/worker/ensure-host';
import { registerPoseEntry, togglePoseIn } from '@/lib/pose/worker/register-pose';
import { createPoseGrants, poseGrantHandlers } from '@/lib/pose/worker/pose-grants';
import { poseCloseHandlers } from '@/lib/pose/worker/pose-close';
import { coachNotifyHandlers, createCoachNotifier } from '@/lib/pose/worker/coach-notify';
import { coachSessionHandlers } from '@/lib/pose/worker/coach-sessions';
import { createSessionStore } from '@/lib/pose/worker/session-store';
import { registerSummaryEntry } from '@/lib/summarize/worker/register-summary';
import { registerPdfLinkEntry } from '@/lib/pdf/worker/register-pdf-link';
import { registerWriteEntry } from '@/lib/write/worker/register-write';
import { registerTranslateEntry } from '@/lib/translate/worker/register-translate';
import { followUpHandlers } from '@/lib/ask/worker/follow-up-entry';
import { checkSummaryRecord } from '@/lib/summarize/follow-up-lead';
import { summaryRecordHandlers } from '@/lib/summarize/worker/record-summary';
import { createSummaryHistory } from '@/lib/summarize/history';
import { overlayPlaceHandlers } from '@/lib/pose/worker/overlay-place-entry';
import { createBrowserSession } from '@/lib/ask/browser-session';

// The service worker only wires: it keeps the offscreen model host alive and owns what it is told (settings, model).
export default defineBackground(() => {
  const runtime = browser.runtime;
  // Content scripts live in web pages' processes: storage.local (settings and system prompt, models, coach limits,
  // every past summary) is for Hearth's own pages and this worker only; content scripts ask the worker instead.
  void browser.storage.local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' }).catch((e: Error) => console.warn(`storage.local access level: ${e.message}`));
  // The id Ask stamps on what it reads, so a citation kept from an earlier browser session is refused (minted here
  // first, before a chat opens, so two chat views opening together find the same one).
  void createBrowserSession(browser.storage.session)().catch((e: Error) => console.warn(`browser session id: ${e.message}`));
  const models = createModelStore(browser.storage.local);
  const settings = createSettingsStore(browser.storage.local);
  const poseGrants = createPoseGrants(browser.storage.session);
  const ensureOffscreenDocument = createOffscreenEnsurer({
    createDocument: (params) => browser.offscreen.createDocument(params as Parameters<typeof browser.offscreen.createDocument>[0]),
    countDocuments: async (url) =>
      (await runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [runtime.getURL(url as '/offscreen.html')] })).length,
    waitUntilReady: () => waitForHost(runtime),
  });
  const ensureHost = createHostEnsurer(ensureOffscreenDocument, () => hostConfig.configureNewHost());
  const hostConfig = createHostConfig({
    models,
    settings,
    ensureHost,
    configure: (s) => sendCommand(runtime, 'host', 'host.configure', s),
    select: (model) => sendCommand(runtime, 'host', 'llm.select', { model }),
    // The kernel measurement, corrected by real answers once there are some (lib/llm/speed-estimate.ts).
    deviceSpeed: async () => correctedDevice(await sendCommand(runtime, 'host', 'llm.speeds', { measure: true })) ?? undefined,
  });

  registerCommandHandlers(
    'background',
    {
      // A new host knows nothing yet: it gets the user's settings and model (the offscreen page has no storage API).
      'host.ensure': ensureHost,
      'model.select': ({ model }) => hostConfig.selectModel(model),
      'settings.save': (next) => hostConfig.saveSettings(next),
      'pose.toggle': async ({ tabId }) => {
        await togglePoseIn(browser as never, tabId, poseGrants.expect);
        return { ok: true };
      },
      // The view's own address (its document has the extension's origin even when framed at its dynamic URL).
      ...poseGrantHandlers(poseGrants, `chrome-extension://${runtime.id}/pose-view.html`),
      ...poseCloseHandlers(browser as never, `chrome-extension://${runtime.id}/pose-view.html`, poseGrants.isOwnView),
      ...coachNotifyHandlers(
        createCoachNotifier({
          create: (id, options) => browser.notifications.create(id, options),
          allowed: () => browser.permissions.contains({ permissions: ['notifications'] }),
          settings: browser.storage.local,
          session: browser.storage.session,
          iconUrl: runtime.getURL('/icon/128.png'),
        }),
        `chrome-extension://${runtime.id}/pose-view.html`,
      ),
      ...coachSessionHandlers(createSessionStore(indexedDB), `chrome-extension://${runtime.id}/pose-view.html`),
      ...followUpHandlers(browser as never, { record: (id) => sendCommand(runtime, 'host', 'llm.record', { id }), checkSummary: checkSummaryRecord }),
      ...summaryRecordHandlers(createSummaryHistory(browser.storage.local as never)),
      ...overlayPlaceHandlers(browser.storage.local as never),
    },
    runtime,
  );

  // Pose overlay: a menu item and a shortcut inject it into the page on demand (activeTab).
  registerPoseEntry(browser as never, poseGrants.expect);
  // Summaries: menu items and shortcuts inject the panel into the page on demand (activeTab).
  registerSummaryEntry(browser as never);
  // "Summarize PDF" on PDF links: read in the side panel (a PDF tab goes there through the summary entry).
  registerPdfLinkEntry(browser as never);
  // Writing help: menu items in editable fields (and a shortcut the user may set) inject its panel on demand.
  registerWriteEntry(browser as never);
  // Translation: menu items and commands inject its panel into the page on demand (activeTab).
  registerTranslateEntry(browser as never);
});

import type { WriteAction } from '../messaging/protocol';
import { WRITE_LANGUAGES, WRITE_TONES } from '../messaging/protocol-values';

/**
 * Writing help's context-menu items (in editable fields only) and its shortcut command. Ids carry the action, so
 * the click handler needs no table: "hearth-write:rewrite:formal".
 */
export const WRITE_MENU_PREFIX = 'hearth-write';
export const WRITE_COMMAND = 'write-proofread';

export interface WriteMenuItem {
  id: string;
  title: string;
  parentId?: string;
}

const TONE_TITLES = { shorter: 'Shorter', clearer: 'Clearer', friendlier: 'Friendlier', formal: 'More formal' } as const;

/** Proofread; Rewrite ▸ shorter, clearer, friendlier, more formal; Translate to… ▸ languages. */
export function writeMenuItems(proofreadKey?: string): WriteMenuItem[] {
  const p = WRITE_MENU_PREFIX;
  return [
    { id: `${p}:proofread`, title: proofreadKey ? `Proofread (${proofreadKey})` : 'Proofread' },
    { id: `${p}:rewrite`, title: 'Rewrite' },
    ...WRITE_TONES.map((tone) => ({ id: `${p}:rewrite:${tone}`, title: TONE_TITLES[tone], parentId: `${p}:rewrite` })),
    { id: `${p}:translate`, title: 'Translate to…' },
    ...WRITE_LANGUAGES.map((language) => ({ id: `${p}:translate:${language}`, title: language, parentId: `${p}:translate` })),
  ];
}

/** The action a menu item asks for; null for another feature's item (or a submenu's own entry). */
export function actionOfMenuItem(id: string | number): WriteAction | null {
  const [prefix, kind, arg] = String(id).split(':');
  if (prefix !== WRITE_MENU_PREFIX) return null;
  if (kind === 'proofread' && arg === undefined) return { kind };
  const tone = WRITE_TONES.find((t) => t === arg);
  if (kind === 'rewrite' && tone) return { kind, tone };
  const language = WRITE_LANGUAGES.find((l) => l === arg);
  if (kind === 'translate' && language) return { kind, language };
  return null;
}

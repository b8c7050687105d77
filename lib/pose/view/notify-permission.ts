/** The slice of `browser.permissions` the posture watch uses. */
export interface PermissionsLike {
  request(p: { permissions: string[] }): Promise<boolean>;
}

/**
 * Ask for `notifications` (an optional permission) as the user turns the posture watch on. It must be called inside
 * the click or change that turned it on (Chrome asks only during a user gesture), before anything is awaited.
 * Resolves false when the user says no or Chrome refuses to ask.
 */
export function askForNotifications(permissions: PermissionsLike): Promise<boolean> {
  return permissions.request({ permissions: ['notifications'] }).catch(() => false);
}

/** What the posture watch says when it may not notify: it still watches, and shows a slouch in the panel. */
export const NOTIFICATIONS_REFUSED =
  'Notifications are not allowed for Hearth, so the posture watch shows a slouch only here. ' +
  'To be reminded while you work in other windows, turn the watch off and on again and choose Allow.';

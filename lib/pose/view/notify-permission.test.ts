import { describe, expect, it, vi } from 'vitest';
import { askForNotifications } from './notify-permission';

describe('asking for notifications as the posture watch is turned on', () => {
  it('asks Chrome for exactly the notifications permission, at once, and passes on the answer', async () => {
    const request = vi.fn(async () => true);
    const asked = askForNotifications({ request });
    expect(request).toHaveBeenCalledWith({ permissions: ['notifications'] }); // inside the gesture: nothing awaited first
    expect(await asked).toBe(true);
    expect(await askForNotifications({ request: async () => false })).toBe(false);
  });
  it('counts a request Chrome refuses to make (no user gesture) as a no', async () => {
    expect(await askForNotifications({ request: () => Promise.reject(new Error('This function must be called during a user gesture')) })).toBe(false);
  });
});

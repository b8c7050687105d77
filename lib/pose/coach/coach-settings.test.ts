import { expect, it } from 'vitest';
import { DEFAULT_COACH_SETTINGS, inQuietHours, normalizeCoachSettings } from './coach-settings';

const at = (h: number, m = 0) => new Date(2026, 10, 30, h, m);

it('knows quiet hours across midnight, within a day, and none when both ends are equal', () => {
  const overnight = { quietFrom: '22:00', quietTo: '07:00' };
  expect([at(21, 59), at(22), at(3), at(6, 59), at(7)].map((d) => inQuietHours(overnight, d))).toEqual([false, true, true, true, false]);
  const lunch = { quietFrom: '12:00', quietTo: '13:30' };
  expect([at(11, 59), at(12), at(13, 29), at(13, 30)].map((d) => inQuietHours(lunch, d))).toEqual([false, true, true, false]);
  expect(inQuietHours({ quietFrom: '09:00', quietTo: '09:00' }, at(9))).toBe(false);
});

it('replaces missing or malformed settings by the defaults', () => {
  expect(normalizeCoachSettings(undefined)).toEqual(DEFAULT_COACH_SETTINGS);
  expect(normalizeCoachSettings({ holdSeconds: 5, quietFrom: '25:00', quietTo: '06:30', minMinutesBetween: -1 })).toEqual({
    ...DEFAULT_COACH_SETTINGS,
    holdSeconds: 5,
    quietTo: '06:30',
  });
});

import { describe, expect, it } from 'vitest';
import { whyNotText, whyNotWritable } from './check-field';

const control = (over: Partial<{ tag: 'INPUT' | 'TEXTAREA'; type: string; readOnly: boolean; disabled: boolean }> = {}) =>
  ({ found: 'control' as const, tag: 'TEXTAREA' as const, type: 'textarea', readOnly: false, disabled: false, ...over });

describe('whyNotWritable', () => {
  it('accepts textareas, text inputs and rich editors', () => {
    expect(whyNotWritable(control())).toBeNull();
    expect(whyNotWritable(control({ tag: 'INPUT', type: 'text' }))).toBeNull();
    expect(whyNotWritable(control({ tag: 'INPUT', type: 'search' }))).toBeNull();
    expect(whyNotWritable({ found: 'rich' })).toBeNull();
  });

  it('refuses password, read-only, disabled and non-prose fields with a reason', () => {
    expect(whyNotWritable(control({ tag: 'INPUT', type: 'password' }))).toMatch(/password field/);
    expect(whyNotWritable(control({ readOnly: true }))).toMatch(/read-only/);
    expect(whyNotWritable(control({ disabled: true }))).toMatch(/disabled/);
    expect(whyNotWritable(control({ tag: 'INPUT', type: 'email' }))).toMatch(/\(email\)/);
    expect(whyNotWritable({ found: 'none' })).toMatch(/Click into a text field/);
    expect(whyNotWritable({ found: 'other-origin-frame' })).toMatch(/another site/);
  });
  it('refuses a password field even when it is also read-only', () => {
    expect(whyNotWritable(control({ tag: 'INPUT', type: 'password', readOnly: true }))).toMatch(/password/);
  });
});

describe('whyNotText', () => {
  it('refuses blank text and says what to do', () => {
    expect(whyNotText('  \n', true)).toMatch(/empty/);
    expect(whyNotText(' ', false)).toMatch(/blank space/);
    expect(whyNotText('fine', false)).toBeNull();
  });
});

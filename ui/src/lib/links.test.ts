// What the banks screen decides about a link: the consent's days (sent as a JSON number though typed
// bigint), the week's warning, and which links may be unlinked.
import { describe, expect, it } from 'vitest';
import { bankLink } from '../test/fixtures';
import { canUnlink, consentDays, consentEndsSoon } from './links';

describe('a bank link', () => {
  it('has its consent days as a number, or none', () => {
    expect(consentDays(bankLink('l1', { consentDaysLeft: 12 }))).toBe(12);
    expect(consentDays(bankLink('l1'))).toBeNull();
  });

  it('warns of consent ending in a week or less, not before', () => {
    expect(consentEndsSoon(8)).toBe(false);
    expect(consentEndsSoon(7)).toBe(true);
    expect(consentEndsSoon(0)).toBe(true);
    expect(consentEndsSoon(null)).toBe(false);
  });

  it('may be unlinked unless it is the demo bank or already unlinked', () => {
    expect(canUnlink(bankLink('l1', { state: 'failing' }))).toBe(true);
    expect(canUnlink(bankLink('l1', { demo: true }))).toBe(false);
    expect(canUnlink(bankLink('l1', { state: 'unlinked' }))).toBe(false);
  });
});

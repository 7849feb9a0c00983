// What the banks screen decides about a link: the consent's days (sent as a JSON number though typed
// bigint), the week's warning, which links may be unlinked, and how a link is renewed.
import { describe, expect, it } from 'vitest';
import { bankLink } from '../test/fixtures';
import { canUnlink, consentDays, consentEndsSoon, renewal } from './links';

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

  it('is renewed in the browser when an Enable Banking or Open Banking consent ended or ends within the week', () => {
    expect(renewal(bankLink('l1', { kind: 'enableBanking', state: 'needsRenewal' }))).toBe('browser');
    expect(renewal(bankLink('l1', { kind: 'openBanking', consentDaysLeft: 7 }))).toBe('browser');
    expect(renewal(bankLink('l1', { kind: 'enableBanking', consentDaysLeft: 0 }))).toBe('browser');
  });

  it('needs no renewal while its consent lasts more than a week, nor when it has no end', () => {
    expect(renewal(bankLink('l1', { kind: 'enableBanking', consentDaysLeft: 8 }))).toBeNull();
    expect(renewal(bankLink('l1', { kind: 'openBanking' }))).toBeNull();
    expect(renewal(bankLink('l1', { kind: 'openBanking', state: 'failing' }))).toBeNull();
  });

  it('is never renewed when it is the demo bank or already unlinked', () => {
    expect(renewal(bankLink('l1', { kind: 'openBanking', demo: true, state: 'needsRenewal' }))).toBeNull();
    expect(
      renewal(bankLink('l1', { kind: 'enableBanking', state: 'unlinked', consentDaysLeft: 1 })),
    ).toBeNull();
  });

  it('is renewed with a new setup token when it is a SimpleFIN link needing it', () => {
    expect(renewal(bankLink('l1', { state: 'needsRenewal' }))).toBe('newToken');
    expect(renewal(bankLink('l1'))).toBeNull();
  });
});

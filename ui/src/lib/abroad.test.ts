// How long a quote still holds, and what the form hands to the backend.
import { describe, expect, it } from 'vitest';
import { canPayAbroad, formatCountdown, quoteRequest, secondsLeft } from './abroad';
import { account } from '../test/fixtures';

describe('a quote’s countdown', () => {
  it('counts whole seconds up to the expiry and stops at zero', () => {
    const expires = '2026-11-20T10:02:00Z';
    expect(secondsLeft(expires, Date.parse('2026-11-20T10:00:00Z'))).toBe(120);
    expect(secondsLeft(expires, Date.parse('2026-11-20T10:01:59.200Z'))).toBe(1);
    expect(secondsLeft(expires, Date.parse('2026-11-20T10:02:00Z'))).toBe(0);
    expect(secondsLeft(expires, Date.parse('2026-11-20T10:05:00Z'))).toBe(0);
  });

  it('reads as minutes and seconds', () => {
    expect(formatCountdown(125)).toBe('2:05');
    expect(formatCountdown(59)).toBe('0:59');
    expect(formatCountdown(0)).toBe('0:00');
  });
});

describe('the form', () => {
  it('sends the country in capitals, the name and amount trimmed, and an empty note as none', () => {
    const request = quoteRequest({
      fromAccountId: 'a1',
      name: ' Anna Schmidt ',
      account: 'de89 3704 0044 0532 0130 00',
      bic: 'cobadeff',
      country: 'de ',
      currency: 'EUR',
      amount: ' 1,000 ',
      chargeBearer: 'borneByDebtor',
      note: '  ',
    });
    expect(request.recipient).toEqual({
      name: 'Anna Schmidt',
      account: 'de89 3704 0044 0532 0130 00',
      bic: 'cobadeff',
      country: 'DE',
    });
    expect(request.amount).toBe('1,000');
    expect(request.note).toBeNull();
  });

  it('offers only CNY and USD accounts', () => {
    expect(canPayAbroad(account())).toBe(true);
    expect(canPayAbroad(account({ currency: 'USD' }))).toBe(true);
    expect(canPayAbroad(account({ currency: 'JPY' }))).toBe(false);
  });
});

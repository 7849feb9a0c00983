// A bill line an offer took money off: the discount, the price before it and the offer, beside the amount
// charged; a line without an offer shows none.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen as view } from '@testing-library/svelte';
import { ipc } from '../test/ipcMock';
import { resetApp } from '../test/reset';
import { bill } from '../test/fixtures';

vi.mock('../lib/ipc', async (original) => ({ ...(await original<object>()), ...ipc }));
const { default: BillRow } = await import('./BillRow.svelte');

const discounted = () =>
  bill('t1', {
    merchant: '星巴克 Starbucks',
    amount: { amount: '-90.00', currency: 'CNY' },
    discount: {
      offerId: 'offer-starbucks-100-10',
      title: 'Starbucks: ¥10 off ¥100',
      discount: { amount: '10.00', currency: 'CNY' },
      fullPrice: { amount: '100.00', currency: 'CNY' },
      charged: { amount: '90.00', currency: 'CNY' },
    },
  });

describe('a bill line with an offer', () => {
  beforeEach(() => resetApp('en'));

  it('shows the discount and the price before it beside what was charged', () => {
    render(BillRow, { line: discounted() });
    expect(view.getByTestId('bill-amount').textContent).toContain('-¥90.00');
    expect(view.getByTestId('bill-discount').textContent).toBe(
      '¥10.00 off ¥100.00 · Starbucks: ¥10 off ¥100',
    );
  });

  it('says it in Chinese', () => {
    resetApp('zh-CN');
    render(BillRow, { line: discounted() });
    expect(view.getByTestId('bill-discount').textContent).toContain('原价 ¥100.00，优惠 ¥10.00');
  });

  it('shows no discount on a line without an offer', () => {
    render(BillRow, { line: bill('t2') });
    expect(view.queryByTestId('bill-discount')).toBeNull();
  });
});

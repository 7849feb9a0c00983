// Points and offers as the backend sends them, for the rewards components' tests.
import type { Offer, OfferQuote, PointsOverview } from '../lib/ipc/bindings';

export const pointsOverview = (patch: Partial<PointsOverview> = {}): PointsOverview => ({
  balance: 12345,
  earned: 15000,
  redeemed: 2655,
  pointsPerYuan: 100,
  minimumBillCredit: 100,
  billCreditAccountName: '信用卡 Credit card',
  vouchers: [
    {
      voucherId: 'voucher-starbucks-30',
      title: 'Starbucks ¥30 voucher',
      points: 3000,
      value: { amount: '30.00', currency: 'CNY' },
    },
  ],
  history: [
    {
      id: 'earn-1',
      at: '2026-11-19T04:00:00Z',
      points: 176,
      kind: 'earned',
      description: '星巴克 Starbucks',
    },
    {
      id: 'redeem-1',
      at: '2026-11-18T04:00:00Z',
      points: -500,
      kind: 'redeemed',
      description: '积分抵扣 Bill credit ¥5.00',
    },
  ],
  syncedAt: '2026-11-20T10:00:00Z',
  ...patch,
});

export const starbucksOffer = (patch: Partial<Offer> = {}): Offer => ({
  id: 'offer-starbucks-100-10',
  kind: 'merchant',
  title: 'Starbucks: ¥10 off ¥100',
  description: 'Spend ¥100 or more at Starbucks and get ¥10 off. Once a month.',
  merchantName: '星巴克 Starbucks',
  minimumSpend: { amount: '100.00', currency: 'CNY' },
  discount: { amount: '10.00', currency: 'CNY' },
  percent: null,
  cap: null,
  validFrom: '2026-10-21T10:00:00Z',
  validTo: '2027-05-19T10:00:00Z',
  perCustomerLimit: 1,
  monthly: true,
  usedByYou: 0,
  leftForYou: 1,
  budgetLeft: { amount: '50000.00', currency: 'CNY' },
  status: 'active',
  ...patch,
});

export const diningOffer = (patch: Partial<Offer> = {}): Offer => ({
  ...starbucksOffer(),
  id: 'offer-dining-5pct',
  kind: 'categoryCashback',
  title: '5% back on dining',
  description: '5% off dining, at most ¥20 a payment.',
  merchantName: null,
  minimumSpend: { amount: '10.00', currency: 'CNY' },
  discount: null,
  percent: '5',
  cap: { amount: '20.00', currency: 'CNY' },
  perCustomerLimit: 5,
  leftForYou: 5,
  ...patch,
});

export const starbucksQuote = (): OfferQuote => ({
  offer: {
    offerId: 'offer-starbucks-100-10',
    title: 'Starbucks: ¥10 off ¥100',
    discount: { amount: '10.00', currency: 'CNY' },
    fullPrice: null,
    charged: null,
  },
  amount: { amount: '100.00', currency: 'CNY' },
  toPay: { amount: '90.00', currency: 'CNY' },
  notApplied: [],
});

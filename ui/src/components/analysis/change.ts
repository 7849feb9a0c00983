// The change of a month's figure against an earlier month, exactly: amounts are decimal strings, so the
// difference is taken on BigInt minor units (never JS numbers), and the percent is rounded half away from
// zero to one decimal, as the backend rounds its own percents.
import type { MoneyDto } from '../../lib/ipc';

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/** "-12.5" at scale 2 → -1250n; null when the text is not a decimal. */
function toUnits(amount: string, scale: number): bigint | null {
  const match = DECIMAL.exec(amount.trim());
  if (!match) return null;
  const fraction = (match[3] ?? '').padEnd(scale, '0');
  const units = BigInt(match[2] + fraction);
  return match[1] === '-' ? -units : units;
}

const scaleOf = (amount: string) => amount.trim().split('.')[1]?.length ?? 0;

/** -1250n at scale 2 → "-12.50". */
function fromUnits(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = scale ? digits.slice(0, -scale) : digits;
  const fraction = scale ? `.${digits.slice(-scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

export type Change = {
  /** now − before, in the figures' currency. */
  amount: MoneyDto;
  /** Of `before`'s size, one decimal with its sign ("+12.3", "-4.0"); null when `before` is zero. */
  percent: string | null;
};

/** How `now` changed against `before`; null when the currencies differ or an amount is not a decimal. */
export function change(now: MoneyDto, before: MoneyDto): Change | null {
  if (now.currency !== before.currency) return null;
  const scale = Math.max(scaleOf(now.amount), scaleOf(before.amount));
  const a = toUnits(now.amount, scale);
  const b = toUnits(before.amount, scale);
  if (a === null || b === null) return null;
  const diff = a - b;
  const amount = { amount: fromUnits(diff, scale), currency: now.currency };
  if (b === 0n) return { amount, percent: null };
  // Tenths of a percent: diff / |b| × 1000, rounded half away from zero.
  const size = b < 0n ? -b : b;
  const magnitude = diff < 0n ? -diff : diff;
  const tenths = (magnitude * 2000n + size) / (2n * size);
  const sign = diff < 0n && tenths > 0n ? '-' : '+';
  return { amount, percent: `${sign}${fromUnits(tenths, 1)}` };
}

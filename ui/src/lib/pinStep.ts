// Where a payment's PIN entry starts, from the PIN's status: set one first, locked until a time, or ready.
import type { PinStatus } from './ipc';

export type PinStep = { name: 'setPin' } | { name: 'pin'; error: string | null; locked: boolean };

/** `lockedMessage` says until when the PIN is locked, in the user's language. */
export function pinStepOf(status: PinStatus, lockedMessage: (until: string) => string): PinStep {
  if (!status.isSet) return { name: 'setPin' };
  if (status.lockedUntil) return { name: 'pin', locked: true, error: lockedMessage(status.lockedUntil) };
  return { name: 'pin', error: null, locked: false };
}

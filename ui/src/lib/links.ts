// What the banks screen decides about a bank link, apart from how it is drawn: how many days its consent
// has left (and whether that is soon enough to warn), and whether it may be unlinked here.
import type { LinkDto } from './ipc';

/** Consent ending in this many days or fewer is shown as a warning. */
export const CONSENT_WARN_DAYS = 7;

/** The whole days left of the link's consent, or null when it has no end. */
export const consentDays = (link: LinkDto): number | null => link.consentDaysLeft;

export const consentEndsSoon = (days: number | null): boolean => days !== null && days <= CONSENT_WARN_DAYS;

/** The demo bank is started over, not unlinked; an unlinked one (bills kept) has nothing left to unlink. */
export const canUnlink = (link: LinkDto): boolean => !link.demo && link.state !== 'unlinked';

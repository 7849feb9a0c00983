// What the banks screen decides about a bank link, apart from how it is drawn: how many days its consent
// has left (and whether that is soon enough to warn), whether it may be unlinked here, and how it is renewed.
import type { LinkDto } from './ipc';

/** Consent ending in this many days or fewer is shown as a warning. */
export const CONSENT_WARN_DAYS = 7;

/** The whole days left of the link's consent, or null when it has no end. */
export const consentDays = (link: LinkDto): number | null => link.consentDaysLeft;

export const consentEndsSoon = (days: number | null): boolean => days !== null && days <= CONSENT_WARN_DAYS;

/** The demo bank is started over, not unlinked; an unlinked one (bills kept) has nothing left to unlink. */
export const canUnlink = (link: LinkDto): boolean => !link.demo && link.state !== 'unlinked';

/**
 * How a link's consent is renewed, when it needs to be: it needs to once the bank asked for it
 * (`needsRenewal`) or its consent ends within the week. An Open Banking or Enable Banking link consents
 * again in the browser (`renew_link`); a SimpleFIN link is linked again with a new setup token (renew_link
 * refuses it). The demo bank is started over, and an unlinked link has nothing left to renew: null.
 */
export function renewal(link: LinkDto): 'browser' | 'newToken' | null {
  if (link.demo || link.state === 'unlinked') return null;
  if (link.state !== 'needsRenewal' && !consentEndsSoon(consentDays(link))) return null;
  return link.kind === 'simplefin' ? 'newToken' : 'browser';
}

// The start-up mark: the window tells the backend, once, that its first screen has been painted (Home with
// the wallet in it, or the lock or passphrase screen that stands in for it), so how long a start takes is
// measured as a person sees it (scripts/measure-start.sh reads the backend's log line).
import { firstScreenShown as tellBackend } from './ipc';

let told = false;

/** Called by a screen when it is ready to be seen; only the first call of the window's life counts. */
export function firstScreenShown(screen: string): void {
  if (told) return;
  told = true;
  // The frame after next: by then the one that shows the screen has been painted.
  requestAnimationFrame(() => requestAnimationFrame(() => void tellBackend(screen).catch(() => {})));
}

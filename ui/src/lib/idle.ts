// The window's own idle timer for the auto-lock: the backend locks only when the next command arrives, so
// a window left open on the home screen would go on showing the balances. After the chosen minutes without
// the user touching it (pointer, keys, wheel, touch) the window locks itself. Kept apart from the
// components so a test can drive it with fake timers.

/** What counts as the user being there. */
export const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

const LISTENER_OPTIONS = { capture: true, passive: true } as const;

/** Activity is told to the backend at most this often (it locks on its own after the idle minutes). */
const TELL_ACTIVE_EVERY_MS = 60_000;

/**
 * Calls `onIdle` once, after `minutes` without activity on `target`; 0 (never) starts nothing. Activity only
 * notes the time (cheap for every pointer move); the timer then checks it, so a machine that slept past
 * the limit locks as soon as it wakes. `onActive` hears of activity at most once a minute, so the backend's
 * own idle lock does not fall on someone reading a screen without sending a command. Returns the stop.
 */
export function startIdleTimer(
  target: EventTarget,
  minutes: number,
  onIdle: () => void,
  onActive: () => void = () => {},
): () => void {
  if (!(minutes > 0)) return () => {};
  const limit = minutes * 60_000;
  let last = Date.now();
  let told = last;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const active = () => {
    last = Date.now();
    if (last - told >= TELL_ACTIVE_EVERY_MS) {
      told = last;
      onActive();
    }
  };
  const stop = () => {
    clearTimeout(timer);
    for (const type of ACTIVITY_EVENTS) target.removeEventListener(type, active, LISTENER_OPTIONS);
  };
  const check = () => {
    const left = last + limit - Date.now();
    if (left > 0) {
      timer = setTimeout(check, left);
      return;
    }
    stop();
    onIdle();
  };

  for (const type of ACTIVITY_EVENTS) target.addEventListener(type, active, LISTENER_OPTIONS);
  timer = setTimeout(check, limit);
  return stop;
}

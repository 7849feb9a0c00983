// The window's idle timer with fake timers: it fires after the chosen minutes without activity, any
// pointer, key, wheel or touch starts the wait again, 0 never fires, and a stopped timer stays quiet.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACTIVITY_EVENTS, startIdleTimer } from './idle';

const MINUTE = 60_000;

describe('the idle timer', () => {
  let target: EventTarget;
  beforeEach(() => {
    vi.useFakeTimers();
    target = new EventTarget();
  });
  afterEach(() => vi.useRealTimers());

  it('fires once after the chosen minutes without activity', () => {
    const onIdle = vi.fn();
    startIdleTimer(target, 5, onIdle);
    vi.advanceTimersByTime(5 * MINUTE - 1);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60 * MINUTE);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('waits the whole time again after each pointer move, key, wheel or touch', () => {
    for (const type of ACTIVITY_EVENTS) {
      const onIdle = vi.fn();
      const stop = startIdleTimer(target, 1, onIdle);
      vi.advanceTimersByTime(50_000);
      target.dispatchEvent(new Event(type));
      vi.advanceTimersByTime(50_000);
      expect(onIdle, type).not.toHaveBeenCalled();
      vi.advanceTimersByTime(10_000);
      expect(onIdle, type).toHaveBeenCalledTimes(1);
      stop();
    }
  });

  it('tells the backend the person is still there at most once a minute while they are active', () => {
    const onActive = vi.fn();
    startIdleTimer(target, 5, vi.fn(), onActive);
    target.dispatchEvent(new Event('pointermove'));
    expect(onActive, 'not within the first minute').not.toHaveBeenCalled();
    for (let second = 0; second < 150; second += 1) {
      vi.advanceTimersByTime(1_000);
      target.dispatchEvent(new Event('pointermove'));
    }
    expect(onActive).toHaveBeenCalledTimes(2);
  });

  it('never fires with 0 minutes', () => {
    const onIdle = vi.fn();
    startIdleTimer(target, 0, onIdle);
    vi.advanceTimersByTime(24 * 60 * MINUTE);
    expect(onIdle).not.toHaveBeenCalled();
  });

  it('stays quiet once stopped, and stops listening', () => {
    const onIdle = vi.fn();
    const remove = vi.spyOn(target, 'removeEventListener');
    const stop = startIdleTimer(target, 1, onIdle);
    stop();
    vi.advanceTimersByTime(10 * MINUTE);
    expect(onIdle).not.toHaveBeenCalled();
    expect(remove).toHaveBeenCalledTimes(ACTIVITY_EVENTS.length);
  });
});

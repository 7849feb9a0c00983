// The app lock through the real seam, against Tauri's own IPC mock: whichever command the backend refuses
// as `locked` (here the bills' page, after the backend locked itself when idle), the window turns into
// the lock screen, and unlocking brings back the screen that was showing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen as view, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { account, bill, lockStatus, overview } from '../../test/fixtures';
import { resetApp } from '../../test/reset';

const { default: App } = await import('../../App.svelte');

const lockedError = { code: 'locked', message: 'Purse is locked. Unlock it to go on.' };

describe('a command refused as locked', () => {
  let locked = false;
  const calls: string[] = [];

  beforeEach(() => {
    resetApp('en');
    locked = false;
    calls.length = 0;
    mockIPC(
      (cmd, args) => {
        calls.push(cmd);
        const answer: Record<string, () => unknown> = {
          lock_status: () => lockStatus({ locked }),
          unlock_app: () => {
            if ((args as { password: string | null }).password !== 'correct horse') {
              throw { code: 'wrongPassword', message: 'That is not the app password. Purse stays locked.' };
            }
            locked = false;
            return lockStatus();
          },
          window_listening: () => null,
          get_settings: () => ({ language: 'en' }),
          list_accounts: () => overview([account()]),
          list_categories: () => [],
          page_transactions: () => ({ items: [bill('t1')], nextCursor: null }),
        };
        if (cmd !== 'lock_status' && cmd !== 'unlock_app' && cmd !== 'window_listening' && locked) {
          throw lockedError;
        }
        return (answer[cmd] ?? (() => null))();
      },
      { shouldMockEvents: true },
    );
  });
  afterEach(async () => {
    cleanup();
    // The app stops listening to events once the listeners' promises settle: let them, then unmock.
    await new Promise((resolve) => setTimeout(resolve, 0));
    clearMocks();
  });

  it('brings up the lock screen, from whichever screen sent it, and unlocking goes back there', async () => {
    render(App);
    await waitFor(() => expect(view.getAllByTestId('account-card')).toHaveLength(1));

    // The backend locked itself after the idle minutes; the window learns it from the next command.
    locked = true;
    await fireEvent.click(view.getByTestId('nav-bills'));

    await waitFor(() => expect(view.getByTestId('lock-screen')).toBeTruthy());
    expect(calls).toContain('page_transactions');
    expect(view.queryByTestId('nav-bills')).toBeNull();
    expect(view.queryByTestId('bill-row')).toBeNull();

    await fireEvent.input(view.getByTestId('unlock-password'), { target: { value: 'correct horse' } });
    await fireEvent.click(view.getByTestId('unlock-submit'));
    await waitFor(() => expect(view.getAllByTestId('bill-row')).toHaveLength(1));
    expect(view.getByTestId('nav-bills').getAttribute('aria-current')).toBe('page');
  });
});

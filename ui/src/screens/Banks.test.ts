// The banks screen with the IPC mocked: each bank link as a card with its state in words and the bank's own
// words as plain text; SimpleFIN linked with a setup token (waiting, refused, linked); a link unlinked
// after asking whether its bills stay; a European bank linked through Enable Banking (app id, private key
// never shown, country, a searched bank, the consent page's address while waiting); a link's consent
// renewed in the browser (SimpleFIN: a new token); and the screen reached from the top bar.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen as view, waitFor, within } from '@testing-library/svelte';
import { get } from 'svelte/store';
import { emit, ipc } from '../test/ipcMock';
import { account, bankLink, overview } from '../test/fixtures';
import { resetApp } from '../test/reset';
import { screen } from '../lib/router';
import { locale } from '../lib/i18n';
import type { LinkDto } from '../lib/ipc/bindings';

vi.mock('../lib/ipc', async (original) => ({ ...(await original<object>()), ...ipc }));
const { default: Banks } = await import('./Banks.svelte');
const { default: App } = await import('../App.svelte');

const text = (element: HTMLElement) => element.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const cards = () => view.getAllByTestId('bank-link');
const card = (id: string) => cards().find((c) => c.dataset.linkId === id)!;
const part = (c: HTMLElement, testid: string) => text(within(c).getByTestId(testid));

const everyState = (): LinkDto[] => [
  bankLink('fine', { bankName: 'Chase', consentDaysLeft: 60 }),
  bankLink('attention', {
    bankName: 'Ally',
    state: 'attention',
    message: 'Ally: wait a while before the next sync',
    nextSyncAt: '2026-11-20T18:00:00Z',
  }),
  bankLink('renewal', {
    bankName: 'Nordea',
    kind: 'enableBanking',
    state: 'needsRenewal',
    consentDaysLeft: 5,
  }),
  bankLink('failing', { bankName: 'Wells', state: 'failing', message: 'Connection refused' }),
  bankLink('unlinked', { bankName: 'Old bank', state: 'unlinked', lastSyncedAt: null }),
  bankLink('demo', { bankName: 'Demo Bank', kind: 'openBanking', demo: true, accounts: 4 }),
];

beforeEach(() => {
  resetApp('en');
  ipc.listAccounts.mockResolvedValue(overview([account()]));
  ipc.getSettings.mockResolvedValue({ language: 'en' });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('the banks screen', () => {
  it('shows each link with its state in words, its kind, accounts and sync times', async () => {
    ipc.listLinks.mockResolvedValue(everyState());
    render(Banks);

    await waitFor(() => expect(cards()).toHaveLength(6));
    expect(cards().map((c) => part(c, 'bank-link-state'))).toEqual([
      'Fine',
      'Needs attention',
      'Needs signing in again',
      'Failing',
      'Unlinked, bills kept',
      'Fine',
    ]);
    expect(part(card('fine'), 'bank-link-name')).toBe('Chase');
    expect(part(card('fine'), 'bank-link-kind')).toBe('SimpleFIN');
    expect(part(card('renewal'), 'bank-link-kind')).toBe('Enable Banking');
    expect(part(card('demo'), 'bank-link-kind')).toBe('Open Banking');
    expect(part(card('demo'), 'bank-link-demo')).toBe('demo');
    expect(within(card('fine')).queryByTestId('bank-link-demo')).toBeNull();
    expect(part(card('demo'), 'bank-link-accounts')).toBe('Accounts: 4');
    expect(part(card('fine'), 'bank-link-synced')).toMatch(/^Last synced \d\d\/11\/2026/);
    expect(part(card('unlinked'), 'bank-link-synced')).toBe('Not synced yet');
    expect(part(card('attention'), 'bank-link-message')).toBe('Ally: wait a while before the next sync');
    expect(part(card('attention'), 'bank-link-next')).toMatch(/^Next sync allowed at \d\d\/11\/2026/);
    expect(within(card('fine')).queryByTestId('bank-link-next')).toBeNull();
  });

  it('says how many days of consent are left, as a warning at a week or less', async () => {
    ipc.listLinks.mockResolvedValue(everyState());
    render(Banks);

    await waitFor(() => expect(cards()).toHaveLength(6));
    const far = within(card('fine')).getByTestId('bank-link-consent');
    const soon = within(card('renewal')).getByTestId('bank-link-consent');
    expect(text(far)).toBe('Consent ends in 60 days');
    expect(text(soon)).toBe('Consent ends in 5 days');
    expect(far.classList.contains('warn')).toBe(false);
    expect(soon.classList.contains('warn')).toBe(true);
    expect(within(card('failing')).queryByTestId('bank-link-consent')).toBeNull();
  });

  it('shows a bank’s HTML-looking message literally, as text', async () => {
    const message = '<b>Sign in</b> at <a href="https://evil.example">here</a><img src=x onerror=alert(1)>';
    ipc.listLinks.mockResolvedValue([bankLink('l1', { state: 'attention', message })]);
    render(Banks);

    const shown = await view.findByTestId('bank-link-message');
    expect(shown.textContent).toBe(message);
    expect(shown.querySelector('b, a, img')).toBeNull();
  });

  it('offers Unlink only on a link that is neither the demo bank nor already unlinked', async () => {
    ipc.listLinks.mockResolvedValue(everyState());
    render(Banks);

    await waitFor(() => expect(cards()).toHaveLength(6));
    const unlinkable = cards().filter((c) => within(c).queryByTestId('bank-link-unlink'));
    expect(unlinkable.map((c) => c.dataset.linkId)).toEqual(['fine', 'attention', 'renewal', 'failing']);
  });

  it('says so when no bank is linked, and when the links cannot be read', async () => {
    ipc.listLinks.mockResolvedValueOnce([]);
    render(Banks);
    expect(text(await view.findByTestId('banks-empty'))).toBe('No bank is linked yet.');
    cleanup();

    ipc.listLinks.mockRejectedValueOnce({ code: 'storage', message: 'disk full' });
    render(Banks);
    await waitFor(() => expect(text(view.getByRole('alert'))).toContain('disk full'));
  });

  it('speaks Chinese when the UI does', async () => {
    locale.set('zh-CN');
    ipc.listLinks.mockResolvedValue(everyState());
    render(Banks);

    await waitFor(() => expect(cards()).toHaveLength(6));
    expect(part(card('renewal'), 'bank-link-state')).toBe('需要重新登录');
    expect(part(card('unlinked'), 'bank-link-state')).toBe('已断开，账单已保留');
    expect(part(card('renewal'), 'bank-link-consent')).toBe('授权将在 5 天后到期');
    expect(text(view.getByTestId('link-simplefin'))).toBe('连接 SimpleFIN');
  });

  it('is reached from the top bar', async () => {
    ipc.listLinks.mockResolvedValue([bankLink('l1')]);
    render(App);

    await fireEvent.click(await view.findByTestId('nav-banks'));

    expect(get(screen)).toEqual({ name: 'banks' });
    expect(view.getByTestId('nav-banks').getAttribute('aria-current')).toBe('page');
    await waitFor(() => expect(cards()).toHaveLength(1));
  });
});

describe('linking SimpleFIN', () => {
  beforeEach(() => ipc.listLinks.mockResolvedValue([]));

  async function openSheet() {
    render(Banks);
    await view.findByTestId('banks-empty');
    await fireEvent.click(view.getByTestId('link-simplefin'));
    return view.getByTestId('simplefin-sheet');
  }

  it('asks for the token in a password field and names the Bridge’s address as text', async () => {
    const sheet = await openSheet();

    const field = within(sheet).getByLabelText('Setup token') as HTMLInputElement;
    expect(field.type).toBe('password');
    expect(text(within(sheet).getByTestId('simplefin-bridge-url'))).toBe(
      'https://bridge.simplefin.org/simplefin/create',
    );
    expect(sheet.querySelector('a')).toBeNull();
    expect((within(sheet).getByTestId('simplefin-submit') as HTMLButtonElement).disabled).toBe(true);
  });

  it('links with the pasted token, says it is waiting, then closes the sheet and shows the new bank', async () => {
    let answer: (link: LinkDto) => void = () => {};
    ipc.linkSimplefin.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    const sheet = await openSheet();

    await fireEvent.input(within(sheet).getByTestId('simplefin-token'), {
      target: { value: ' aHR0cHM6Ly9icmlkZ2U= ' },
    });
    await fireEvent.click(within(sheet).getByTestId('simplefin-submit'));

    expect(ipc.linkSimplefin).toHaveBeenCalledWith('aHR0cHM6Ly9icmlkZ2U=');
    expect(text(view.getByTestId('simplefin-linking'))).toContain('Linking');
    expect((view.getByTestId('simplefin-sheet-close') as HTMLButtonElement).disabled).toBe(true);

    ipc.listLinks.mockResolvedValue([bankLink('l1', { bankName: 'Chase' })]);
    answer(bankLink('l1', { bankName: 'Chase' }));

    await waitFor(() => expect(view.queryByTestId('simplefin-sheet')).toBeNull());
    await waitFor(() => expect(cards()).toHaveLength(1));
    expect(text(view.getByTestId('banks-done'))).toBe('Chase is linked.');
    expect(ipc.listLinks).toHaveBeenCalledTimes(2);
    expect(document.body.textContent).not.toContain('aHR0cHM6Ly9icmlkZ2U=');
  });

  it('shows why a token was refused and keeps the sheet open', async () => {
    ipc.linkSimplefin.mockRejectedValue({
      code: 'invalidInput',
      message: 'That setup token was already used.',
    });
    const sheet = await openSheet();

    await fireEvent.input(within(sheet).getByTestId('simplefin-token'), { target: { value: 'used' } });
    await fireEvent.click(within(sheet).getByTestId('simplefin-submit'));

    await waitFor(() =>
      expect(text(view.getByTestId('simplefin-error'))).toContain('That setup token was already used.'),
    );
    expect(view.getByTestId('simplefin-sheet')).toBeTruthy();
    expect((view.getByTestId('simplefin-submit') as HTMLButtonElement).disabled).toBe(false);
    expect(ipc.listLinks).toHaveBeenCalledTimes(1);
  });

  it('closes with Escape without linking', async () => {
    await openSheet();

    await fireEvent.keyDown(window, { key: 'Escape' });

    expect(view.queryByTestId('simplefin-sheet')).toBeNull();
    expect(ipc.linkSimplefin).not.toHaveBeenCalled();
  });
});

describe('signing in at a bank in the browser', () => {
  beforeEach(() => ipc.listLinks.mockResolvedValue([]));

  async function openSheet() {
    render(Banks);
    await view.findByTestId('banks-empty');
    await fireEvent.click(view.getByTestId('sign-in-at-bank'));
    return view.getByTestId('bank-sign-in-sheet');
  }

  it('says it waits for the bank and shows the page’s address as text, then shows the new link', async () => {
    let answer: (link: LinkDto) => void = () => {};
    ipc.linkBankInBrowser.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    const sheet = await openSheet();

    await fireEvent.click(within(sheet).getByTestId('bank-sign-in-start'));
    expect(ipc.linkBankInBrowser).toHaveBeenCalledTimes(1);
    expect(text(view.getByTestId('bank-sign-in-waiting'))).toContain('Waiting for the bank');
    emit.bankPage('http://127.0.0.1:8080/oauth2/authorize?client_id=purse');
    await waitFor(() =>
      expect(text(view.getByTestId('bank-page-url'))).toBe(
        'http://127.0.0.1:8080/oauth2/authorize?client_id=purse',
      ),
    );
    expect(sheet.querySelector('a')).toBeNull();

    ipc.listLinks.mockResolvedValue([
      bankLink('l1', { bankName: 'Purse Sandbox Bank', kind: 'openBanking' }),
    ]);
    answer(bankLink('l1', { bankName: 'Purse Sandbox Bank', kind: 'openBanking' }));

    await waitFor(() => expect(view.queryByTestId('bank-sign-in-sheet')).toBeNull());
    await waitFor(() => expect(cards()).toHaveLength(1));
  });

  it('shows the bank’s refusal and lets the person try again', async () => {
    ipc.linkBankInBrowser.mockRejectedValue({
      code: 'bankError',
      message: 'the bank answered access_denied',
    });
    const sheet = await openSheet();

    await fireEvent.click(within(sheet).getByTestId('bank-sign-in-start'));

    await waitFor(() =>
      expect(text(view.getByTestId('bank-sign-in-error'))).toContain('the bank answered access_denied'),
    );
    expect((view.getByTestId('bank-sign-in-start') as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('unlinking a bank', () => {
  beforeEach(() => ipc.listLinks.mockResolvedValue([bankLink('l1', { bankName: 'Chase' })]));

  async function askToUnlink() {
    render(Banks);
    await fireEvent.click(await view.findByTestId('bank-link-unlink'));
    return view.getByTestId('unlink-sheet');
  }

  it('asks whether to keep the bills, and keeps them when that is chosen', async () => {
    ipc.unlink.mockResolvedValue(null);
    const sheet = await askToUnlink();
    expect(text(within(sheet).getByRole('heading'))).toBe('Unlink Chase?');
    expect(text(within(sheet).getByTestId('unlink-keep'))).toBe('Keep the accounts and bills');
    expect(text(within(sheet).getByTestId('unlink-delete'))).toBe('Delete them too');

    ipc.listLinks.mockResolvedValue([bankLink('l1', { bankName: 'Chase', state: 'unlinked' })]);
    await fireEvent.click(within(sheet).getByTestId('unlink-keep'));

    expect(ipc.unlink).toHaveBeenCalledWith('l1', true);
    await waitFor(() => expect(view.queryByTestId('unlink-sheet')).toBeNull());
    await waitFor(() => expect(part(cards()[0], 'bank-link-state')).toBe('Unlinked, bills kept'));
    expect(text(view.getByTestId('banks-done'))).toBe('Chase is unlinked.');
  });

  it('deletes the bills too when that is chosen', async () => {
    ipc.unlink.mockResolvedValue(null);
    const sheet = await askToUnlink();

    ipc.listLinks.mockResolvedValue([]);
    await fireEvent.click(within(sheet).getByTestId('unlink-delete'));

    expect(ipc.unlink).toHaveBeenCalledWith('l1', false);
    await waitFor(() => expect(view.getByTestId('banks-empty')).toBeTruthy());
  });

  it('changes nothing when cancelled, or closed with Escape', async () => {
    await askToUnlink();
    await fireEvent.click(view.getByTestId('unlink-cancel'));
    expect(view.queryByTestId('unlink-sheet')).toBeNull();

    await fireEvent.click(view.getByTestId('bank-link-unlink'));
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(view.queryByTestId('unlink-sheet')).toBeNull();
    expect(ipc.unlink).not.toHaveBeenCalled();
  });

  it('shows a refusal and keeps the question open', async () => {
    ipc.unlink.mockRejectedValue({ code: 'storage', message: 'disk full' });
    const sheet = await askToUnlink();

    await fireEvent.click(within(sheet).getByTestId('unlink-keep'));

    await waitFor(() => expect(text(view.getByTestId('unlink-error'))).toContain('disk full'));
    expect(view.getByTestId('unlink-sheet')).toBeTruthy();
  });
});

describe('linking a European bank through Enable Banking', () => {
  const KEY_BODY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC';
  const KEY = `-----BEGIN PRIVATE KEY-----\n${KEY_BODY}\n-----END PRIVATE KEY-----\n`;
  const banks = [
    { name: 'Nordea', country: 'FI', logo: null, maximumConsentDays: 180, beta: false },
    { name: 'Mock ASPSP', country: 'FI', logo: null, maximumConsentDays: 90, beta: true },
  ];

  beforeEach(() => ipc.listLinks.mockResolvedValue([]));

  async function openSheet() {
    render(Banks);
    await view.findByTestId('banks-empty');
    await fireEvent.click(view.getByTestId('link-european-bank'));
    return view.getByTestId('eu-bank-sheet');
  }

  /** The key chosen as a .pem file, read by the sheet's FileReader. */
  async function chooseKeyFile(sheet: HTMLElement) {
    const input = within(sheet).getByTestId('eu-bank-key-file') as HTMLInputElement;
    Object.defineProperty(input, 'files', {
      value: [new File([KEY], 'app.pem', { type: 'application/x-pem-file' })],
      configurable: true,
    });
    await fireEvent.change(input);
    await waitFor(() => expect(within(sheet).getByTestId('eu-bank-key-loaded')).toBeTruthy());
  }

  async function fillAndSearch(sheet: HTMLElement, search = 'ASPSP') {
    await fireEvent.input(within(sheet).getByTestId('eu-bank-app-id'), { target: { value: ' app-123 ' } });
    await chooseKeyFile(sheet);
    await fireEvent.change(within(sheet).getByTestId('eu-bank-country'), { target: { value: 'FI' } });
    await fireEvent.input(within(sheet).getByTestId('eu-bank-search'), { target: { value: search } });
    await fireEvent.click(within(sheet).getByTestId('eu-bank-search-button'));
  }

  /** The radio of the index-th bank listed. */
  const bankRadio = async (sheet: HTMLElement, index: number) =>
    within((await within(sheet).findAllByTestId('eu-bank-option'))[index]).getByRole('radio');
  const searchButton = () => view.getByTestId('eu-bank-search-button') as HTMLButtonElement;
  const linkButton = () => view.getByTestId('eu-bank-link') as HTMLButtonElement;

  it('names the redirect address to register as text, and searches only once app id, key and country are filled', async () => {
    const sheet = await openSheet();

    expect(text(within(sheet).getByTestId('eu-bank-redirect'))).toBe(
      'http://127.0.0.1:8765/purse/enable-banking',
    );
    expect(sheet.querySelector('a')).toBeNull();
    expect(searchButton().disabled).toBe(true);
    expect(linkButton().disabled).toBe(true);
    await fireEvent.input(within(sheet).getByTestId('eu-bank-app-id'), { target: { value: 'app-123' } });
    await fireEvent.input(within(sheet).getByTestId('eu-bank-search'), { target: { value: 'Nor' } });
    expect(searchButton().disabled).toBe(true);
    expect(ipc.enableBankingBanks).not.toHaveBeenCalled();
  });

  it('searches the banks of a country with the app id and key, and lists them with beta and their longest consent', async () => {
    ipc.enableBankingBanks.mockResolvedValue(banks);
    const sheet = await openSheet();

    await fillAndSearch(sheet);

    expect(ipc.enableBankingBanks).toHaveBeenCalledTimes(1);
    expect(ipc.enableBankingBanks).toHaveBeenCalledWith('app-123', KEY.trim(), 'FI', 'ASPSP');
    const options = await within(sheet).findAllByTestId('eu-bank-option');
    expect(options.map((o) => part(o, 'eu-bank-name'))).toEqual(['Nordea', 'Mock ASPSP']);
    expect(options.map((o) => part(o, 'eu-bank-days'))).toEqual([
      'Consent up to 180 days',
      'Consent up to 90 days',
    ]);
    expect(within(options[0]).queryByTestId('eu-bank-beta')).toBeNull();
    expect(part(options[1], 'eu-bank-beta')).toBe('beta');
  });

  it('links the chosen bank and shows the bank page’s address while waiting, then closes and shows the new link', async () => {
    ipc.enableBankingBanks.mockResolvedValue(banks);
    let answer: (link: LinkDto) => void = () => {};
    ipc.linkEuropeanBank.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    const sheet = await openSheet();
    await fillAndSearch(sheet);

    await fireEvent.click(await bankRadio(sheet, 1));
    await fireEvent.click(linkButton());

    expect(ipc.linkEuropeanBank).toHaveBeenCalledWith('app-123', KEY.trim(), 'Mock ASPSP', 'FI');
    expect(text(view.getByTestId('eu-bank-waiting'))).toContain('Waiting for the bank');
    emit.bankPage('https://tilisy.enablebanking.com/welcome?sessionid=abc');
    await waitFor(() =>
      expect(text(view.getByTestId('bank-page-url'))).toBe(
        'https://tilisy.enablebanking.com/welcome?sessionid=abc',
      ),
    );
    expect(sheet.querySelector('a')).toBeNull();

    const mock = bankLink('eb1', { bankName: 'Mock ASPSP', kind: 'enableBanking', consentDaysLeft: 90 });
    ipc.listLinks.mockResolvedValue([mock]);
    answer(mock);

    await waitFor(() => expect(view.queryByTestId('eu-bank-sheet')).toBeNull());
    await waitFor(() => expect(cards()).toHaveLength(1));
    expect(text(view.getByTestId('banks-done'))).toBe('Mock ASPSP is linked.');
  });

  it('keeps the sheet with the backend’s error on a refusal', async () => {
    ipc.enableBankingBanks.mockResolvedValue(banks);
    ipc.linkEuropeanBank.mockRejectedValue({
      code: 'bankError',
      message: 'Enable Banking refused the redirect URL',
    });
    const sheet = await openSheet();
    await fillAndSearch(sheet);

    await fireEvent.click(await bankRadio(sheet, 0));
    await fireEvent.click(linkButton());

    await waitFor(() =>
      expect(text(view.getByTestId('eu-bank-error'))).toContain('Enable Banking refused the redirect URL'),
    );
    expect(view.getByTestId('eu-bank-sheet')).toBeTruthy();
    expect(view.getByTestId('eu-bank-key-loaded')).toBeTruthy();
    expect(linkButton().disabled).toBe(false);
    expect(ipc.listLinks).toHaveBeenCalledTimes(1);
  });

  it('shows why the banks could not be listed', async () => {
    ipc.enableBankingBanks.mockRejectedValue({ code: 'invalidInput', message: 'the key does not sign' });
    const sheet = await openSheet();

    await fillAndSearch(sheet);

    await waitFor(() => expect(text(view.getByTestId('eu-bank-error'))).toContain('the key does not sign'));
    expect(within(sheet).queryByTestId('eu-bank-list')).toBeNull();
  });

  it('never renders the key, pasted or read from its file, and forgets it after linking', async () => {
    ipc.enableBankingBanks.mockResolvedValue(banks);
    ipc.linkEuropeanBank.mockResolvedValue(bankLink('eb1', { bankName: 'Nordea', kind: 'enableBanking' }));
    const sheet = await openSheet();
    const shown = () =>
      [
        document.body.textContent ?? '',
        ...[...document.querySelectorAll('input, textarea')].map((f) => (f as HTMLInputElement).value),
      ].join('\n');

    const paste = within(sheet).getByTestId('eu-bank-key-paste') as HTMLTextAreaElement;
    await fireEvent.input(paste, { target: { value: KEY } });
    expect(text(within(sheet).getByTestId('eu-bank-key-loaded'))).toBe(
      'A private key is loaded (not shown).',
    );
    expect(within(sheet).queryByTestId('eu-bank-key-paste')).toBeNull();
    expect(shown()).not.toContain(KEY_BODY);

    await fireEvent.click(within(sheet).getByTestId('eu-bank-key-forget'));
    await chooseKeyFile(sheet);
    expect(shown()).not.toContain(KEY_BODY);

    await fireEvent.input(within(sheet).getByTestId('eu-bank-app-id'), { target: { value: 'app-123' } });
    await fireEvent.change(within(sheet).getByTestId('eu-bank-country'), { target: { value: 'FI' } });
    await fireEvent.click(searchButton());
    await fireEvent.click(await bankRadio(sheet, 0));
    await fireEvent.click(linkButton());
    await waitFor(() => expect(view.queryByTestId('eu-bank-sheet')).toBeNull());

    await fireEvent.click(view.getByTestId('link-european-bank'));
    expect(view.queryByTestId('eu-bank-key-loaded')).toBeNull();
    expect(shown()).not.toContain(KEY_BODY);
  });

  it('refuses a file that is not a PEM private key', async () => {
    const sheet = await openSheet();
    const input = within(sheet).getByTestId('eu-bank-key-file') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['hello'], 'note.pem')], configurable: true });

    await fireEvent.change(input);

    await waitFor(() => expect(text(view.getByTestId('eu-bank-error'))).toContain('not a PEM private key'));
    expect(within(sheet).queryByTestId('eu-bank-key-loaded')).toBeNull();
  });

  it('names the countries in the UI’s language, and closes with Escape', async () => {
    locale.set('zh-CN');
    const sheet = await openSheet();

    const names = [...within(sheet).getByTestId('eu-bank-country').querySelectorAll('option')].map((o) =>
      text(o),
    );
    expect(names).toContain('芬兰 (FI)');
    expect(names).toContain('英国 (GB)');
    expect(names).toHaveLength(32);
    expect(text(view.getByTestId('link-european-bank'))).toBe('连接欧洲银行');

    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(view.queryByTestId('eu-bank-sheet')).toBeNull();
  });
});

describe('renewing a link', () => {
  const renewable = (): LinkDto[] => [
    ...everyState(),
    bankLink('ob-soon', { bankName: 'Monzo', kind: 'openBanking', consentDaysLeft: 3 }),
    bankLink('eb-far', { bankName: 'OP', kind: 'enableBanking', consentDaysLeft: 60 }),
    bankLink('demo-old', { bankName: 'Demo', kind: 'openBanking', demo: true, state: 'needsRenewal' }),
    bankLink('eb-gone', { bankName: 'Gone', kind: 'enableBanking', state: 'unlinked', consentDaysLeft: 2 }),
    bankLink('sf-old', { bankName: 'Chase', state: 'needsRenewal' }),
  ];

  it('offers Renew consent only on an Enable Banking or Open Banking link that needs it, or ends within a week', async () => {
    ipc.listLinks.mockResolvedValue(renewable());
    render(Banks);

    await waitFor(() => expect(cards()).toHaveLength(11));
    const offered = cards().filter((c) => within(c).queryByTestId('bank-link-renew'));
    expect(offered.map((c) => c.dataset.linkId)).toEqual(['renewal', 'ob-soon']);
    expect(part(offered[0], 'bank-link-renew')).toBe('Renew consent');
  });

  it('calls renewLink, shows the bank page’s address while waiting, then reads the links again', async () => {
    ipc.listLinks.mockResolvedValue(renewable());
    let answer: (link: LinkDto) => void = () => {};
    ipc.renewLink.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    render(Banks);

    await fireEvent.click(await within(await waitFor(() => card('renewal'))).findByTestId('bank-link-renew'));

    expect(ipc.renewLink).toHaveBeenCalledWith('renewal');
    const sheet = view.getByTestId('renew-sheet');
    expect(text(within(sheet).getByRole('heading'))).toBe('Renew consent at Nordea');
    expect(text(within(sheet).getByTestId('renew-waiting'))).toContain('Waiting for the bank');
    emit.bankPage('https://tilisy.enablebanking.com/welcome?sessionid=xyz');
    await waitFor(() =>
      expect(text(within(sheet).getByTestId('bank-page-url'))).toBe(
        'https://tilisy.enablebanking.com/welcome?sessionid=xyz',
      ),
    );

    const fresh = bankLink('renewal', { bankName: 'Nordea', kind: 'enableBanking', consentDaysLeft: 180 });
    ipc.listLinks.mockResolvedValue([fresh]);
    answer(fresh);

    await waitFor(() => expect(view.queryByTestId('renew-sheet')).toBeNull());
    await waitFor(() => expect(cards()).toHaveLength(1));
    expect(text(view.getByTestId('banks-done'))).toBe('The consent at Nordea is renewed.');
    expect(within(card('renewal')).queryByTestId('bank-link-renew')).toBeNull();
  });

  it('shows why a renewal was refused and lets the person try again', async () => {
    ipc.listLinks.mockResolvedValue(renewable());
    ipc.renewLink.mockRejectedValueOnce({ code: 'bankError', message: 'the bank answered access_denied' });
    render(Banks);

    await fireEvent.click(await within(await waitFor(() => card('ob-soon'))).findByTestId('bank-link-renew'));

    await waitFor(() =>
      expect(text(view.getByTestId('renew-error'))).toContain('the bank answered access_denied'),
    );
    ipc.renewLink.mockReturnValue(new Promise(() => {}));
    await fireEvent.click(view.getByTestId('renew-again'));
    expect(ipc.renewLink).toHaveBeenCalledTimes(2);
    expect(ipc.renewLink).toHaveBeenLastCalledWith('ob-soon');
    expect(view.queryByTestId('renew-error')).toBeNull();
  });

  it('says a SimpleFIN link needing renewal is linked again with a new token, and opens that sheet', async () => {
    ipc.listLinks.mockResolvedValue(renewable());
    render(Banks);

    const simplefin = await waitFor(() => card('sf-old'));
    expect(part(simplefin, 'bank-link-renew-simplefin')).toBe(
      'To renew a SimpleFIN link, link SimpleFIN again with a new setup token.',
    );
    expect(within(simplefin).queryByTestId('bank-link-renew')).toBeNull();
    expect(cards().filter((c) => within(c).queryByTestId('bank-link-renew-simplefin'))).toHaveLength(1);

    await fireEvent.click(within(simplefin).getByTestId('bank-link-relink-simplefin'));

    expect(view.getByTestId('simplefin-sheet')).toBeTruthy();
    expect(ipc.renewLink).not.toHaveBeenCalled();
  });
});

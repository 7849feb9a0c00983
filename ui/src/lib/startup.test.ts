// The start-up mark is told once, after the screen has been painted.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ipc } from '../test/ipcMock';

vi.mock('./ipc', async (original) => ({ ...(await original<object>()), ...ipc }));

describe('the first screen mark', () => {
  beforeEach(() => vi.resetModules());

  it('tells the backend once, after a paint, however many screens show the wallet', async () => {
    const { firstScreenShown } = await import('./startup');
    firstScreenShown('home');
    firstScreenShown('bills');
    expect(ipc.firstScreenShown).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(ipc.firstScreenShown).toHaveBeenCalledTimes(1));
    expect(ipc.firstScreenShown).toHaveBeenCalledWith('home');
  });
});

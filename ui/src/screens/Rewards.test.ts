// The Points & offers screen: reachable from the navigation, it shows the points and the offers the last
// sync found, in English and Chinese.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen as view, waitFor } from '@testing-library/svelte';
import { ipc } from '../test/ipcMock';
import { resetApp } from '../test/reset';
import { pointsOverview, starbucksOffer } from '../test/rewardsFixtures';

vi.mock('../lib/ipc', async (original) => ({ ...(await original<object>()), ...ipc }));
const { default: Rewards } = await import('./Rewards.svelte');

describe('the Points & offers screen', () => {
  beforeEach(() => {
    ipc.pointsOverview.mockResolvedValue(pointsOverview());
    ipc.listOffers.mockResolvedValue([starbucksOffer()]);
  });

  it('shows the points, the redeem form and the offers', async () => {
    resetApp('en');
    ipc.pointsOverview.mockResolvedValue(pointsOverview());
    ipc.listOffers.mockResolvedValue([starbucksOffer()]);
    render(Rewards);
    await waitFor(() => expect(view.getByTestId('points-balance').textContent).toBe('12,345'));
    expect(view.getByTestId('redeem-form')).toBeTruthy();
    expect(view.getAllByTestId('offer')).toHaveLength(1);
  });

  it('is titled in Chinese', async () => {
    resetApp('zh-CN');
    ipc.pointsOverview.mockResolvedValue(pointsOverview());
    ipc.listOffers.mockResolvedValue([]);
    render(Rewards);
    await waitFor(() => expect(view.getByText('积分与优惠')).toBeTruthy());
    expect(view.getByTestId('offers-empty').textContent).toContain('暂无优惠');
  });

  it('says so when the wallet cannot read them', async () => {
    resetApp('en');
    ipc.pointsOverview.mockRejectedValue({ code: 'storage', message: 'The wallet file could not be read.' });
    ipc.listOffers.mockResolvedValue([]);
    render(Rewards);
    await waitFor(() => expect(view.getByTestId('rewards-error').textContent).toContain('could not be read'));
  });
});

// The chart component: draws the backend's option with ECharts, and turns a click (ECharts' own, or the
// `chart-click` DOM event end-to-end tests use) into a category and a month; disposes ECharts when it goes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, waitFor } from '@testing-library/svelte';
import Chart from './Chart.svelte';
import { clickTarget, type ClickParams } from './analysis/chart-click';
import { echarts } from './analysis/echarts';
import donut from '../test/charts/category-donut.json';
import bars from '../test/charts/spending-bars.json';
import cashFlow from '../test/charts/cash-flow.json';
import { fakeChartLayout } from '../test/chartDom';

async function draw(option: Record<string, unknown>) {
  const onselect = vi.fn();
  const view = render(Chart, { option, onselect, label: 'a chart', testid: 'the-chart' });
  const box = view.getByTestId('the-chart') as HTMLDivElement;
  // ECharts is loaded on first use.
  await waitFor(() => expect(box.dataset.ready).toBe('true'));
  const instance = echarts.getInstanceByDom(box);
  if (!instance) throw new Error('no ECharts instance on the chart box');
  return { ...view, box, instance, onselect };
}

/** ECharts' own click event, as it reaches the handlers Chart.svelte registered with `on('click')`. */
function click(instance: echarts.ECharts, params: ClickParams) {
  instance.trigger('click', params as unknown as echarts.ECElementEvent);
}

describe('the chart', () => {
  beforeEach(() => fakeChartLayout());
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it('draws the option it is given as SVG', async () => {
    const { box, instance } = await draw(donut);
    expect(box.querySelector('svg')).not.toBeNull();
    const series = instance.getOption().series as Array<{ type: string; data: unknown[] }>;
    expect(series[0].type).toBe('pie');
    expect(series[0].data).toHaveLength(3);
  });

  it('gives the category id of a clicked donut slice', async () => {
    const { instance, onselect } = await draw(donut);
    click(instance, {
      componentType: 'series',
      seriesType: 'pie',
      name: 'Food & drink',
      data: donut.series[0].data[0],
    });
    expect(onselect).toHaveBeenCalledWith({ categoryId: 'food' });
  });

  it('gives the category and the month of a clicked bar', async () => {
    const { instance, onselect } = await draw(bars);
    click(instance, {
      componentType: 'series',
      seriesType: 'bar',
      seriesId: 'shopping',
      name: '2026-10',
      data: '2450.00',
    });
    expect(onselect).toHaveBeenCalledWith({ categoryId: 'shopping', month: '2026-10' });
  });

  it('ignores clicks on what points at no bills: a cash-flow line, the legend', async () => {
    const { instance, onselect } = await draw(cashFlow);
    click(instance, {
      componentType: 'series',
      seriesType: 'line',
      seriesId: 'income',
      name: '2026-10',
    });
    click(instance, { componentType: 'legend', name: 'Income' });
    expect(onselect).not.toHaveBeenCalled();
  });

  it('maps a chart-click DOM event the same way, for tests that cannot aim into the SVG', async () => {
    const { box, onselect } = await draw(bars);
    expect(box.dataset.clickable).toBe('true');
    box.dispatchEvent(
      new CustomEvent('chart-click', {
        detail: { componentType: 'series', seriesType: 'bar', seriesId: 'food', name: '2026-11' },
      }),
    );
    expect(onselect).toHaveBeenCalledWith({ categoryId: 'food', month: '2026-11' });
  });

  it('replaces the whole option when a new one comes', async () => {
    const { instance, rerender } = await draw(bars);
    await rerender({ option: donut });
    const series = instance.getOption().series as Array<{ type: string }>;
    expect(series.map((s) => s.type)).toEqual(['pie']);
  });

  it('disposes its ECharts instance when it goes', async () => {
    const { instance, unmount } = await draw(donut);
    unmount();
    expect(instance.isDisposed()).toBe(true);
  });
});

describe('what a chart click points at', () => {
  it('is a category for a slice, a category and month for a bar, and nothing otherwise', () => {
    expect(clickTarget({ componentType: 'series', data: { categoryId: 'food', value: '1.00' } })).toEqual({
      categoryId: 'food',
    });
    expect(clickTarget({ seriesType: 'bar', seriesId: 'food', name: '2026-01' })).toEqual({
      categoryId: 'food',
      month: '2026-01',
    });
    expect(clickTarget({ seriesType: 'bar', seriesId: 'food', name: 'not a month' })).toEqual({
      categoryId: 'food',
    });
    expect(clickTarget({ componentType: 'title' })).toBeNull();
    expect(clickTarget({ seriesType: 'gauge', name: 'Spent' })).toBeNull();
  });
});

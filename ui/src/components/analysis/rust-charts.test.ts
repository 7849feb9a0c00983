// @vitest-environment node
// The chart options the Rust side builds (ui/src/test/charts/*.json, written by
// `UPDATE_CHART_FIXTURES=1 cargo test -p wallet-app --test chart_fixtures`) drawn by real ECharts, with the
// same cut-down set of charts and components the app registers, through its server-side SVG renderer: each
// must render without an error or a warning and show its slices, bars, labels and months.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { echarts } from './echarts';

const fixtures = import.meta.glob<Record<string, unknown>>('../../test/charts/*.json', {
  eager: true,
  import: 'default',
});

function fixture(name: string): Record<string, unknown> {
  const option = fixtures[`../../test/charts/${name}`];
  if (!option) throw new Error(`no chart fixture ${name}: run the Rust chart_fixtures test`);
  // A copy: ECharts may normalise the option it is given.
  return structuredClone(option);
}

function render(name: string): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 600, height: 400 });
  try {
    chart.setOption(fixture(name));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Graphic elements ECharts drew for the series' data (not the legend, axes or labels). */
const dataShapes = (svg: string, series?: number) =>
  [...svg.matchAll(/<path [^>]*ecmeta_series_index="(\d+)"[^>]*ecmeta_ssr_type="chart"/g)].filter(
    (match) => series === undefined || Number(match[1]) === series,
  ).length;

describe('the chart options made in Rust', () => {
  const consoles = ['log', 'warn', 'error'] as const;
  beforeEach(() => consoles.forEach((level) => vi.spyOn(console, level)));
  afterEach(() => {
    // ECharts reports an unknown series type, a component that is not registered or an option it no
    // longer reads on the console.
    for (const level of consoles) expect(console[level]).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });

  it('include every fixture this test knows', () => {
    expect(Object.keys(fixtures).map((path) => path.split('/').pop())).toEqual(
      expect.arrayContaining([
        'category-donut.json',
        'category-donut.zh-CN.json',
        'category-donut.empty.json',
        'spending-bars.json',
        'cash-flow.json',
        'budget-gauge.json',
      ]),
    );
  });

  it('draw the donut with one slice per category and the category names', () => {
    const svg = render('category-donut.json');
    expect(dataShapes(svg)).toBe(3);
    expect(svg).toContain('Food &amp; drink');
    expect(svg).toContain('Shopping');
    expect(svg).toContain('Transport');
  });

  it('draw the donut with the Chinese category names', () => {
    const svg = render('category-donut.zh-CN.json');
    expect(dataShapes(svg)).toBe(3);
    for (const name of ['餐饮', '购物', '交通']) expect(svg).toContain(name);
  });

  it('draw an empty donut as its title and no slice', () => {
    const svg = render('category-donut.empty.json');
    expect(dataShapes(svg)).toBe(0);
    expect(svg).toContain('No spending to show');
  });

  it('draw the stacked spending bars: a bar per category and month, the months on the axis', () => {
    const svg = render('spending-bars.json');
    for (const series of [0, 1, 2]) expect(dataShapes(svg, series)).toBe(3);
    for (const month of ['2026-09', '2026-10', '2026-11']) expect(svg).toContain(`>${month}</text>`);
    expect(svg).toContain('Food &amp; drink');
    expect(svg).toContain('>CNY</text>');
  });

  it('draw the cash flow as three lines over the months, with the balance on its own axis', () => {
    const svg = render('cash-flow.json');
    // A symbol per month on each line.
    for (const series of [0, 1, 2]) expect(dataShapes(svg, series)).toBe(3);
    for (const name of ['Income', 'Spending', 'Balance']) expect(svg).toContain(`>${name}</text>`);
    for (const month of ['2026-09', '2026-10', '2026-11']) expect(svg).toContain(`>${month}</text>`);
  });

  it('draw the budget gauge with the percent spent and what it means in money', () => {
    const svg = render('budget-gauge.json');
    expect(svg).toContain('>82%</text>');
    expect(svg).toContain('Spent ¥2,459.00 of ¥3,000.00');
    // Over 80 %: the progress arc is amber.
    expect(svg).toContain('fill="#e09b1b"');
  });
});

// The charts' theme from the app's own colours (its CSS variables, read when a chart is made), light or
// dark as the system prefers: transparent background, the app's ink, lines and palette.

/** The theme's colours: the app's CSS variables where set, else these (light and dark). */
type Colours = { text: string; muted: string; line: string; surface: string; palette: string[] };

const FALLBACK: Record<'light' | 'dark', Colours> = {
  light: {
    text: '#1f1d1b',
    muted: '#7a746d',
    line: '#ece8e3',
    surface: '#ffffff',
    palette: [
      '#c8102e',
      '#5a5a68',
      '#c9a227',
      '#0b5cad',
      '#1b7f3b',
      '#d9393e',
      '#3d8fe0',
      '#8a6a1f',
      '#a15c00',
      '#7a746d',
    ],
  },
  dark: {
    text: '#ece8e3',
    muted: '#a59f98',
    line: '#3a3633',
    surface: '#1f1d1b',
    palette: [
      '#e8475f',
      '#b8b4c8',
      '#e0c05a',
      '#5aa3f0',
      '#4cbf73',
      '#f07a7e',
      '#8cc2f5',
      '#c9a25a',
      '#e89a3c',
      '#a59f98',
    ],
  },
};

/** The app's variable for each palette slot, in the order the series take them (income red first). */
const PALETTE_VARS = [
  '--accent',
  '--card-credit-to',
  '--gold',
  '--card-wallet-from',
  '--success',
  '--card-debit-to',
  '--card-wallet-to',
  '--card-savings-from',
  '--pending',
  '--muted',
];

export const prefersDark = (): boolean =>
  typeof window !== 'undefined' &&
  typeof window.matchMedia === 'function' &&
  window.matchMedia('(prefers-color-scheme: dark)').matches;

/** The app's colours as they are now (the CSS variables follow the colour scheme where app.css says so). */
export function readColours(
  dark: boolean,
  root: Element | null = globalThis.document?.documentElement,
): Colours {
  const fallback = FALLBACK[dark ? 'dark' : 'light'];
  if (!root || typeof getComputedStyle !== 'function') return fallback;
  const style = getComputedStyle(root);
  const value = (name: string, otherwise: string) => style.getPropertyValue(name).trim() || otherwise;
  return {
    text: value('--text', fallback.text),
    muted: value('--muted', fallback.muted),
    line: value('--line', fallback.line),
    surface: value('--surface', fallback.surface),
    palette: PALETTE_VARS.map((name, i) => value(name, fallback.palette[i])),
  };
}

/** An ECharts theme from the app's colours: transparent background, the app's ink, lines and palette. */
export function chartTheme(colours: Colours, dark: boolean): Record<string, unknown> {
  const axis = {
    axisLine: { lineStyle: { color: colours.line } },
    axisTick: { lineStyle: { color: colours.line } },
    axisLabel: { color: colours.muted },
    splitLine: { lineStyle: { color: colours.line } },
    nameTextStyle: { color: colours.muted },
  };
  return {
    darkMode: dark,
    color: colours.palette,
    backgroundColor: 'transparent',
    textStyle: { color: colours.text },
    title: { textStyle: { color: colours.muted, fontWeight: 'normal', fontSize: 14 } },
    legend: { textStyle: { color: colours.text }, pageTextStyle: { color: colours.muted } },
    tooltip: {
      backgroundColor: colours.surface,
      borderColor: colours.line,
      textStyle: { color: colours.text },
    },
    categoryAxis: axis,
    valueAxis: axis,
    pie: { itemStyle: { borderColor: colours.surface, borderWidth: 2 }, label: { color: colours.text } },
    bar: { itemStyle: { borderRadius: 0 } },
    line: { symbolSize: 5, smooth: false },
    gauge: { title: { color: colours.muted }, detail: { color: colours.text } },
  };
}

// What a click on a chart means here: a category, and for a bar also a month. Kept apart from ECharts
// itself so the click mapping (and the screens using it) do not pull ECharts into the start-up bundle.

/** What a click on a chart points at: a donut slice gives a category, a bar a category and a month. */
export type ChartClick = { categoryId?: string; month?: string };

/** The part of ECharts' click event this app reads. */
export type ClickParams = {
  componentType?: string;
  seriesType?: string;
  seriesId?: string | null;
  name?: string;
  data?: unknown;
};

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Donut slices carry `categoryId` on their data item; stacked bars have the category id as the series id
 * and the month ("YYYY-MM") as the category-axis name. Anything else (the cash-flow lines, the gauge, a
 * legend) points at nothing: null.
 */
export function clickTarget(params: ClickParams): ChartClick | null {
  if (params.componentType && params.componentType !== 'series') return null;
  const data = params.data;
  if (data && typeof data === 'object' && 'categoryId' in data) {
    const categoryId = (data as { categoryId: unknown }).categoryId;
    if (typeof categoryId === 'string' && categoryId) return { categoryId };
  }
  if (params.seriesType === 'bar' && params.seriesId) {
    const month = params.name && MONTH.test(params.name) ? params.name : undefined;
    return month ? { categoryId: params.seriesId, month } : { categoryId: params.seriesId };
  }
  return null;
}

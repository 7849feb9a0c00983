// jsdom has no layout and no canvas: give elements a size and let ECharts estimate text widths, so the
// chart component draws in component tests without warnings about a zero-sized box or a missing canvas.
import { vi } from 'vitest';

export function fakeChartLayout(width = 600, height = 300) {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(width);
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(height);
}

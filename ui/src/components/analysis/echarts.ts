// ECharts, cut down to what the backend's chart options use (pie, bar, line, gauge; title, tooltip, legend,
// grid; the SVG renderer), so the bundle carries only that. Chart.svelte loads this module on demand (it is
// most of the UI's weight: the app starts without it), and the test that renders the Rust-made options
// registers the same set through it, so a chart or component missing here fails that test.
import * as echarts from 'echarts/core';
import { BarChart, GaugeChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  PieChart,
  BarChart,
  LineChart,
  GaugeChart,
  TitleComponent,
  TooltipComponent,
  LegendComponent,
  GridComponent,
  SVGRenderer,
]);

export { echarts };

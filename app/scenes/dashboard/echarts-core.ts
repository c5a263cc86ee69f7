/**
 * The only ECharts entry the app imports, and only through `import()` (trend.chart.tsx): the core
 * with a line chart and the components it needs, so the dashboard's first paint carries none of it
 * and the chart chunk stays a fraction of the full library.
 */
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, MarkLineComponent, SVGRenderer]);

export { echarts };

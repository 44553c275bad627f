// The parts of ECharts that planbook's charts use, registered on a global
// `echarts` for themes/default/assets/js/planbook.js.
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart, SankeyChart, ScatterChart } from 'echarts/charts';
import {
  AriaComponent, DatasetComponent, GridComponent, LegendComponent,
  MarkLineComponent, TitleComponent, TooltipComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  BarChart, LineChart, PieChart, SankeyChart, ScatterChart,
  AriaComponent, DatasetComponent, GridComponent, LegendComponent,
  MarkLineComponent, TitleComponent, TooltipComponent,
  SVGRenderer,
]);
window.echarts = echarts;

// The year's payments month by month (ECharts, SVG renderer so print is vector, animation off so print is complete).
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

import { monthChartOption } from '../../shared/domain/reports';
import type { AnnualReport } from '../../shared/schemas/reports';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export function MonthChart({
  months,
  width,
  height,
}: {
  months: AnnualReport['byMonth'];
  width: number;
  height: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const chart = echarts.init(ref.current!, undefined, { renderer: 'svg', width, height });
    chart.setOption({ ...monthChartOption(months), tooltip: { trigger: 'axis' } });
    return () => chart.dispose();
  }, [months, width, height]);
  return <div ref={ref} data-testid="month-chart" />;
}

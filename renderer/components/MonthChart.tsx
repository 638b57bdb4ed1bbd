// The year's payments month by month (ECharts, SVG renderer so print is vector, animation off so print is complete).
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

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
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'Noto Sans CJK SC, sans-serif' },
      legend: { data: ['发放金额（元）', '人次'], top: 0 },
      tooltip: { trigger: 'axis' },
      grid: { left: 70, right: 50, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: months.map((m) => `${Number(m.month.slice(5))}月`) },
      yAxis: [
        { type: 'value', name: '元' },
        { type: 'value', name: '人次', splitLine: { show: false } },
      ],
      series: [
        {
          name: '发放金额（元）',
          type: 'bar',
          data: months.map((m) => m.fen / 100),
          itemStyle: { color: '#c8161d' },
          barMaxWidth: 28,
        },
        {
          name: '人次',
          type: 'line',
          yAxisIndex: 1,
          data: months.map((m) => m.times),
          itemStyle: { color: '#1f4e99' },
        },
      ],
    });
    return () => chart.dispose();
  }, [months, width, height]);
  return <div ref={ref} data-testid="month-chart" />;
}

/**
 * An ECharts chart (bar, line, pie) that follows its container's width; `onPick` receives the
 * name of a clicked bar or slice (the drill-down of the dashboard and reports).
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

export function Chart({ option, height = 280, onPick, testId }: { option: ChartOption; height?: number; onPick?: (name: string) => void; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    if (!box.current) return;
    const instance = echarts.init(box.current);
    chart.current = instance;
    instance.on('click', (event) => pick.current?.(String(event.name)));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current);
    const print = () => instance.resize();
    window.addEventListener('beforeprint', print);
    return () => {
      window.removeEventListener('beforeprint', print);
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ animation: false, ...option }, true);
  }, [option]);

  return <div ref={box} className="report-chart" data-testid={testId} style={{ height, cursor: onPick ? 'pointer' : undefined }} />;
}

/** A bar chart of named values (one or more series). */
export function barOption(names: string[], series: { name: string; values: number[] }[], horizontal = false): ChartOption {
  const category = { type: 'category', data: names, axisLabel: { interval: 0, rotate: horizontal || names.length <= 6 ? 0 : 30 } };
  return {
    tooltip: { trigger: 'axis' },
    legend: series.length > 1 ? { top: 0 } : undefined,
    grid: { left: 8, right: 16, top: series.length > 1 ? 32 : 16, bottom: 8, containLabel: true },
    xAxis: horizontal ? { type: 'value' } : category,
    yAxis: horizontal ? { ...category, inverse: true } : { type: 'value' },
    series: series.map((s) => ({ type: 'bar', name: s.name, data: s.values, label: { show: names.length <= 12, position: horizontal ? 'right' : 'top' } })),
  };
}

/** A line chart by year. */
export function lineOption(years: (string | number)[], series: { name: string; values: number[] }[]): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: years.map(String) },
    yAxis: { type: 'value' },
    series: series.map((s) => ({ type: 'line', name: s.name, data: s.values, label: { show: years.length <= 8 } })),
  };
}

/** A pie of named values with their shares. */
export function pieOption(items: { name: string; value: number }[]): ChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    series: [{ type: 'pie', radius: ['35%', '65%'], data: items, label: { formatter: '{b}\n{d}%' } }],
  };
}

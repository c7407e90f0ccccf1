/** Households by risk grade in each child place, as stacked bars; a click on a bar names the place. */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Overview } from './api';
import { GRADE_COLORS, GRADES } from './grades';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export function GradeChart({ places, onPick }: { places: Overview['children']; onPick: (code: string) => void }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts>(undefined);
  const pick = useRef(onPick);
  pick.current = onPick;
  const codes = useRef<string[]>([]);
  codes.current = places.map((p) => p.code);

  useEffect(() => {
    if (!box.current) return;
    const instance = echarts.init(box.current);
    chart.current = instance;
    instance.on('click', (event) => {
      const code = codes.current[event.dataIndex];
      if (code) pick.current(code);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      instance.dispose();
    };
  }, []);

  useEffect(() => {
    const names = places.map((p) => p.name);
    chart.current?.setOption(
      {
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } },
        yAxis: { type: 'value', name: t('monitoring.overview.households') },
        series: GRADES.map((g) => ({
          type: 'bar',
          stack: 'grade',
          name: t(`monitoring.grades.${g}`),
          itemStyle: { color: GRADE_COLORS[g] },
          data: places.map((p) => p.grades[g].households),
        })),
      },
      true,
    );
  }, [places, t]);

  return <div ref={box} className="monitoring-chart" data-testid="grade-chart" style={{ height: 300, cursor: 'pointer' }} />;
}

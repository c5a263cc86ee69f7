import { Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { formatViDate } from '../../lib/calendar-date.ts';
import { formatIndicatorValue } from './target-format.ts';
import type { TrendChartData } from './trend-chart.model.ts';

// Purple is none of the status colours, so the target line never reads as a status.
const TARGET_COLOR = '#722ed1';

type EChartsModule = typeof import('./echarts-core.ts');

/** A time axis value (ms) back to the date a Vietnamese reader expects. */
const dayOf = (ms: number) => formatViDate(new Date(ms).toISOString().slice(0, 10));

/** Actual line, target line, dashed forecast; ECharts is fetched the first time a chart opens. */
export function TrendChart({ data, color }: { data: TrendChartData; color: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [mod, setMod] = useState<EChartsModule>();
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let alive = true;
    import('./echarts-core.ts').then(
      (m) => alive && setMod(m),
      () => alive && setFailed(true),
    );
    return () => {
      alive = false;
    };
  }, []);

  useEffect(() => {
    if (!mod || !host.current) return;
    const chart = mod.echarts.init(host.current, undefined, { renderer: 'svg' });
    const fmt = (v: number) => formatIndicatorValue(v, data.unit);
    chart.setOption({
      animation: false,
      grid: { left: 16, right: 24, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, data: ['Thực hiện', 'Chỉ tiêu', 'Dự báo'] },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) => (typeof v === 'number' ? fmt(v) : String(v ?? '')),
        axisPointer: { label: { formatter: (p: { value: unknown }) => dayOf(Number(p.value)) } },
      },
      xAxis: { type: 'time', axisLabel: { formatter: (ms: number) => dayOf(ms), hideOverlap: true } },
      // A share cannot pass 100%: the axis stops there unless a figure really does.
      yAxis: {
        type: 'value',
        scale: true,
        max: data.unit === 'percent' ? (e: { max: number }) => (e.max <= 100 ? 100 : e.max) : undefined,
        axisLabel: { formatter: (v: number) => fmt(v) },
      },
      series: [
        { name: 'Thực hiện', type: 'line', data: data.actual, color, symbolSize: 7, lineStyle: { width: 3 } },
        { name: 'Chỉ tiêu', type: 'line', data: data.target, color: TARGET_COLOR, symbol: 'none', lineStyle: { width: 2 } },
        { name: 'Dự báo', type: 'line', data: data.forecast, color, symbol: 'emptyCircle', lineStyle: { type: 'dashed', width: 2 } },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [mod, data, color]);

  if (failed) return <div className="trend-chart-empty">Không tải được biểu đồ. Vui lòng tải lại trang.</div>;
  return (
    <div className="trend-chart" data-testid="trend-chart">
      {!mod && <Spin className="trend-chart-spin" />}
      <div ref={host} className="trend-chart-canvas" />
    </div>
  );
}

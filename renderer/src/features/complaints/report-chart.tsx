import { BarChart, type BarSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  TooltipComponent,
  type GridComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the report draws: bars on a grid with a tooltip, drawn as SVG (crisp when printed).
echarts.use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

type Option = echarts.ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;

/** A horizontal bar chart of counts: one bar per label, the largest on top. */
export const CountChart = ({
  items,
  label,
  testId,
}: {
  items: readonly { name: string; count: number }[];
  /** What the chart shows, for screen readers. */
  label: string;
  testId: string;
}) => {
  const box = useRef<HTMLDivElement>(null);
  const height = 40 + items.length * 32;

  useEffect(() => {
    const chart = echarts.init(box.current!, undefined, { renderer: 'svg' });
    const ordered = [...items].reverse();
    // The app's font (Noto Sans SC), so Chinese labels match the tables around the chart.
    const fontFamily = getComputedStyle(box.current!).fontFamily;
    const option: Option = {
      animation: false,
      textStyle: { fontFamily, fontSize: 13 },
      grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'item' },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: ordered.map((item) => item.name),
        axisLabel: { fontSize: 13, color: '#333' },
      },
      series: [
        {
          type: 'bar',
          data: ordered.map((item) => item.count),
          label: { show: true, position: 'right', fontSize: 13 },
          itemStyle: { color: '#1677ff' },
          barMaxWidth: 20,
        },
      ],
    };
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [items]);

  return (
    <div
      ref={box}
      role="img"
      aria-label={label}
      data-testid={testId}
      style={{ width: '100%', height }}
    />
  );
};

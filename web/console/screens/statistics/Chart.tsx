import { BarChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

// ECharts, tree-shaken: the bar chart, its grid, legend, tooltip and the aria component (decal patterns
// on every series, so the series differ by pattern as well as colour), drawn on canvas. This module is
// loaded only with the statistics screens (screens.tsx imports them lazily); see ARCHITECTURE.md.
echarts.use([BarChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface ChartSeries {
  name: string;
  values: number[];
}

export interface BarChartProps {
  categories: string[];
  series: ChartSeries[];
  /** Bars from the left (long category names: classes, event types). */
  horizontal?: boolean;
  stacked?: boolean;
  /** Read out by the chart's own aria label; the data table beside it carries the figures. */
  label: string;
}

/** A bar chart; hidden from screen readers, who get the data table instead. */
export function Bars({ categories, series, horizontal = false, stacked = false, label }: BarChartProps) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = element.current;
    if (!node) return;
    const chart = echarts.init(node, undefined, { renderer: "canvas" });
    const categoryAxis = {
      type: "category" as const,
      data: categories,
      axisLabel: { width: 160, overflow: "truncate" as const },
    };
    const valueAxis = { type: "value" as const };
    chart.setOption({
      aria: { enabled: true, label: { description: label }, decal: { show: true } },
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
      series: series.map((s) => ({ type: "bar", name: s.name, data: s.values, stack: stacked ? "all" : undefined })),
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(node);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [categories, series, horizontal, stacked, label]);
  const height = horizontal ? Math.max(160, 28 * categories.length + 60) : 280;
  return <div ref={element} className="stats-chart" style={{ height }} aria-hidden="true" />;
}

import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

// Only what bar charts need, so the reports chunk stays small (Chart.js is tree-shakable this way).
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface BarSeries {
  label: string;
  values: (number | null)[];
  color: string;
}

const NUMBER = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });

/**
 * A grouped bar chart. The canvas is an image to assistive technology with a short description; the
 * table beside it (which every use of this chart has) is the full text alternative.
 */
export function BarChart(props: { labels: string[]; series: BarSeries[]; description: string; max?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: props.labels,
        datasets: props.series.map((s) => ({
          label: s.label,
          data: s.values,
          backgroundColor: s.color,
          borderColor: s.color,
        })),
      },
      options: {
        // Reports are read, not watched: no animation (also kinder to slow phones and reduced-motion users).
        animation: false,
        maintainAspectRatio: false,
        responsive: true,
        locale: 'id-ID',
        scales: {
          x: { ticks: { autoSkip: false, maxRotation: 60 } },
          y: { beginAtZero: true, ...(props.max !== undefined ? { max: props.max } : {}), ticks: { precision: 0 } },
        },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: {
            callbacks: { label: (c) => `${c.dataset.label}: ${c.parsed.y === null ? '–' : NUMBER.format(c.parsed.y)}` },
          },
        },
      },
    });
    return () => chart.destroy();
  }, [JSON.stringify(props.labels), JSON.stringify(props.series), props.max]);
  const height = Math.max(240, Math.min(420, 120 + props.labels.length * 18));
  return (
    <div class="chart-canvas" style={{ height: `${height}px` }}>
      <canvas ref={canvas} role="img" aria-label={props.description} />
    </div>
  );
}

// The handoff-time distribution: completed handoffs per wait bucket, with the catalog's median and 90th percentile beside it.
import * as Plot from '@observablehq/plot';
import type { HistogramBucket } from '../handoff-time-histogram.js';
import { CATEGORY } from '../palette.js';
import { numberCell } from '../table.js';
import { type Chart, renderPlot } from './chart.js';

export function handoffTimeChart(buckets: readonly HistogramBucket[]): Chart {
  const total = buckets.reduce((s, b) => s + b.handoffs, 0);
  const share = (b: HistogramBucket) => (total > 0 ? b.handoffs / total : 0);
  return {
    id: 'handoff-time',
    title: 'Handoff time distribution',
    caption:
      'Completed handoffs by how long the customer waited for the new owner’s first reply. Buckets widen with the wait.',
    table: {
      columns: [{ label: 'wait' }, { label: 'handoffs', numeric: true }, { label: 'share', numeric: true }],
      rows: buckets.map((b) => [
        { text: b.label, value: b.from_s },
        numberCell(b.handoffs),
        numberCell(share(b), `${(share(b) * 100).toFixed(1)}%`),
      ]),
    },
    render: () =>
      total === 0
        ? null
        : renderPlot('handoff-time', {
            height: 280,
            marginTop: 24,
            marginBottom: 44,
            x: { domain: buckets.map((b) => b.label), label: 'wait for the new owner’s first reply' },
            y: { label: 'completed handoffs', grid: true },
            marks: [
              Plot.barY(buckets, {
                x: 'label',
                y: 'handoffs',
                fill: CATEGORY.reached,
                title: (b) => `${b.label}: ${b.handoffs.toLocaleString('en-US')}`,
              }),
              Plot.text(buckets, {
                x: 'label',
                y: 'handoffs',
                text: (b) => (b.handoffs > 0 ? b.handoffs.toLocaleString('en-US') : ''),
                dy: -7,
                fontSize: 10,
              }),
              Plot.ruleY([0]),
            ],
          }),
  };
}

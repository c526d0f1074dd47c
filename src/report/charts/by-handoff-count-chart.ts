// What each extra handoff costs: median resolution time and average CSAT by the number of handoffs, with 95% intervals.
import * as Plot from '@observablehq/plot';
import { formatInterval, formatNumber } from '../../format/values.js';
import type { MetricValue } from '../../metrics/types.js';
import type { ByHandoffCountRow } from '../build-report.js';
import { CATEGORY } from '../palette.js';
import { numberCell, textCell } from '../table.js';
import { type Chart, renderPlot } from './chart.js';

export function byHandoffCountChart(kind: 'resolution' | 'csat', rows: readonly ByHandoffCountRow[]): Chart {
  const metric = (r: ByHandoffCountRow): MetricValue | null =>
    kind === 'resolution' ? r.resolution_time_median_s : r.csat_avg;
  const unit = kind === 'resolution' ? 'seconds' : 'score';
  // Minutes (or hours, for long resolutions) read better on an axis than seconds; the table keeps the catalog's formatting.
  const longest = Math.max(0, ...rows.map((r) => metric(r)?.value ?? 0));
  const hours = kind === 'resolution' && longest > 10 * 3600;
  const timeUnit = hours ? 'hours' : 'minutes';
  const scale = (v: number) => (kind === 'resolution' ? v / (hours ? 3600 : 60) : v);
  const points = rows
    .map((r) => ({ r, m: metric(r) }))
    .filter((p): p is { r: ByHandoffCountRow; m: MetricValue & { value: number } } => p.m?.value != null)
    .map(({ r, m }) => ({
      handoffs: String(r.handoff_count),
      value: scale(m.value),
      lo: m.ci95 ? scale(m.ci95[0]) : scale(m.value),
      hi: m.ci95 ? scale(m.ci95[1]) : scale(m.value),
      n: m.denominator ?? 0,
    }));
  const id = kind === 'resolution' ? 'resolution-by-handoffs' : 'csat-by-handoffs';
  return {
    id,
    title: kind === 'resolution' ? 'Resolution time by number of handoffs' : 'CSAT by number of handoffs',
    caption:
      kind === 'resolution'
        ? 'Median time from first event to resolution, over resolved conversations, by how many handoffs they had; bars are 95% intervals.'
        : 'Average satisfaction (1–5) over rated conversations, by how many handoffs they had; bars are 95% intervals.',
    table: {
      columns: [
        { label: 'handoffs', numeric: true },
        { label: 'conversations', numeric: true },
        { label: kind === 'resolution' ? 'median resolution time' : 'average CSAT', numeric: true },
        { label: '95% interval' },
        { label: 'n', numeric: true },
      ],
      rows: rows.map((r) => {
        const m = metric(r);
        return [
          numberCell(r.handoff_count),
          numberCell(r.conversations),
          numberCell(m?.value ?? null, formatNumber(m?.value ?? null, unit)),
          textCell(m ? formatInterval(m, unit) : ''),
          numberCell(m?.denominator ?? 0),
        ];
      }),
    },
    render: () =>
      points.length === 0
        ? null
        : renderPlot(id, {
            height: 260,
            marginLeft: 56,
            marginBottom: 44,
            x: {
              domain: rows.map((r) => String(r.handoff_count)),
              label: 'handoffs in the conversation',
              padding: 0.4,
            },
            y: {
              label: kind === 'resolution' ? `median resolution time (${timeUnit})` : 'average CSAT (1–5)',
              grid: true,
              zero: kind === 'resolution',
              ...(kind === 'csat' ? { domain: [1, 5] } : {}),
            },
            marks: [
              Plot.ruleX(points, {
                x: 'handoffs',
                y1: 'lo',
                y2: 'hi',
                stroke: CATEGORY.resolved,
                strokeWidth: 2,
              }),
              Plot.dot(points, {
                x: 'handoffs',
                y: 'value',
                r: 5,
                fill: CATEGORY.resolved,
                title: (p) =>
                  `${p.handoffs} handoffs: ${p.value.toFixed(kind === 'resolution' ? 1 : 2)} (n = ${p.n})`,
              }),
              Plot.text(points, {
                x: 'handoffs',
                y: 'value',
                text: (p) => p.value.toFixed(kind === 'resolution' ? 1 : 2),
                dx: 10,
                textAnchor: 'start',
                fontSize: 10,
              }),
            ],
          }),
  };
}

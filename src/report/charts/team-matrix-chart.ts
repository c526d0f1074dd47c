// The team-to-team handover matrix as a heatmap: rows hand over, columns receive, colour is the handoff count.
import * as Plot from '@observablehq/plot';
import { formatInterval, formatNumber } from '../../format/values.js';
import type { TeamPairRow } from '../build-report.js';
import { SEQUENTIAL_SCHEME, textOn } from '../palette.js';
import { numberCell, textCell } from '../table.js';
import { type Chart, renderPlot } from './chart.js';

/** Above this many teams the matrix keeps the busiest ones; the table still lists every pair. */
const MAX_TEAMS = 20;

export function teamMatrixChart(pairs: readonly TeamPairRow[]): Chart {
  const volume = new Map<string, number>();
  for (const p of pairs) {
    volume.set(p.from_team, (volume.get(p.from_team) ?? 0) + p.handoffs);
    volume.set(p.to_team, (volume.get(p.to_team) ?? 0) + p.handoffs);
  }
  const teams = [...volume.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_TEAMS)
    .map(([t]) => t);
  const shown = pairs.filter((p) => teams.includes(p.from_team) && teams.includes(p.to_team));
  const max = Math.max(0, ...shown.map((p) => p.handoffs));
  const longest = Math.max(4, ...teams.map((t) => t.length));
  const size = Math.min(44, Math.max(24, 600 / Math.max(1, teams.length)));
  return {
    id: 'team-matrix',
    title: 'Team-to-team handovers',
    caption:
      'Each cell counts handoffs from the row’s team to the column’s team; darker is fewer, yellow is more. (none) is an owner with no team.',
    table: {
      columns: [
        { label: 'from team' },
        { label: 'to team' },
        { label: 'handoffs', numeric: true },
        { label: 'success rate', numeric: true },
        { label: '95% interval' },
      ],
      rows: pairs.map((p) => [
        textCell(p.from_team),
        textCell(p.to_team),
        numberCell(p.handoffs),
        numberCell(p.success_rate?.value ?? null, formatNumber(p.success_rate?.value ?? null, 'ratio')),
        textCell(p.success_rate ? formatInterval(p.success_rate, 'ratio') : ''),
      ]),
    },
    render: () =>
      shown.length === 0
        ? null
        : renderPlot('team-matrix', {
            width: Math.min(880, longest * 7 + 40 + size * teams.length),
            height: longest * 6 + 60 + size * teams.length,
            marginLeft: longest * 7 + 16,
            marginBottom: longest * 6 + 30,
            x: { domain: teams, label: 'to team →', tickRotate: -40 },
            y: { domain: teams, label: '↑ from team' },
            // Quantized: Plot draws a continuous legend on a canvas, which does not exist server-side; bins read better anyway.
            color: { type: 'quantize', n: 6, scheme: SEQUENTIAL_SCHEME, legend: true, label: 'handoffs' },
            marks: [
              Plot.cell(shown, {
                x: 'to_team',
                y: 'from_team',
                fill: 'handoffs',
                inset: 0.5,
                title: (p) => `${p.from_team} → ${p.to_team}: ${p.handoffs.toLocaleString('en-US')} handoffs`,
              }),
              Plot.text(shown, {
                x: 'to_team',
                y: 'from_team',
                text: (p) => p.handoffs.toLocaleString('en-US'),
                fill: (p) => textOn(p.handoffs, max),
                fontSize: 10,
              }),
            ],
          }),
  };
}

// The channel funnel as grouped bars: per channel, conversations reached, handed on, resolved and abandoned there.
import * as Plot from '@observablehq/plot';
import type { FunnelRow } from '../../analysis/funnel.js';
import { FUNNEL_STAGE_STYLES } from '../palette.js';
import { numberCell, textCell } from '../table.js';
import { type Chart, renderPlot } from './chart.js';

export function funnelChart(funnel: readonly FunnelRow[]): Chart {
  const long = funnel.flatMap((r) =>
    FUNNEL_STAGE_STYLES.map((s) => ({ channel: r.channel, stage: s.label, n: r[s.key] })),
  );
  return {
    id: 'funnel',
    title: 'Channel funnel',
    caption:
      'Per channel: conversations that reached it, were handed on from it to another channel, and were resolved or abandoned while it was their last channel.',
    table: {
      columns: [{ label: 'channel' }, ...FUNNEL_STAGE_STYLES.map((s) => ({ label: s.label, numeric: true }))],
      rows: funnel.map((r) => [textCell(r.channel), ...FUNNEL_STAGE_STYLES.map((s) => numberCell(r[s.key]))]),
    },
    render: () =>
      long.length === 0
        ? null
        : renderPlot('funnel', {
            height: 320,
            marginTop: 30,
            fx: { label: null, domain: funnel.map((r) => r.channel) },
            x: { axis: null, domain: FUNNEL_STAGE_STYLES.map((s) => s.label), paddingInner: 0.1 },
            y: { label: 'conversations', grid: true },
            color: {
              domain: FUNNEL_STAGE_STYLES.map((s) => s.label),
              range: FUNNEL_STAGE_STYLES.map((s) => s.color),
              legend: true,
            },
            marks: [
              Plot.barY(long, {
                fx: 'channel',
                x: 'stage',
                y: 'n',
                fill: 'stage',
                title: (d) => `${d.channel}, ${d.stage}: ${d.n}`,
              }),
              Plot.text(long, {
                fx: 'channel',
                x: 'stage',
                y: 'n',
                text: (d) => d.n.toLocaleString('en-US'),
                dy: -7,
                fontSize: 10,
              }),
              Plot.ruleY([0]),
            ],
          }),
  };
}

// Hour × weekday heatmaps of handoff volume and median handoff time, in the business time zone.
import * as Plot from '@observablehq/plot';
import { formatDuration, formatInterval } from '../../format/values.js';
import { catalog } from '../../metrics/registry.js';
import type { HourWeekdayCell } from '../build-report.js';
import { SEQUENTIAL_SCHEME } from '../palette.js';
import { numberCell, textCell } from '../table.js';
import { type Chart, renderPlot } from './chart.js';

const HOURS = Array.from({ length: 24 }, (_, h) => h);

export function hourWeekdayChart(
  kind: 'volume' | 'time',
  cells: readonly HourWeekdayCell[],
  tz: string,
): Chart {
  const weekdays = catalog.dimension('weekday')?.values ?? [];
  const order = (c: HourWeekdayCell) => weekdays.indexOf(c.weekday) * 24 + c.hour;
  const sorted = [...cells].sort((a, b) => order(a) - order(b));
  const value = (c: HourWeekdayCell) =>
    kind === 'volume' ? c.handoffs : (c.handoff_time_median_s?.value ?? null);
  const drawn = sorted.filter((c) => value(c) !== null);
  const minutes = (s: number) => s / 60;
  return {
    id: kind === 'volume' ? 'hour-weekday-volume' : 'hour-weekday-time',
    title: kind === 'volume' ? 'Handoffs by hour and weekday' : 'Median handoff time by hour and weekday',
    caption:
      kind === 'volume'
        ? `Handoffs started in each hour of each weekday (${tz}). Yellow is busier.`
        : `Median minutes from handoff to the new owner’s first reply, by when the handoff happened (${tz}). Yellow is slower; blank cells had no completed handoff.`,
    table: {
      columns:
        kind === 'volume'
          ? [{ label: 'weekday' }, { label: 'hour', numeric: true }, { label: 'handoffs', numeric: true }]
          : [
              { label: 'weekday' },
              { label: 'hour', numeric: true },
              { label: 'median handoff time', numeric: true },
              { label: '95% interval' },
              { label: 'n', numeric: true },
            ],
      rows: sorted.map((c) => {
        const m = c.handoff_time_median_s;
        return kind === 'volume'
          ? [textCell(c.weekday), numberCell(c.hour), numberCell(c.handoffs)]
          : [
              textCell(c.weekday),
              numberCell(c.hour),
              numberCell(m?.value ?? null, m?.value == null ? '—' : formatDuration(m.value)),
              textCell(m ? formatInterval(m, 'seconds') : ''),
              numberCell(m?.denominator ?? 0),
            ];
      }),
    },
    render: () =>
      drawn.length === 0
        ? null
        : renderPlot(kind === 'volume' ? 'hour-weekday-volume' : 'hour-weekday-time', {
            height: 260,
            marginLeft: 44,
            marginBottom: 44,
            padding: 0.06,
            x: {
              domain: HOURS,
              label: `hour of day (${tz})`,
              tickFormat: (h: number) => String(h).padStart(2, '0'),
            },
            y: { domain: [...weekdays], label: null },
            color: {
              // Binned, since a continuous legend needs a canvas, which does not exist server-side. Times are
              // skewed, so their bins are quantiles: a few slow hours would otherwise paint the rest one colour.
              type: kind === 'volume' ? 'quantize' : 'quantile',
              n: 6,
              tickFormat: kind === 'volume' ? ',d' : ',.1f',
              scheme: SEQUENTIAL_SCHEME,
              legend: true,
              label: kind === 'volume' ? 'handoffs' : 'median handoff time (minutes)',
            },
            marks: [
              Plot.cell(drawn, {
                x: 'hour',
                y: 'weekday',
                fill: (c) => (kind === 'volume' ? c.handoffs : minutes(value(c) ?? 0)),
                title: (c) =>
                  `${c.weekday} ${String(c.hour).padStart(2, '0')}:00 — ${
                    kind === 'volume' ? `${c.handoffs} handoffs` : `median ${formatDuration(value(c) ?? 0)}`
                  }`,
              }),
            ],
          }),
  };
}

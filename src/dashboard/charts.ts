// The dashboard's charts, drawn by Observable Plot in the browser; heatmap cells and bars are keyboard-operable.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import * as Plot from '@observablehq/plot';
import type { FunnelRow } from '../analysis/funnel.js';
import { FUNNEL_STAGE_STYLES, OKABE_ITO, SEQUENTIAL_SCHEME, textOn } from '../report/palette.js';
import type { HandoffTimeBucket } from '../server/summary.js';
import { el, fill } from './dom.js';

/** What a chart cell stands for: the `cell=DIM:VALUE` pairs of its drill-down, and a label to announce. */
export interface CellTarget {
  cell: Record<string, string>;
  /** A funnel bar, CHANNEL:STAGE: its conversations come from the funnel's own definition, not a cell. */
  funnel?: string;
  label: string;
  count: number;
}

export type Drill = (target: CellTarget) => void;

const FONT = { fontFamily: 'system-ui, sans-serif', fontSize: '12px', background: 'white', color: '#222' };
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const HOURS = Array.from({ length: 24 }, (_, h) => h);

function empty(container: Element, text: string): void {
  fill(container, el('p', { class: 'empty' }, text));
}

/**
 * Makes each mark of `selector` a button in one tab stop (roving tabindex): arrows move, Enter or Space opens.
 * Plot binds each mark to its index in the data, which maps it back to its target.
 */
function operable(
  figure: Element,
  selector: string,
  targets: readonly CellTarget[],
  drill: Drill,
  columns: number,
): void {
  const marks = [...figure.querySelectorAll<SVGElement>(selector)];
  marks.forEach((mark, i) => {
    const index = (mark as unknown as { __data__?: number }).__data__;
    const target = targets[typeof index === 'number' ? index : i];
    if (!target) return;
    mark.setAttribute('tabindex', i === 0 ? '0' : '-1');
    mark.setAttribute('role', 'button');
    mark.setAttribute(
      'aria-label',
      `${target.label}: ${target.count.toLocaleString('en-US')}. Show the conversations.`,
    );
    mark.classList.add('operable');
    const open = () => drill(target);
    mark.addEventListener('click', open);
    mark.addEventListener('keydown', (event: KeyboardEvent) => {
      const key = event.key;
      const step: Record<string, number> = {
        ArrowRight: 1,
        ArrowLeft: -1,
        ArrowDown: columns,
        ArrowUp: -columns,
        Home: -i,
        End: marks.length - 1 - i,
      };
      if (key === 'Enter' || key === ' ') {
        event.preventDefault();
        open();
      } else if (key in step) {
        event.preventDefault();
        const next = marks[Math.min(marks.length - 1, Math.max(0, i + (step[key] ?? 0)))];
        if (!next) return;
        for (const m of marks) m.setAttribute('tabindex', '-1');
        next.setAttribute('tabindex', '0');
        next.focus();
      }
    });
  });
}

export function funnelChart(container: Element, funnel: readonly FunnelRow[], drill: Drill): void {
  if (funnel.length === 0) {
    empty(container, 'No conversations under these filters.');
    return;
  }
  const stages = FUNNEL_STAGE_STYLES;
  const long = funnel.flatMap((r) =>
    stages.map((s) => ({ channel: r.channel, stage: s.label, key: s.key, n: r[s.key] })),
  );
  const targets = long.map((d) => ({
    cell: {},
    funnel: `${d.channel}:${d.key}`,
    label: `${d.channel} conversations ${d.stage}`,
    count: d.n,
  }));
  const figure = Plot.plot({
    width: 640,
    marginLeft: 80,
    marginRight: 56,
    style: FONT,
    color: { domain: stages.map((s) => s.label), range: stages.map((s) => s.color), legend: true },
    x: { label: 'conversations', grid: true },
    y: { axis: null, domain: stages.map((s) => s.label) },
    fy: { label: null, domain: funnel.map((r) => r.channel) },
    marks: [
      Plot.barX(long, {
        x: 'n',
        y: 'stage',
        fy: 'channel',
        fill: 'stage',
        title: (d) => `${d.channel}: ${d.n} ${d.stage}`,
      }),
      Plot.text(long, {
        x: 'n',
        y: 'stage',
        fy: 'channel',
        text: (d) => d.n.toLocaleString('en-US'),
        dx: 4,
        textAnchor: 'start',
      }),
      Plot.ruleX([0]),
    ],
  });
  fill(
    container,
    figure,
    dataTable(
      ['channel', ...stages.map((s) => s.label)],
      funnel.map((r) => [r.channel, ...stages.map((s) => r[s.key])]),
    ),
  );
  operable(figure, 'g[aria-label="bar"] rect', targets, drill, stages.length);
}

export interface TeamPairCell {
  from_team: string;
  to_team: string;
  handoffs: number;
}

export function teamMatrixChart(container: Element, cells: readonly TeamPairCell[], drill: Drill): void {
  if (cells.length === 0) {
    empty(container, 'No handoffs under these filters.');
    return;
  }
  const teams = [...new Set(cells.flatMap((c) => [c.from_team, c.to_team]))].sort();
  const max = Math.max(...cells.map((c) => c.handoffs));
  const targets = cells.map((c) => ({
    cell: { from_team: c.from_team, to_team: c.to_team },
    label: `${c.from_team} to ${c.to_team} handoffs`,
    count: c.handoffs,
  }));
  const figure = Plot.plot({
    width: Math.max(320, 110 + teams.length * 56),
    height: 90 + teams.length * 44,
    marginLeft: 110,
    marginBottom: 90,
    style: FONT,
    x: { domain: teams, label: 'to team →', tickRotate: -35 },
    y: { domain: teams, label: '↓ from team' },
    color: { type: 'sqrt', scheme: SEQUENTIAL_SCHEME, domain: [0, max], legend: true, label: 'handoffs' },
    marks: [
      Plot.cell(cells, {
        x: 'to_team',
        y: 'from_team',
        fill: 'handoffs',
        inset: 1,
        title: (c) => `${c.from_team} → ${c.to_team}: ${c.handoffs}`,
      }),
      Plot.text(cells, {
        x: 'to_team',
        y: 'from_team',
        text: 'handoffs',
        fill: (c) => textOn(c.handoffs, max),
      }),
    ],
  });
  const counts = new Map(cells.map((c) => [`${c.from_team}\u0000${c.to_team}`, c.handoffs]));
  fill(
    container,
    figure,
    dataTable(
      ['from team ↓ / to team →', ...teams],
      teams.map((from) => [from, ...teams.map((to) => counts.get(`${from}\u0000${to}`) ?? 0)]),
    ),
  );
  operable(figure, 'g[aria-label="cell"] rect', targets, drill, 1);
}

export interface HourWeekdayCell {
  weekday: string;
  hour: number;
  handoffs: number;
}

export function hourWeekdayChart(
  container: Element,
  cells: readonly HourWeekdayCell[],
  tz: string,
  drill: Drill,
): void {
  if (cells.length === 0) {
    empty(container, 'No handoffs under these filters.');
    return;
  }
  // In reading order (weekday, then hour) so arrow keys walk the grid as it is drawn.
  const sorted = [...cells].sort(
    (a, b) => WEEKDAYS.indexOf(a.weekday) - WEEKDAYS.indexOf(b.weekday) || a.hour - b.hour,
  );
  const targets = sorted.map((c) => ({
    cell: { weekday: c.weekday, hour: String(c.hour) },
    label: `${c.weekday} ${String(c.hour).padStart(2, '0')}:00 handoffs`,
    count: c.handoffs,
  }));
  const figure = Plot.plot({
    width: 760,
    height: 250,
    marginLeft: 44,
    marginBottom: 40,
    padding: 0.06,
    style: FONT,
    x: { domain: HOURS, label: `hour of day (${tz})`, tickFormat: (h: number) => String(h).padStart(2, '0') },
    y: { domain: WEEKDAYS, label: null },
    color: { type: 'quantize', n: 6, scheme: SEQUENTIAL_SCHEME, legend: true, label: 'handoffs' },
    marks: [
      Plot.cell(sorted, {
        x: 'hour',
        y: 'weekday',
        fill: 'handoffs',
        title: (c) => `${c.weekday} ${String(c.hour).padStart(2, '0')}:00: ${c.handoffs}`,
      }),
    ],
  });
  const counts = new Map(cells.map((c) => [`${c.weekday} ${c.hour}`, c.handoffs]));
  fill(
    container,
    figure,
    dataTable(
      ['weekday', ...HOURS.map((h) => String(h).padStart(2, '0'))],
      WEEKDAYS.map((d) => [d, ...HOURS.map((h) => counts.get(`${d} ${h}`) ?? 0)]),
    ),
  );
  operable(figure, 'g[aria-label="cell"] rect', targets, drill, 1);
}

const edge = (s: number) => (s < 60 ? `${s}s` : s < 3600 ? `${s / 60}m` : `${s / 3600}h`);
const bucketLabel = (b: HandoffTimeBucket) =>
  b.to_s === null ? `≥ ${edge(b.from_s)}` : `${edge(b.from_s)}–${edge(b.to_s)}`;

export function handoffTimeChart(
  container: Element,
  buckets: readonly HandoffTimeBucket[] | null,
  drill: Drill,
): void {
  if (!buckets) {
    empty(container, 'The handoff-time distribution cannot be narrowed by this filter.');
    return;
  }
  if (buckets.every((b) => b.handoffs === 0)) {
    empty(container, 'No completed handoffs under these filters.');
    return;
  }
  const data = buckets.map((b) => ({ ...b, label: bucketLabel(b) }));
  const targets = data.map((b) => ({
    cell: { handoff_time_bucket: String(b.bucket) },
    label: `handoffs picked up in ${b.label}`,
    count: b.handoffs,
  }));
  const figure = Plot.plot({
    width: 760,
    height: 260,
    marginBottom: 48,
    style: FONT,
    x: {
      domain: data.map((d) => d.label),
      label: 'time from handoff to the new owner’s first reply',
      tickRotate: -20,
    },
    y: { label: 'completed handoffs', grid: true },
    marks: [
      Plot.barY(data, {
        x: 'label',
        y: 'handoffs',
        fill: OKABE_ITO[4],
        title: (d) => `${d.label}: ${d.handoffs}`,
      }),
      Plot.ruleY([0]),
    ],
  });
  fill(
    container,
    figure,
    dataTable(
      ['time to pick-up', 'completed handoffs'],
      data.map((d) => [d.label, d.handoffs]),
    ),
  );
  operable(figure, 'g[aria-label="bar"] rect', targets, drill, 1);
}

function dataTable(headers: string[], rows: (string | number)[][]): HTMLElement {
  return el(
    'details',
    {},
    el('summary', {}, 'Table'),
    el(
      'table',
      {},
      el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { scope: 'col' }, h)))),
      el(
        'tbody',
        {},
        ...rows.map((r) =>
          el('tr', {}, ...r.map((v) => el('td', {}, typeof v === 'number' ? v.toLocaleString('en-US') : v))),
        ),
      ),
    ),
  );
}

// The dashboard's entry point: lays out the page, loads the catalog, and redraws every view when the filters change.
/// <reference lib="dom" />
import type { Metric } from '../metrics/types.js';
import type { Filters } from '../server/filters.js';
import type { Summary } from '../server/summary.js';
import { filterPairs, getJson } from './api.js';
import { askBox } from './ask-box.js';
import { renderCards } from './cards.js';
import {
  type CellTarget,
  funnelChart,
  handoffTimeChart,
  hourWeekdayChart,
  teamMatrixChart,
} from './charts.js';
import { el, fill } from './dom.js';
import { DrillPanel } from './drill.js';
import { renderFilterForm } from './filter-form.js';

interface QueryRows {
  rows: {
    dimensions: Record<string, string | number | null>;
    values: Record<string, { value: number | null }>;
  }[];
}

function section(id: string, title: string, caption: string): { section: HTMLElement; body: HTMLElement } {
  const body = el('div', { class: 'chart', id: `${id}-chart` });
  return {
    section: el(
      'section',
      { class: 'panel', id, 'aria-labelledby': `${id}-title` },
      el('h2', { id: `${id}-title` }, title),
      el('p', { class: 'caption' }, caption),
      body,
    ),
    body,
  };
}

async function start(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite', id: 'status' });
  const filtersBox = el('div', { id: 'filters' });
  const cards = el('div', { id: 'cards' });
  const funnel = section(
    'funnel',
    'Channel funnel',
    'Per channel: conversations that reached it, were handed on to another channel, and were resolved or abandoned there. Select a bar for its conversations.',
  );
  const matrix = section(
    'team-matrix',
    'Team handovers',
    'Handoffs from the row’s team to the column’s team. Select a cell (Enter or Space) for its conversations.',
  );
  const hours = section(
    'hour-weekday',
    'Handoffs by hour and weekday',
    'When handoffs happen, in the business time zone. Select a cell for its conversations.',
  );
  const times = section(
    'handoff-time',
    'Handoff time',
    'Completed handoffs by the wait until the new owner’s first reply. Select a bar for its conversations.',
  );
  const drillBox = el('section', {
    id: 'drill',
    class: 'panel drill',
    'aria-label': 'Drill-down',
    hidden: true,
  });
  const report = (error: unknown) => {
    status.textContent = `Could not load: ${error instanceof Error ? error.message : String(error)}`;
    status.classList.add('error');
  };
  const drill = new DrillPanel(drillBox, report);
  fill(
    root,
    el(
      'header',
      {},
      el('h1', {}, 'Baton'),
      el('p', { class: 'sub' }, 'Conversation handoffs: live from the data this server was started on.'),
    ),
    el(
      'main',
      {},
      filtersBox,
      status,
      cards,
      askBox(),
      el('div', { class: 'grid' }, funnel.section, matrix.section, hours.section, times.section),
      drillBox,
    ),
  );

  const { metrics } = await getJson<{ metrics: Metric[] }>('/api/metrics');
  const catalog = new Map(metrics.map((m) => [m.id, m]));
  let filters: Filters = { where: {} };
  let generation = 0;

  const onCell = (target: CellTarget) => void drill.showCell(target, filters);

  /** Redraws every view; a newer redraw supersedes one still loading. */
  const refresh = async () => {
    const mine = ++generation;
    status.classList.remove('error');
    status.textContent = 'Loading…';
    document.body.setAttribute('aria-busy', 'true');
    try {
      const pairs = filterPairs(filters);
      const [summary, teams, hourly] = await Promise.all([
        getJson<Summary>('/api/summary', pairs),
        getJson<QueryRows>('/api/query', [['metric', 'handoffs'], ['by', 'from_team,to_team'], ...pairs]),
        getJson<QueryRows>('/api/query', [['metric', 'handoffs'], ['by', 'weekday,hour'], ...pairs]),
      ]);
      if (mine !== generation) return;
      renderCards(cards, summary, catalog);
      funnelChart(funnel.body, summary.funnel, onCell);
      teamMatrixChart(
        matrix.body,
        teams.rows.map((r) => ({
          from_team: String(r.dimensions.from_team),
          to_team: String(r.dimensions.to_team),
          handoffs: r.values.handoffs?.value ?? 0,
        })),
        onCell,
      );
      hourWeekdayChart(
        hours.body,
        hourly.rows.map((r) => ({
          weekday: String(r.dimensions.weekday),
          hour: Number(r.dimensions.hour),
          handoffs: r.values.handoffs?.value ?? 0,
        })),
        'business time zone',
        onCell,
      );
      handoffTimeChart(times.body, summary.handoff_time, onCell);
      const active = Object.keys(filters.where).length + (filters.from ? 1 : 0) + (filters.to ? 1 : 0);
      status.textContent = active ? `Showing ${active} filter${active > 1 ? 's' : ''}.` : 'Showing all data.';
    } catch (error) {
      if (mine === generation) report(error);
    } finally {
      if (mine === generation) document.body.setAttribute('aria-busy', 'false');
    }
  };

  await renderFilterForm(filtersBox, (next) => {
    filters = next;
    drill.close();
    void refresh();
  });
  await refresh();
}

start().catch((error) => {
  const root = document.getElementById('app');
  if (root)
    root.textContent = `The dashboard could not start: ${error instanceof Error ? error.message : String(error)}`;
});

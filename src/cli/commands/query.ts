// `baton query`: any catalog metric by any valid dimensions, filtered; text table or JSON rows.

import { formatCount, formatInterval, formatNumber } from '../../format/values.js';
import type { QueryResult } from '../../metrics/query.js';
import { queryJson } from '../../metrics/query-json.js';
import { catalog } from '../../metrics/registry.js';
import { UsageError } from '../../model/errors.js';
import type { Command } from '../command.js';
import { list } from '../command.js';
import { renderTable } from '../render/table.js';
import { DATA_OPTIONS, ENGINE_OPTIONS, openWithData, writeJson } from '../shared-options.js';

const splitList = (values: string[]) =>
  values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);

export function parseWhere(entries: readonly string[]): Record<string, string> {
  const where: Record<string, string> = {};
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    if (eq <= 0)
      throw new UsageError(`--where '${entry}' must look like DIMENSION=VALUE, e.g. --where to_team=Billing`);
    where[entry.slice(0, eq).trim()] = entry.slice(eq + 1);
  }
  return where;
}

export const queryCommand: Command = {
  name: 'query',
  summary: 'Compute catalog metrics, optionally broken down by dimensions and filtered.',
  usage:
    'baton query (FILE... | --db FILE) --metric ID[,ID] [--by DIM[,DIM]] [--where DIM=VALUE]... [--json]',
  options: {
    ...DATA_OPTIONS,
    ...ENGINE_OPTIONS,
    metric: {
      type: 'string',
      multiple: true,
      value: 'ID[,ID]',
      description: 'Metric ids (baton metrics lists them).',
    },
    by: {
      type: 'string',
      multiple: true,
      value: 'DIM[,DIM]',
      description: 'Break down by these dimensions.',
    },
    where: {
      type: 'string',
      multiple: true,
      value: 'DIM=VALUE',
      description: 'Keep only rows where the dimension has this value.',
    },
    json: { type: 'boolean', description: 'Print {"rows": [...]} JSON on stdout.' },
    sql: { type: 'boolean', description: 'Also print the SQL that ran.' },
    shrink: {
      type: 'boolean',
      description:
        'Rate metrics: add each row shrunk towards a Beta prior fitted to all rows (empirical Bayes): posterior mean, 95% credible interval, and the weight of the row’s own data.',
    },
  },
  details: [
    'Examples:',
    '  baton query --db support.duckdb --metric handoff_success_rate --by channel_pair',
    '  baton query events.csv --metric handoff_time_median_s,transfer_completion_rate --by to_team --where kind=team',
    '  baton query --db support.duckdb --metric handoff_success_rate --by to_agent --shrink',
    `Dimensions: ${catalog.dimensions.map((d) => d.id).join(', ')}`,
  ].join('\n'),
  async run(values, positionals, io) {
    const metrics = splitList(list(values.metric));
    if (metrics.length === 0)
      throw new UsageError('Name a metric with --metric ID. Run baton metrics for the list.');
    const spec = {
      metrics,
      by: splitList(list(values.by)),
      where: parseWhere(list(values.where)),
      ...(values.shrink ? { shrink: true } : {}),
    };
    const { baton } = await openWithData(values, positionals, io, { text: false });
    try {
      const result = await baton.query(spec);
      if (values.json)
        writeJson(io, {
          ...shrunkJson(result, queryJson(result)),
          ...(values.sql ? { sql: result.sql } : {}),
        });
      else {
        io.out(renderQuery(result));
        if (values.sql) io.out(`\n${result.sql.join(';\n\n')};`);
      }
      return 0;
    } finally {
      await baton.close();
    }
  },
};

const shrunkIds = (result: QueryResult) => result.metrics.filter((id) => result.priors?.[id]);

/** With --shrink, each row gets `shrunk_<id>`: {posterior_mean, ci95, weight} (null for a row without trials) and the result the priors. */
function shrunkJson(result: QueryResult, json: { rows: Record<string, unknown>[] }) {
  const ids = shrunkIds(result);
  if (ids.length === 0) return json;
  return {
    rows: json.rows.map((row, i) => {
      const shrunk = result.rows[i]?.shrunk;
      return { ...row, ...Object.fromEntries(ids.map((id) => [`shrunk_${id}`, shrunk?.[id] ?? null])) };
    }),
    priors: result.priors,
  };
}

function renderQuery(result: QueryResult): string {
  const ids = shrunkIds(result);
  const columns = [
    ...result.by.map((id) => ({ header: id })),
    ...result.metrics.flatMap((id) => [
      { header: id, align: 'right' as const },
      { header: '95% interval', align: 'right' as const },
      { header: 'n', align: 'right' as const },
      ...(ids.includes(id)
        ? [
            { header: 'shrunk', align: 'right' as const },
            { header: '95% credible', align: 'right' as const },
            { header: 'weight', align: 'right' as const },
          ]
        : []),
    ]),
  ];
  const rows = result.rows.map((r) => [
    ...result.by.map((id) => String(r.dimensions[id] ?? '(none)')),
    ...result.metrics.flatMap((id) => {
      const m = catalog.metric(id)!;
      const v = r.values[id];
      const s = r.shrunk?.[id];
      const shrunk = !ids.includes(id)
        ? []
        : s
          ? [
              formatNumber(s.posterior_mean, 'ratio'),
              formatInterval(
                { value: s.posterior_mean, ci95: s.ci95, numerator: null, denominator: null },
                'ratio',
              ),
              s.weight.toFixed(2),
            ]
          : ['—', '', ''];
      if (!v) return ['—', '', '0', ...shrunk];
      return [
        formatNumber(v.value, m.unit),
        formatInterval(v, m.unit),
        formatCount(v.denominator),
        ...shrunk,
      ];
    }),
  ]);
  const priors = ids.map((id) => {
    const p = result.priors![id]!;
    const grain = catalog.metric(id)?.grain ?? 'row';
    return `${id}: rows shrunk towards ${formatNumber(p.mean, 'ratio')}, a prior worth ${formatCount(Math.round(p.strength))} ${grain}s (${p.method}); weight = the row's share of its own estimate`;
  });
  return [renderTable(columns, rows), ...(priors.length ? ['', ...priors] : [])].join('\n');
}

// `baton query`: any catalog metric by any valid dimensions, filtered; text table or JSON rows.

import { formatCount, formatInterval, formatNumber } from '../../format/values.js';
import type { QueryResult } from '../../metrics/query.js';
import { queryJson } from '../../metrics/query-json.js';
import { catalog } from '../../metrics/registry.js';
import { UsageError } from '../../model/errors.js';
import type { Command } from '../command.js';
import { list } from '../command.js';
import { renderTable } from '../render/table.js';
import { DATA_OPTIONS, openWithData, writeJson } from '../shared-options.js';

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
  },
  details: [
    'Examples:',
    '  baton query --db support.duckdb --metric handoff_success_rate --by channel_pair',
    '  baton query events.csv --metric handoff_time_median_s,transfer_completion_rate --by to_team --where kind=team',
    `Dimensions: ${catalog.dimensions.map((d) => d.id).join(', ')}`,
  ].join('\n'),
  async run(values, positionals, io) {
    const metrics = splitList(list(values.metric));
    if (metrics.length === 0)
      throw new UsageError('Name a metric with --metric ID. Run baton metrics for the list.');
    const spec = { metrics, by: splitList(list(values.by)), where: parseWhere(list(values.where)) };
    const { baton } = await openWithData(values, positionals, io);
    try {
      const result = await baton.query(spec);
      if (values.json) writeJson(io, { ...queryJson(result), ...(values.sql ? { sql: result.sql } : {}) });
      else {
        io.out(renderQuery(result));
        if (values.sql) io.out(`\n${result.sql.join(';\n\n')};`);
      }
      return 0;
    } finally {
      baton.close();
    }
  },
};

function renderQuery(result: QueryResult): string {
  const columns = [
    ...result.by.map((id) => ({ header: id })),
    ...result.metrics.flatMap((id) => [
      { header: id, align: 'right' as const },
      { header: '95% interval', align: 'right' as const },
      { header: 'n', align: 'right' as const },
    ]),
  ];
  const rows = result.rows.map((r) => [
    ...result.by.map((id) => String(r.dimensions[id] ?? '(none)')),
    ...result.metrics.flatMap((id) => {
      const m = catalog.metric(id)!;
      const v = r.values[id];
      if (!v) return ['—', '', '0'];
      return [formatNumber(v.value, m.unit), formatInterval(v, m.unit), formatCount(v.denominator)];
    }),
  ]);
  return renderTable(columns, rows);
}

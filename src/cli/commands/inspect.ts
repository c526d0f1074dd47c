// `baton inspect`: show what the import made of the files before trusting any number.

import { formatCount } from '../../format/values.js';
import { inspect, SAMPLE_COLUMNS } from '../../inspect/inspect.js';
import { formatProblem } from '../../model/problem.js';
import type { Command } from '../command.js';
import { renderTable } from '../render/table.js';
import { DATA_OPTIONS, openWithData, writeJson } from '../shared-options.js';

export const inspectCommand: Command = {
  name: 'inspect',
  summary:
    'Show the detected source, column mapping, counts, time span, sample rows and data-quality warnings.',
  usage: 'baton inspect FILE... [options] [--json]',
  options: { ...DATA_OPTIONS, json: { type: 'boolean', description: 'Print the inspection as JSON.' } },
  async run(values, positionals, io) {
    const { baton, reports } = await openWithData({ ...values, quiet: true }, positionals, io, {
      silent: true,
    });
    try {
      await baton.ensureDerived();
      const result = await inspect(baton.engine, reports, baton.tz);
      if (values.json) {
        writeJson(io, result);
        return 0;
      }
      const out: string[] = [];
      for (const f of result.files) {
        out.push(`${f.file}: source ${f.source}`);
        if (f.sourceRows !== undefined)
          out.push(`  records in the file ${formatCount(f.sourceRows)}, read as events below`);
        out.push(
          `  rows read ${formatCount(f.rowsRead)} = imported ${formatCount(f.imported)} + rejected ${formatCount(f.rejected)} + repeated ${formatCount(f.duplicates)}`,
        );
        out.push(
          `  mapping: ${Object.entries(f.mapping)
            .map(([field, from]) => `${field} ← ${from}`)
            .join(', ')}`,
        );
      }
      const c = result.counts;
      out.push(
        '',
        `${formatCount(c.conversations)} conversations, ${formatCount(c.events)} events, ${formatCount(c.agents)} agents, ${formatCount(c.teams)} teams, ${formatCount(c.channels)} channels, ${formatCount(c.tiers)} tiers`,
        `from ${result.span.first_event ?? '—'} to ${result.span.last_event ?? '—'} (stored in UTC; business zone ${result.span.tz})`,
        `event types: ${Object.entries(result.event_types)
          .map(([t, n]) => `${t} ${formatCount(n)}`)
          .join(', ')}`,
        '',
        'SAMPLE EVENTS AS IMPORTED',
      );
      const columns = SAMPLE_COLUMNS;
      out.push(
        renderTable(
          columns.map((header) => ({ header })),
          result.sample.map((r) => columns.map((k) => String(r[k] ?? ''))),
        ),
      );
      const a = result.servicenow_agreement;
      if (a) {
        out.push(
          '',
          `ServiceNow's own reassignment_count equals Baton's group-change count for ${formatCount(a.agreeing)} of ${formatCount(a.incidents)} incidents (${(a.share * 100).toFixed(1)}%); totals ${formatCount(a.ourTotal)} (Baton) vs ${formatCount(a.theirTotal)} (ServiceNow). Exports leave updates out, so 100% is not expected.`,
        );
      }
      out.push('', result.warnings.length ? 'WARNINGS' : 'No data-quality warnings.');
      for (const w of result.warnings) out.push(`  ${formatProblem(w)}`);
      io.out(out.join('\n'));
      return 0;
    } finally {
      baton.close();
    }
  },
};

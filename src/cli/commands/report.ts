// `baton report`: the whole analysis as one self-contained HTML page (charts and tables), or as Markdown or JSON.
import { writeFile } from 'node:fs/promises';
import { compareToBenchmark } from '../../benchmarks/compare.js';
import { UsageError } from '../../model/errors.js';
import { problem } from '../../model/problem.js';
import { formatFromPath, REPORT_FORMATS, type ReportFormat } from '../../report/report-format.js';
import type { Command } from '../command.js';
import { str } from '../command.js';
import { DATA_OPTIONS, ENGINE_OPTIONS, openWithData } from '../shared-options.js';

// --format names the report's format here, so the input format that DATA_OPTIONS calls --format moves aside.
const { format: inputFormat, ...dataOptions } = DATA_OPTIONS;

export const reportCommand: Command = {
  name: 'report',
  summary: 'Write a self-contained HTML report with charts and tables (or Markdown, or JSON).',
  usage:
    'baton report (FILE... | --db FILE) --out report.html [--format html|md|json] [--benchmark SEGMENT] [--title T] [--no-diagnosis]',
  options: {
    ...dataOptions,
    ...ENGINE_OPTIONS,
    ...(inputFormat ? { 'input-format': { ...inputFormat } } : {}),
    out: {
      type: 'string',
      short: 'o',
      value: 'FILE',
      description: 'Where to write the report; stdout when absent.',
    },
    format: {
      type: 'string',
      value: 'html|md|json',
      description: 'Report format; by default from the --out extension (.md, .json), else html.',
    },
    benchmark: {
      type: 'string',
      value: 'SEGMENT|FILE.json',
      description:
        "Show the industry bands of a segment, e.g. 'SaaS B2B', fintech (bands are estimates), or bands of your own in a JSON file.",
    },
    title: { type: 'string', value: 'T', description: 'Report title (default "Handoff report").' },
    'no-diagnosis': {
      type: 'boolean',
      description:
        'Leave out the diagnosis (findings and the monthly cost of handoffs), e.g. to save time on very large data.',
    },
  },
  details: [
    'The HTML file opens offline in any browser: styles, SVG charts and table sorting are inline, and it',
    'loads nothing from the network. Every chart has its numbers as a table under it.',
    'Examples:',
    '  baton report --db support.duckdb --out report.html --benchmark saas-b2b',
    '  baton report events.csv --format md > handoffs.md',
  ].join('\n'),
  async run(values, positionals, io) {
    const out = str(values.out);
    const format = parseFormat(str(values.format), out);
    const segment = str(values.benchmark);
    // An unknown segment is a usage error before any data is read.
    if (segment) compareToBenchmark(segment, {});
    const input = str(values['input-format']);
    const { baton } = await openWithData({ ...values, format: input }, positionals, io);
    try {
      // The report's modules (charts, a DOM to draw them in) load here, not with every other command.
      const { buildReport } = await import('../../report/build-report.js');
      const { renderReport } = await import('../../report/render-report.js');
      const title = str(values.title);
      const hours = str(values['business-hours']);
      const data = await buildReport(baton, {
        ...(title ? { title } : {}),
        ...(segment ? { benchmark: segment } : {}),
        ...(values['no-diagnosis'] === true ? { diagnosis: false } : {}),
        ...(hours ? { businessHours: hours } : {}),
      });
      const notRun = data.diagnosis?.not_run ?? [];
      if (notRun.length > 0 && !values.quiet)
        io.err(
          `baton: the diagnosis on ${str(values.engine)} did not run: ${notRun.map((d) => d.id).join(', ')}`,
        );
      const text = renderReport(data, format);
      if (out) {
        await writeFile(out, text);
        if (!values.quiet) io.err(`baton: wrote the ${format} report to ${out}`);
      } else io.out(text.replace(/\n$/, ''));
      return 0;
    } finally {
      await baton.close();
    }
  },
};

function parseFormat(given: string | undefined, out: string | undefined): ReportFormat {
  if (given === undefined) return out ? formatFromPath(out) : 'html';
  const format = REPORT_FORMATS.find((f) => f === given.toLowerCase());
  if (!format) {
    throw new UsageError(`Unknown report format '${given}'. Use html, md or json.`, [
      problem('unknown-report-format', 'error', `'${given}' is not html, md or json`, { field: 'format' }),
    ]);
  }
  return format;
}

// `baton segments`: where exactly? Each metric by time, channel, team, agent, customer segment, category and priority.
import { DEFAULT_THRESHOLDS } from '../../diagnose/detector.js';
import { UsageError } from '../../model/errors.js';
import { DEFAULT_SEGMENT_METRICS, SEGMENT_FAMILIES } from '../../segments/families.js';
import { segmentBreakdowns } from '../../segments/segments.js';
import type { Command } from '../command.js';
import { list, str } from '../command.js';
import { LONG_BREAKDOWN, renderSegments } from '../render/segments.js';
import { DATA_OPTIONS, ENGINE_OPTIONS, openWithData, writeJson } from '../shared-options.js';

const splitList = (values: string[]) =>
  values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);

function numberOption(values: Record<string, unknown>, name: string): number | undefined {
  const text = str(values[name] as string | undefined);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n))
    throw new UsageError(`--${name} takes a number, got '${text}'.`);
  return n;
}

export const segmentsCommand: Command = {
  name: 'segments',
  summary:
    'Where exactly: metrics by time, channel, team, agent, segment, category and priority, each group against the rest.',
  usage:
    'baton segments (FILE... | --db FILE) [--metric ID[,ID]]... [--family NAME[,NAME]]... [--min-sample N] [--alpha Q] [--business-hours SPEC] [--all] [--json]',
  options: {
    ...DATA_OPTIONS,
    ...ENGINE_OPTIONS,
    metric: {
      type: 'string',
      multiple: true,
      value: 'ID[,ID]',
      description: `Metrics to break down (default ${DEFAULT_SEGMENT_METRICS.join(', ')}).`,
    },
    family: {
      type: 'string',
      multiple: true,
      value: 'NAME[,NAME]',
      description: `Families of breakdowns to show (default all): ${SEGMENT_FAMILIES.map((f) => `${f.family} (${f.dimensions.join(', ')})`).join('; ')}.`,
    },
    'min-sample': {
      type: 'string',
      value: 'N',
      description: `Rows a group and the rest each need before the group is judged (default ${DEFAULT_THRESHOLDS.min_sample}); smaller groups are shown as too few to judge.`,
    },
    alpha: {
      type: 'string',
      value: 'Q',
      description: `Benjamini-Hochberg false discovery rate over every group shown (default ${DEFAULT_THRESHOLDS.alpha}).`,
    },
    all: {
      type: 'boolean',
      description: `List every group of long breakdowns (over ${LONG_BREAKDOWN} groups), not only the significant ones.`,
    },
    json: { type: 'boolean', description: 'Print the breakdowns as JSON.' },
  },
  details: [
    'Each group (a channel pair, a team, an hour of the week ...) is compared with every other row of the same',
    'breakdown: rates by a two-proportion z-test, times and scores by Mann-Whitney U. A group is flagged worse or',
    'better when its Benjamini-Hochberg q-value over all the groups shown is at most --alpha. Values, intervals',
    'and n come from the metric catalog (baton metrics). Agent rates also show the rate shrunk towards all',
    "agents' common rate (empirical Bayes), so an agent with a handful of handoffs is not top or bottom by chance.",
    'A conversation metric (resolution time, CSAT) is not broken down by handoff attributes (channel pair, team, agent).',
    '',
    'Examples:',
    '  baton segments --db support.duckdb',
    '  baton segments --db support.duckdb --family time,channel --metric handoff_time_median_s --tz Europe/Paris',
    "  baton segments events.csv --business-hours 'Mon-Sat 09:00-19:00' --json",
  ].join('\n'),
  async run(values, positionals, io) {
    const metrics = splitList(list(values.metric));
    const families = splitList(list(values.family));
    const minSample = numberOption(values, 'min-sample');
    const alpha = numberOption(values, 'alpha');
    const businessHours = str(values['business-hours']);
    const { baton } = await openWithData(values, positionals, io);
    try {
      await baton.ensureDerived();
      const report = await segmentBreakdowns(baton.analysisEngine, {
        metrics,
        families,
        tz: baton.tz,
        ...(minSample !== undefined ? { minSample } : {}),
        ...(alpha !== undefined ? { alpha } : {}),
        ...(businessHours ? { businessHours } : {}),
      });
      if (values.json) writeJson(io, report);
      else io.out(renderSegments(report, values.all === true));
      return 0;
    } finally {
      await baton.close();
    }
  },
};

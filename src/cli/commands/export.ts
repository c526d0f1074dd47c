// `baton export`: one row per handoff or per conversation (or the rejected rows) to CSV, NDJSON or Parquet.
import { UsageError } from '../../model/errors.js';
import type { Command } from '../command.js';
import { str } from '../command.js';
import { DATA_OPTIONS, ENGINE_OPTIONS, openWithData } from '../shared-options.js';

export const exportCommand: Command = {
  name: 'export',
  summary: 'Write the derived handoffs or conversations (or the rejected rows) to a file.',
  usage: 'baton export handoffs|conversations|rejects (FILE... | --db FILE) --out FILE.(csv|ndjson|parquet)',
  options: {
    ...DATA_OPTIONS,
    ...ENGINE_OPTIONS,
    out: {
      type: 'string',
      short: 'o',
      value: 'FILE',
      description: 'Output file; its extension picks the format.',
    },
  },
  details: [
    'handoffs: conversation_id, handoff_no, handoff_at, from/to agent, team, tier, channel, kind, is_escalation,',
    '  implicit, completed, handoff_time_s, success, is_return, abandoned_after, transfer_type, reason',
    'conversations: handoff_count, channel_path, team_path, outcome, first response, resolution time, csat, attributes',
  ].join('\n'),
  async run(values, positionals, io) {
    const [kind, ...files] = positionals;
    const out = str(values.out);
    if (!kind) throw new UsageError('Say what to export: handoffs, conversations or rejects.');
    if (!out) throw new UsageError('Give the output file with --out FILE.csv (or .ndjson, .parquet).');
    const { baton } = await openWithData(values, files, io);
    try {
      const written = await baton.export(kind, out);
      if (!values.quiet) io.err(`baton: wrote ${written.rows} ${kind} rows to ${written.path}`);
      return 0;
    } finally {
      await baton.close();
    }
  },
};

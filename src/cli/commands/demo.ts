// `baton demo`: write a simulated support operation in the generic format, so users can see and try the format.
import { writeDemoCsv, writeDemoNdjson } from '../../demo/index.js';
import { UsageError } from '../../model/errors.js';
import type { Command } from '../command.js';
import { str } from '../command.js';

export const demoCommand: Command = {
  name: 'demo',
  summary:
    'Generate a realistic simulated support operation (bot front door, tiers, teams, channels, warm/cold transfers, ping-pong, abandonment, CSAT, short transcripts).',
  usage: 'baton demo [--conversations N] [--seed S] [--out FILE.(csv|ndjson)[.gz]]',
  options: {
    conversations: { type: 'string', value: 'N', description: 'How many conversations (default 5000).' },
    seed: {
      type: 'string',
      value: 'S',
      description: 'Random seed; the same seed gives the same data (default 7).',
    },
    out: { type: 'string', short: 'o', value: 'FILE', description: 'Output file (default demo-events.csv).' },
  },
  async run(values, _positionals, io) {
    const conversations = Number(str(values.conversations) ?? 5000);
    const seed = Number(str(values.seed) ?? 7);
    if (!Number.isInteger(conversations) || conversations < 1)
      throw new UsageError('--conversations takes a whole number ≥ 1.');
    if (!Number.isInteger(seed)) throw new UsageError('--seed takes a whole number.');
    const out = str(values.out) ?? 'demo-events.csv';
    const ndjson = /\.(nd)?jsonl?(\.gz)?$/i.test(out) || /\.ndjson(\.gz)?$/i.test(out);
    const written = await (ndjson ? writeDemoNdjson : writeDemoCsv)(out, { conversations, seed });
    io.err(`baton: wrote ${written.events} events of ${written.conversations} conversations to ${out}`);
    return 0;
  },
};

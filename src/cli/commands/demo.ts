// `baton demo`: write a simulated support operation in the generic format, so users can see and try the format.
import {
  isPlantedPattern,
  PLANTED_PATTERNS,
  type PlantedPattern,
  writeDemoCsv,
  writeDemoNdjson,
} from '../../demo/index.js';
import { UsageError } from '../../model/errors.js';
import type { Command } from '../command.js';
import { str } from '../command.js';

export const demoCommand: Command = {
  name: 'demo',
  summary:
    'Generate a realistic simulated support operation (bot front door, tiers, teams, channels, warm/cold transfers, ping-pong, abandonment, CSAT, short transcripts).',
  usage:
    'baton demo [--conversations N] [--seed S] [--clean] [--plant NAME[,NAME]] [--out FILE.(csv|ndjson)[.gz]]',
  details: [
    'Failure patterns for --plant, each changing one mechanism by a known size (docs/demo.md):',
    '  ping-pong       Billing L1 sends half of what it picks up from Support L1 straight back',
    '  cold-transfers  after a cold transfer 35% of customers give up before pick-up; 65% repeat themselves',
    '  slow-channel    chat → email handoffs wait 6 times longer for the new owner',
    '  out-of-hours    handoffs outside Mon-Fri 08:00-18:00 UTC wait 5 times longer',
    '  misrouting      30% of billing conversations go first to Technical L2, which resolves 5% of them',
    '  premature-handoffs  Support L1, when first to own a conversation, passes 40% on to Technical L2 before replying',
    'With --clean, `baton diagnose` finds nothing; with --clean --plant NAME, it finds that pattern (and its direct consequences).',
  ].join('\n'),
  options: {
    conversations: { type: 'string', value: 'N', description: 'How many conversations (default 5000).' },
    seed: {
      type: 'string',
      value: 'S',
      description: 'Random seed; the same seed gives the same data (default 7).',
    },
    clean: {
      type: 'boolean',
      description:
        'Remove the built-in differences: no bot, every channel and team alike, staffed around the clock, warm = cold.',
    },
    plant: {
      type: 'string',
      value: 'NAME[,NAME]',
      multiple: true,
      description: `Plant failure patterns: ${PLANTED_PATTERNS.join(', ')}, comma-separated.`,
    },
    out: { type: 'string', short: 'o', value: 'FILE', description: 'Output file (default demo-events.csv).' },
  },
  async run(values, _positionals, io) {
    const conversations = Number(str(values.conversations) ?? 5000);
    const seed = Number(str(values.seed) ?? 7);
    if (!Number.isInteger(conversations) || conversations < 1)
      throw new UsageError('--conversations takes a whole number ≥ 1.');
    if (!Number.isInteger(seed)) throw new UsageError('--seed takes a whole number.');
    const plant = plantedPatterns(values.plant);
    const clean = values.clean === true;
    const out = str(values.out) ?? 'demo-events.csv';
    const ndjson = /\.(nd)?jsonl?(\.gz)?$/i.test(out) || /\.ndjson(\.gz)?$/i.test(out);
    const options = {
      conversations,
      seed,
      ...(clean ? { clean } : {}),
      ...(plant.length > 0 ? { plant } : {}),
    };
    const written = await (ndjson ? writeDemoNdjson : writeDemoCsv)(out, options);
    const extras = [clean ? 'clean' : '', ...plant.map((p) => `planted ${p}`)].filter(Boolean).join(', ');
    io.err(
      `baton: wrote ${written.events} events of ${written.conversations} conversations to ${out}${extras ? ` (${extras})` : ''}`,
    );
    return 0;
  },
};

/** `--plant a,b --plant c` → [a, b, c], each checked against the known patterns. */
function plantedPatterns(value: string | boolean | string[] | undefined): PlantedPattern[] {
  const raw = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  const names = raw
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  const out: PlantedPattern[] = [];
  for (const name of names) {
    if (!isPlantedPattern(name))
      throw new UsageError(`--plant: unknown pattern '${name}'. Choose from ${PLANTED_PATTERNS.join(', ')}.`);
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

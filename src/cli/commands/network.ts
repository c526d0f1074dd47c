// `baton network`: who hands work to whom (team, agent, channel or tier matrix), the common routes, and push-to-front.
import { UsageError } from '../../model/errors.js';
import { problem } from '../../model/problem.js';
import { NETWORK_LEVELS, parseLevel } from '../../network/levels.js';
import { DEFAULT_TOP, DEFAULT_VARIANTS, handoverNetwork } from '../../network/network.js';
import type { Command } from '../command.js';
import { str } from '../command.js';
import { renderNetwork } from '../render/network.js';
import { DATA_OPTIONS, ENGINE_OPTIONS, openWithData, writeJson } from '../shared-options.js';

function positiveInt(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (Number.isInteger(n) && n > 0) return n;
  throw new UsageError(`--${option} takes a whole number above 0, not '${value}'.`, [
    problem('bad-option-value', 'error', `--${option} '${value}' is not a positive whole number`, {
      field: option,
    }),
  ]);
}

export const networkCommand: Command = {
  name: 'network',
  summary:
    'Handover network: who hands work to whom (team, agent, channel or tier), the common routes, and push-to-front.',
  usage: `baton network (FILE... | --db FILE) [--level ${NETWORK_LEVELS.join('|')}] [--top N] [--variants N] [--json]`,
  options: {
    ...DATA_OPTIONS,
    ...ENGINE_OPTIONS,
    level: {
      type: 'string',
      value: NETWORK_LEVELS.join('|'),
      description: 'Owner field the matrix is drawn between. Default team.',
    },
    top: {
      type: 'string',
      value: 'N',
      description: `Busiest owners shown in the matrix; the rest are folded into (other) and counted. Default ${DEFAULT_TOP.agent} agents, ${DEFAULT_TOP.team} teams, channels or tiers.`,
    },
    variants: {
      type: 'string',
      value: 'N',
      description: `Most common paths listed before the rarer ones are folded. Default ${DEFAULT_VARIANTS}.`,
    },
    json: {
      type: 'boolean',
      description: 'Print {"level", "matrix", "nodes", "variants", "push_to_front"} JSON on stdout.',
    },
  },
  details: [
    'Definitions:',
    '  matrix cell      handoffs from the row owner to the column owner (the n of handoff_success_rate);',
    "                   share = the cell's part of all the row owner handed on; success = handoff_success_rate",
    '                   over the cell, with its 95% Wilson interval and n.',
    '  self-loop        a handoff that kept the owner at this level (the diagonal): agent to agent inside a',
    '                   team at team level, a channel switch by the same agent at agent level.',
    '  handed out / in  handoffs to / from a different owner; partners out / in: how many distinct owners;',
    '                   top partner: the owner it hands most to, with its share of what it hands out.',
    '  (none)           an empty owner field. At agent level the receiver is the agent whose reply completed',
    '                   the handoff (picked_up_by), so (none) as receiver is a handoff never picked up, and',
    '                   as sender a conversation nobody had picked up when it was handed on.',
    '  variant          a conversation path (team_path, channel_path: owners in order, repeats collapsed),',
    '                   with conversations, share, cumulative share, resolution_rate and',
    '                   resolution_time_median_s; rarer variants are folded and counted.',
    '  push-to-front    first_contact_resolution_rate: resolved by the owner it was first routed to, with no',
    '                   handoff and never reopened, by start channel and start team.',
    '  bot containment  of conversations first routed to a bot, the share resolved without ever being handed',
    '                   from the bot to a human.',
    '',
    'Examples:',
    '  baton network --db support.duckdb',
    '  baton network --db support.duckdb --level agent --top 10 --json',
  ].join('\n'),
  async run(values, positionals, io) {
    const level = parseLevel(str(values.level));
    const top = positiveInt(str(values.top), 'top');
    const variants = positiveInt(str(values.variants), 'variants');
    const { baton } = await openWithData(values, positionals, io, { text: false });
    try {
      await baton.ensureDerived();
      const network = await handoverNetwork(baton.analysisEngine, {
        level,
        tz: baton.tz,
        ...(top ? { top } : {}),
        ...(variants ? { variants } : {}),
      });
      if (values.json) writeJson(io, network);
      else io.out(renderNetwork(network));
      return 0;
    } finally {
      await baton.close();
    }
  },
};

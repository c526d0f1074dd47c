// The levels a handover network is drawn at, each a pair of catalog dimensions (who handed over, who received).
import { UsageError } from '../model/errors.js';
import { problem } from '../model/problem.js';

export type NetworkLevel = 'team' | 'agent' | 'channel' | 'tier';

export const NETWORK_LEVELS: readonly NetworkLevel[] = Object.freeze(['team', 'agent', 'channel', 'tier']);

/** Catalog dimension ids for the sending and receiving side of a handoff at each level. */
export const LEVEL_DIMENSIONS: Readonly<Record<NetworkLevel, { from: string; to: string }>> = Object.freeze({
  team: { from: 'from_team', to: 'to_team' },
  // A transfer to a queue names no agent: the agent who picked it up is who received the work.
  agent: { from: 'from_agent', to: 'picked_up_by' },
  channel: { from: 'from_channel', to: 'to_channel' },
  tier: { from: 'from_tier', to: 'to_tier' },
});

export function parseLevel(value: string | undefined): NetworkLevel {
  if (value === undefined) return 'team';
  const level = NETWORK_LEVELS.find((l) => l === value.trim().toLowerCase());
  if (level) return level;
  throw new UsageError(`Unknown --level '${value}'. Levels: ${NETWORK_LEVELS.join(', ')}.`, [
    problem('unknown-level', 'error', `'${value}' is not one of ${NETWORK_LEVELS.join(', ')}`, {
      field: 'level',
    }),
  ]);
}

// The planted unclear trigger: the first human team passes a conversation on before anyone has answered.
import { PLANTS } from './plant.js';
import type { Agent } from './scenario.js';
import { planted, teamOf } from './sim-behaviour.js';
import { transfer } from './sim-events.js';
import type { Arrival, SimState } from './sim-state.js';
import { agentTime } from './sim-timing.js';

/** With `premature-handoffs` planted, the silent transfer that replaces the first owner's work; else nothing. */
export function prematureHandoff(s: SimState, agent: Agent): Arrival | undefined {
  const p = PLANTS.premature;
  // The draw happens only when planted, so every other variant keeps its random stream.
  if (!planted(s.behaviour, 'premature-handoffs') || s.humanOwners !== 1 || s.owner.team !== p.from)
    return undefined;
  if (!s.random.bernoulli(p.share)) return undefined;
  const at = agentTime(s, agent).at;
  transfer(s, teamOf(s.behaviour, p.to), '', s.owner.channel, at, {
    reason: p.reason,
    transfer_type: 'cold',
  });
  return { via: 'team', warm: false, previous: agent, fromTeam: p.from };
}

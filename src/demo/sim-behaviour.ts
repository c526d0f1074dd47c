// The simulation's behaviour switches (plant.ts): which profiles, teams and routing a conversation sees.
import { CLEAN_TEAM_NAMES, cleanProfile, cleanTeam } from './clean.js';
import { type Behaviour, PLANTS, type PlantedPattern } from './plant.js';
import type { Random } from './random.js';
import {
  type Agent,
  type Category,
  type ChannelName,
  type ChannelProfile,
  channelByName,
  TEAMS,
  type Team,
  teamByName,
} from './scenario.js';

const AGENTS: ReadonlyMap<string, Agent> = new Map(
  TEAMS.flatMap((team) => team.agents.map((a) => [a.id, a])),
);

function agentById(id: string): Agent {
  const agent = AGENTS.get(id);
  if (!agent) throw new RangeError(`unknown agent ${id}`);
  return agent;
}

export function planted(behaviour: Behaviour, pattern: PlantedPattern): boolean {
  return behaviour.plants.has(pattern);
}

export function profileOf(behaviour: Behaviour, name: ChannelName): ChannelProfile {
  return behaviour.clean ? cleanProfile(name) : channelByName(name);
}

export function teamOf(behaviour: Behaviour, name: string): Team {
  return behaviour.clean ? cleanTeam(name) : teamByName(name);
}

export function agentOf(behaviour: Behaviour, id: string): Agent {
  return behaviour.clean ? cleanTeam(agentById(id).team).agents.find((a) => a.id === id)! : agentById(id);
}

/** The first human team: the category's routing, uniform when clean, and the planted misrouting. */
export function route(behaviour: Behaviour, random: Random, category: Category): string {
  const misroute = PLANTS.misrouting;
  if (
    planted(behaviour, 'misrouting') &&
    category.name === misroute.category &&
    random.bernoulli(misroute.routedShare)
  ) {
    return misroute.team;
  }
  return behaviour.clean ? random.pick(CLEAN_TEAM_NAMES) : random.weighted(category.routing);
}

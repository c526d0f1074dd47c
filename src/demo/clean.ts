// The clean simulation's uniform operation: one timing profile for every channel, every team staffed alike.
import {
  byName,
  CHANNELS,
  type ChannelName,
  type ChannelProfile,
  channelByName,
  type Shift,
  TEAMS,
  type Team,
  type TeamName,
} from './scenario.js';

/** Always on: nobody's shift ends, so no queue waits for the morning and no shift handovers. */
const AROUND_THE_CLOCK: Shift = Object.freeze({
  name: 'around-the-clock',
  days: Object.freeze([0, 1, 2, 3, 4, 5, 6]) as readonly number[],
  startHour: 0,
  endHour: 24,
});

// Chat's timings under every channel's name: a channel pair then differs from another only by its name.
const chat = channelByName('chat');
const PROFILES: ReadonlyMap<ChannelName, ChannelProfile> = new Map(
  CHANNELS.map((c) => [c.name, Object.freeze({ ...chat, name: c.name, botFrontDoor: false })]),
);

const CLEAN_TEAMS: readonly Team[] = Object.freeze(
  TEAMS.map((team) =>
    Object.freeze({
      ...team,
      pickupFactor: 1,
      agents: Object.freeze(team.agents.map((a) => Object.freeze({ ...a, shift: AROUND_THE_CLOCK }))),
    }),
  ),
);

export const CLEAN_CHANNELS: readonly ChannelName[] = Object.freeze(CHANNELS.map((c) => c.name));

export function cleanProfile(name: ChannelName): ChannelProfile {
  return PROFILES.get(name)!;
}

export function cleanTeam(name: string): Team {
  return byName(CLEAN_TEAMS, name, 'team');
}

/** Every team, for uniform routing. */
export const CLEAN_TEAM_NAMES: readonly TeamName[] = Object.freeze(CLEAN_TEAMS.map((t) => t.name));

/** The next team round the ring that has not owned the conversation yet; undefined when all have. */
export function nextInRing(here: string, owned: ReadonlySet<string>): TeamName | undefined {
  const at = CLEAN_TEAM_NAMES.indexOf(here as TeamName);
  for (let step = 1; step < CLEAN_TEAM_NAMES.length; step++) {
    const team = CLEAN_TEAM_NAMES[(at + step) % CLEAN_TEAM_NAMES.length]!;
    if (!owned.has(team)) return team;
  }
  return undefined;
}

// Simulates one support conversation from first contact to resolution or abandonment, as generic-format events.
import { botFrontDoor } from './bot-front-door.js';
import type { DemoEvent } from './generate.js';
import { handOff } from './hand-off.js';
import { introduce } from './introduce.js';
import { afterResolution } from './outcome.js';
import { coldDrop, pickUp } from './pick-up.js';
import { prematureHandoff } from './premature.js';
import { agentOf, route, teamOf } from './sim-behaviour.js';
import { assign, customerSays } from './sim-events.js';
import { type Arrival, newSimState, type Outcome, type SimState } from './sim-state.js';
import { work } from './work.js';

export class ConversationSim {
  private readonly s: SimState;

  /** Seed and stream pick the conversation's random draws; see newSimState for the rest. */
  constructor(...args: Parameters<typeof newSimState>) {
    this.s = newSimState(...args);
  }

  /** Every event of the conversation, in time order. */
  run(): DemoEvent[] {
    const s = this.s;
    let next: Arrival | Outcome;
    if (s.channel.botFrontDoor) {
      next = botFrontDoor(s);
    } else {
      const clean = s.behaviour.clean;
      if (clean || s.channel.name === 'email') customerSays(s, s.issue.opening, s.start);
      const team = teamOf(s.behaviour, route(s.behaviour, s.random, s.category));
      // A call is routed as it comes in; an email waits for the routing rules to run.
      const routedAt = s.channel.name === 'phone' && !clean ? s.start : s.t + s.random.int(2, 90);
      assign(s, team, '', routedAt);
      next = { via: 'routing', warm: false };
    }
    if (typeof next !== 'string') next = this.humanLoop(next);
    if (next === 'resolved') afterResolution(s);
    return s.events;
  }

  /** Owner after owner until one resolves it or the customer gives up. */
  private humanLoop(first: Arrival): Outcome {
    const s = this.s;
    let arrival = first;
    for (;;) {
      if (coldDrop(s, arrival)) return 'abandoned';
      const agent = s.owner.agent ? agentOf(s.behaviour, s.owner.agent) : pickUp(s, arrival);
      if (!agent) return 'abandoned';
      s.humanOwners++;
      const passed = prematureHandoff(s, agent);
      if (passed) {
        arrival = passed;
        continue;
      }
      introduce(s, agent, arrival);
      const outcome = work(s, agent, arrival);
      if (typeof outcome === 'string') return outcome;
      arrival = handOff(s, agent, outcome);
    }
  }
}

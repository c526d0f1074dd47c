// Runs the derivation steps in order, inside one transaction, and materialises ownership, handoffs and conversations.
import type { Engine } from '../engine/engine.js';
import { CONVERSATIONS_SQL } from './conversations-sql.js';
import { HANDOFFS_BASE_SQL, HANDOFFS_SQL } from './handoffs-sql.js';
import { BOTS_SQL, CONVERSATION_BASIS_SQL, ORDERED_EVENTS_SQL } from './ordered-events-sql.js';
import { OWNERSHIP_SQL } from './ownership-sql.js';

export const DERIVATION_STEPS: readonly { name: string; sql: string }[] = Object.freeze([
  { name: 'bots', sql: BOTS_SQL },
  { name: 'ordered events', sql: ORDERED_EVENTS_SQL },
  { name: 'conversation basis', sql: CONVERSATION_BASIS_SQL },
  { name: 'ownership', sql: OWNERSHIP_SQL },
  { name: 'handoffs', sql: HANDOFFS_BASE_SQL },
  { name: 'conversations', sql: CONVERSATIONS_SQL },
  { name: 'handoff outcomes', sql: HANDOFFS_SQL },
]);

/** Rebuilds every derived table from `events`. */
export async function deriveHandoffs(engine: Engine, onStep?: (name: string) => void): Promise<void> {
  await engine.transaction(async () => {
    for (const step of DERIVATION_STEPS) {
      onStep?.(step.name);
      await engine.run(step.sql);
    }
    await engine.run(
      'DROP TABLE IF EXISTS handoffs_base; DROP TABLE IF EXISTS ordered_events; DROP TABLE IF EXISTS conversation_basis',
    );
  });
}

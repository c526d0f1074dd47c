// Which cohort each row of a grain belongs to, as one SQL CASE; conversations can join a cohort through their handoffs.
import type { Dialect } from '../engine/dialect.js';
import type { SqlParams } from '../engine/sql-engine.js';
import { dimensionSql } from '../metrics/compile.js';
import { catalog } from '../metrics/registry.js';
import type { Grain } from '../metrics/types.js';
import type { Cohort } from './cohort.js';

export interface CohortSql {
  /** CASE naming each row's cohort: 'a', 'b' or NULL (in neither, or left out of both). */
  side: string;
  /** Condition true for the rows that match both cohorts and are left out of both (through-handoff rule only). */
  both?: string;
}

/** How a conversation joins a cohort defined by handoff attributes, for the output and the help. */
export const THROUGH_HANDOFFS_RULE =
  'a conversation is in a cohort when at least one of its handoffs matches it (conversation attributes such as segment or date are read on the conversation); conversations matching both cohorts are left out of both and counted';

/**
 * The cohort CASE at `grain`, binding values into `params`. When every condition slices the grain, a row is
 * in the first cohort whose conditions all hold. A conversation metric with cohorts on handoff attributes
 * (transfer_type=cold) uses THROUGH_HANDOFFS_RULE. Null when the cohorts cannot be read at the grain at all.
 */
export function cohortSql(
  grain: Grain,
  a: Cohort,
  b: Cohort,
  params: SqlParams,
  dialect: Dialect,
): CohortSql | null {
  const direct = (cohort: Cohort, key: string): string | null => {
    const parts: string[] = [];
    for (const [i, c] of cohort.conditions.entries()) {
      const d = catalog.dimension(c.dimension);
      if (d?.sql[grain] === undefined) return null;
      params[`${key}_${i}`] = c.value;
      parts.push(`CAST((${dimensionSql(d, grain, dialect)}) AS ${dialect.textType}) ${c.op} $${key}_${i}`);
    }
    return parts.join(' AND ');
  };
  const sideA = direct(a, 'cohort_a');
  const sideB = direct(b, 'cohort_b');
  if (sideA !== null && sideB !== null)
    return { side: `CASE WHEN ${sideA} THEN 'a' WHEN ${sideB} THEN 'b' END` };
  if (grain !== 'conversation') return null;
  const inA = throughHandoffs(a, 'cohort_a', params, dialect);
  const inB = throughHandoffs(b, 'cohort_b', params, dialect);
  if (inA === null || inB === null) return null;
  const both = `(${inA}) AND (${inB})`;
  return { side: `CASE WHEN ${both} THEN NULL WHEN ${inA} THEN 'a' WHEN ${inB} THEN 'b' END`, both };
}

/** Conversation attributes on the conversation, handoff attributes on any one of its handoffs (all on the same one). */
function throughHandoffs(cohort: Cohort, key: string, params: SqlParams, dialect: Dialect): string | null {
  const onConversation: string[] = [];
  const onHandoff: string[] = [];
  for (const [i, c] of cohort.conditions.entries()) {
    const d = catalog.dimension(c.dimension);
    if (!d || (d.sql.conversation === undefined && d.sql.handoff === undefined)) return null;
    params[`${key}_${i}`] = c.value;
    const test = (grain: Grain) =>
      `CAST((${dimensionSql(d, grain, dialect)}) AS ${dialect.textType}) ${c.op} $${key}_${i}`;
    if (d.sql.conversation !== undefined) onConversation.push(test('conversation'));
    else onHandoff.push(test('handoff'));
  }
  if (onHandoff.length === 0) return onConversation.join(' AND ');
  const handoffs = `conversation_id IN (SELECT conversation_id FROM handoffs WHERE ${onHandoff.join(' AND ')})`;
  return [...onConversation, handoffs].join(' AND ');
}

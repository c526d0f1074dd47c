// The last step shared by the CSV and XES sources: activities become event types, and teams give tiers.
import type { SqlParams } from '../../engine/engine.js';
import { EVENT_FIELDS } from '../../model/schema.js';
import { activityEventSql, tierFromSql } from '../activity-sql.js';
import type { SourceOptions } from '../source.js';

/**
 * SQL building `import_raw` from `inner`, a relation with one `raw_<field>` column per canonical field,
 * plus `raw_activity` when the log names activities and `source_row` when `withSourceRow`.
 * With an activity, event type and actor come from it (activityEventSql) and the activity is the text
 * when there is none, so two activities at the same second are two events, not one repeated.
 * With --tier-from, a team the expression does not match is on line 1: an empty tier would mean
 * "tier unchanged" (docs/semantics.md §2) and a case moving back to the first line would keep tier 2.
 */
export function importRawSql(
  inner: string,
  options: SourceOptions,
  params: SqlParams,
  shape: { activity: boolean; withSourceRow: boolean; extra?: readonly string[] },
): string {
  return `CREATE TEMP TABLE import_raw AS ${importRawSelect(inner, options, params, shape)}`;
}

/** The SELECT behind importRawSql, for a source that lets the pipeline read it directly (no import_raw copy). */
export function importRawSelect(
  inner: string,
  options: SourceOptions,
  params: SqlParams,
  shape: { activity: boolean; withSourceRow: boolean; extra?: readonly string[] },
): string {
  const columns: string[] = [...(shape.withSourceRow ? ['source_row'] : []), ...(shape.extra ?? [])];
  const events = shape.activity ? activityEventSql('raw_activity', options, params) : null;
  const tier = tierFromSql('raw_team', options, params);
  for (const field of EVENT_FIELDS) {
    let value = `raw_${field}`;
    // A row without an activity has no event type and is rejected as such, never guessed at.
    if (events && field === 'event_type')
      value = `CASE WHEN raw_activity IS NOT NULL THEN ${events.eventType} END`;
    else if (events && field === 'actor')
      value = `CASE WHEN raw_activity IS NOT NULL THEN ${events.actor} END`;
    else if (events && field === 'text') value = 'coalesce(raw_text, raw_activity)';
    else if (tier && field === 'tier')
      value = `coalesce(raw_tier, CASE WHEN raw_team IS NOT NULL THEN coalesce(${tier}, '1') END)`;
    columns.push(`${value} AS raw_${field}`);
  }
  return `SELECT ${columns.join(', ')} FROM (${inner})`;
}

/** How the derived fields were filled, for `inspect`. */
export function derivedMapping(
  options: SourceOptions,
  activityFrom: string | null,
  mapping: Record<string, string>,
): Record<string, string> {
  const out = { ...mapping };
  if (activityFrom) {
    out.event_type = `activity ${activityFrom}`;
    out.actor = `activity ${activityFrom}`;
    out.text = out.text ?? `activity ${activityFrom}`;
  }
  if (options.tierFrom && out.team && !out.tier)
    out.tier = `team ${out.team} ~ /${options.tierFrom}/, else 1`;
  return out;
}

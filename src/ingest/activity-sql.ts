// Activity logs (XES, process-mining CSVs) have activities, not event types: this maps one to the other in SQL.
import type { SqlParams } from '../engine/engine.js';
import type { SourceOptions } from './source.js';

export const ACTIVITY_DEFAULTS = Object.freeze({
  resolve: '^(closed|resolved|completed|closure|resolve ticket|close ticket)\\b',
  reopen: '^(re-?open(ed)?)\\b',
  owner: '.*',
});

/**
 * SQL giving (raw_event_type, raw_actor) for an activity held in the VARCHAR expression `activity`.
 * Work done by a resource is read as an outbound agent action, so owners follow who worked on the case
 * (implicit ownership, docs/semantics.md §2); resolving and reopening activities close and reopen it.
 * The regular expressions are bound as $activity_resolve, $activity_reopen and $activity_owner.
 */
export function activityEventSql(
  activity: string,
  options: SourceOptions,
  params: SqlParams,
): {
  eventType: string;
  actor: string;
} {
  params.activity_resolve = `(?i)${options.resolveActivities ?? ACTIVITY_DEFAULTS.resolve}`;
  params.activity_reopen = `(?i)${options.reopenActivities ?? ACTIVITY_DEFAULTS.reopen}`;
  params.activity_owner = `(?i)${options.ownerActivities ?? ACTIVITY_DEFAULTS.owner}`;
  const kind = `CASE WHEN regexp_matches(${activity}, $activity_resolve) THEN 'resolve'
    WHEN regexp_matches(${activity}, $activity_reopen) THEN 'reopen'
    WHEN regexp_matches(${activity}, $activity_owner) THEN 'message' ELSE 'note' END`;
  return {
    eventType: kind,
    actor: `CASE WHEN (${kind}) = 'message' THEN 'agent' WHEN (${kind}) = 'note' THEN 'system' END`,
  };
}

/** SQL deriving the tier from a team name with the user's regex (bound as $tier_from); NULL when it does not match. */
export function tierFromSql(team: string, options: SourceOptions, params: SqlParams): string | null {
  if (!options.tierFrom) return null;
  params.tier_from = options.tierFrom;
  return `nullif(coalesce(nullif(regexp_extract(${team}, $tier_from, 1), ''), regexp_extract(${team}, $tier_from, 0)), '')`;
}

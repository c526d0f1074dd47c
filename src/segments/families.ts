// The families of breakdowns `segments` shows (time, channel, team, agent, customer segment, category, priority) and its default metrics.

export type SegmentFamily = 'time' | 'channel' | 'team' | 'agent' | 'segment' | 'category' | 'priority';

export interface FamilySpec {
  readonly family: SegmentFamily;
  /** Catalog dimension ids, in the order shown. */
  readonly dimensions: readonly string[];
}

export const SEGMENT_FAMILIES: readonly FamilySpec[] = Object.freeze([
  { family: 'time', dimensions: ['hour_weekday', 'day_type', 'peak', 'business_hours'] },
  { family: 'channel', dimensions: ['channel_pair'] },
  { family: 'team', dimensions: ['from_team', 'to_team', 'team_pair'] },
  { family: 'agent', dimensions: ['to_agent'] },
  { family: 'segment', dimensions: ['segment'] },
  { family: 'category', dimensions: ['category'] },
  { family: 'priority', dimensions: ['priority'] },
]);

/** What a support lead asks first: do handoffs succeed, how long do customers wait, do they give up, what does it cost. */
export const DEFAULT_SEGMENT_METRICS: readonly string[] = Object.freeze([
  'handoff_success_rate',
  'handoff_time_median_s',
  'abandonment_after_handoff_rate',
  'resolution_time_median_s',
  'csat_avg',
]);

export const isSegmentFamily = (name: string): name is SegmentFamily =>
  SEGMENT_FAMILIES.some((f) => f.family === name);

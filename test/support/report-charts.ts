// The report's charts as the tests expect them, by element id: one list for the HTML and the browser tests.
export const REPORT_CHARTS: readonly string[] = Object.freeze([
  'funnel',
  'sankey-channel',
  'sankey-team',
  'team-matrix',
  'hour-weekday-volume',
  'hour-weekday-time',
  'handoff-time',
  'resolution-by-handoffs',
  'csat-by-handoffs',
]);

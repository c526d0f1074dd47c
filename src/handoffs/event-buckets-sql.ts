// The event grain's fact table: events counted per 15-minute bucket and type, so event metrics never scan events.
import type { Dialect } from '../engine/dialect.js';

/** Quarter hours, because every time zone's offset from UTC is a whole number of them. */
export const eventBucketsSql = (d: Dialect): string[] =>
  d.createTable(
    'event_buckets',
    `SELECT ${d.quarterHour('ts')} AS ts, event_type, count(*) AS n
FROM events GROUP BY ${d.quarterHour('ts')}, event_type ORDER BY 1, 2`,
  );

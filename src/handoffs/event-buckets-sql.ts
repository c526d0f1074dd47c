// The event grain's fact table: events counted per 15-minute bucket and type, so event metrics never scan events.

/** Quarter hours, because every time zone's offset from UTC is a whole number of them. */
export const EVENT_BUCKETS_SQL = `CREATE OR REPLACE TABLE event_buckets AS
SELECT time_bucket(INTERVAL 15 MINUTE, ts) AS ts, event_type, count(*) AS n
FROM events GROUP BY ALL ORDER BY ts, event_type`;

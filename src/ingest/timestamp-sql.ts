// One SQL expression that turns a text timestamp into a UTC instant, following the generic format's rules.

const EPOCH = String.raw`^\s*\d{1,16}(\.\d+)?\s*$`;
// An offset only counts after a time of day, so the date '2024-01-05' is not read as offset -05.
const WITH_OFFSET = String.raw`\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*([zZ]|[+-]\d{2}(:?\d{2})?)$`;

/**
 * `text` is a SQL expression yielding VARCHAR, `shape` its tests (timestampShape, or columns holding them);
 * `$tz` must be bound to the zone for naive times.
 * Epoch numbers of 1e11 or more are milliseconds (1e11 seconds is the year 5138).
 * Returns NULL where the text cannot be read.
 */
export function parseTimestampSql(text: string, withFormat: boolean, shape: TimestampShape): string {
  // A spreadsheet's own format (--date-format, bound as $date_format) is tried first, read in --tz.
  const custom = withFormat
    ? `WHEN try_strptime(trim(${text}), $date_format) IS NOT NULL
      THEN CAST(timezone($tz, CAST(try_strptime(trim(${text}), $date_format) AS TIMESTAMP)) AS TIMESTAMP)`
    : '';
  return `CASE ${custom}
    WHEN ${shape.epoch} THEN
      CASE WHEN TRY_CAST(trim(${text}) AS DOUBLE) >= 1e11
        THEN make_timestamp(CAST(TRY_CAST(trim(${text}) AS DOUBLE) * 1000 AS BIGINT))
        ELSE make_timestamp(CAST(TRY_CAST(trim(${text}) AS DOUBLE) * 1000000 AS BIGINT)) END
    WHEN ${shape.offset} THEN CAST(TRY_CAST(${text} AS TIMESTAMPTZ) AS TIMESTAMP)
    ELSE CAST(timezone($tz, TRY_CAST(${text} AS TIMESTAMP)) AS TIMESTAMP)
  END`;
}

/** SQL tests for the text's shape: an epoch number, or a time of day with an offset. */
export interface TimestampShape {
  epoch: string;
  offset: string;
}

export function timestampShape(text: string): TimestampShape {
  return {
    epoch: `regexp_matches(${text}, '${EPOCH}')`,
    offset: `regexp_matches(${text}, '${WITH_OFFSET}')`,
  };
}

/** SQL: true when the text carries its own zone (an offset, Z, or an epoch number, which is UTC by definition). */
export function hasZoneSql(shape: TimestampShape): string {
  return `(${shape.epoch} OR ${shape.offset})`;
}

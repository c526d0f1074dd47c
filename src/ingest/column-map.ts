// Resolves which column of a user's file feeds each canonical field: exact name, then --map, then case-insensitive match.
import { DataError, UsageError } from '../model/errors.js';
import { type Problem, problem } from '../model/problem.js';
import { EVENT_FIELDS, type EventField, REQUIRED_FIELDS } from '../model/schema.js';

export type ColumnMap = Partial<Record<EventField, string>>;

/** Parses repeated `field=column` options. */
export function parseMapOptions(entries: readonly string[]): ColumnMap {
  const map: ColumnMap = {};
  const problems: Problem[] = [];
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    const field = eq > 0 ? entry.slice(0, eq).trim() : '';
    const column = eq > 0 ? entry.slice(eq + 1).trim() : '';
    if (!field || !column) {
      problems.push(
        problem('bad-map', 'error', `--map '${entry}' must look like field=column`, { field: entry }),
      );
    } else if (!(EVENT_FIELDS as readonly string[]).includes(field)) {
      problems.push(
        problem(
          'unknown-field',
          'error',
          `--map names '${field}', which is not a field; fields: ${EVENT_FIELDS.join(', ')}`,
          {
            field,
          },
        ),
      );
    } else {
      map[field as EventField] = column;
    }
  }
  if (problems.length) throw new UsageError('The --map options cannot be used as given.', problems);
  return map;
}

/**
 * The columns an --activity option names: one column (exact, then case-insensitive), or several joined
 * with `+` (`concept:name+lifecycle:transition`, read as `Accepted/In Progress`). Null when absent.
 */
export function activityColumns(columns: readonly string[], activity: string): string[] | null {
  const byLower = new Map(columns.map((c) => [c.trim().toLowerCase(), c]));
  const find = (name: string) => (columns.includes(name) ? name : byLower.get(name.trim().toLowerCase()));
  const whole = find(activity);
  if (whole !== undefined) return [whole];
  const parts = activity.split('+').map(find);
  if (parts.length > 1 && parts.every((p) => p !== undefined)) return parts as string[];
  return null;
}

/**
 * Decides the source column for every field; reports unknown mapped columns and missing required fields
 * together. An activity log (`activity` set) needs no event_type column: event types come from activities.
 */
export function resolveColumns(
  file: string,
  columns: readonly string[],
  map: ColumnMap,
  activity?: string,
): ColumnMap {
  const resolved: ColumnMap = {};
  const problems: Problem[] = [];
  const byLower = new Map(columns.map((c) => [c.trim().toLowerCase(), c]));
  if (activity !== undefined && activityColumns(columns, activity) === null) {
    problems.push(
      problem(
        'unknown-column',
        'error',
        `--activity ${activity}: the file has no column '${activity}'. Its columns: ${columns.join(', ')}`,
        { file, field: 'activity' },
      ),
    );
  }
  for (const field of EVENT_FIELDS) {
    const mapped = map[field];
    if (mapped !== undefined) {
      if (columns.includes(mapped)) resolved[field] = mapped;
      else {
        problems.push(
          problem(
            'unknown-column',
            'error',
            `--map ${field}=${mapped}: the file has no column '${mapped}'. Its columns: ${columns.join(', ')}`,
            { file, field },
          ),
        );
      }
      continue;
    }
    const found = byLower.get(field);
    if (found !== undefined) resolved[field] = found;
  }
  for (const field of REQUIRED_FIELDS) {
    if (field === 'event_type' && activity !== undefined) continue;
    if (resolved[field] === undefined && map[field] === undefined) {
      problems.push(
        problem(
          'missing-column',
          'error',
          `no column for required field '${field}'. The file's columns are: ${columns.join(', ')}. Name the column with --map ${field}=COLUMN.`,
          { file, field },
        ),
      );
    }
  }
  if (problems.length) throw new DataError(`Cannot read ${file}: its columns do not fit.`, problems);
  return resolved;
}

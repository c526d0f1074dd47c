// Reads the dashboard's filters and a chart cell from a request's query string, checked against the catalog.
import { catalog } from '../metrics/registry.js';
import type { Dimension, Grain } from '../metrics/types.js';
import { UsageError } from '../model/errors.js';
import { type Problem, problem } from '../model/problem.js';
import { SERVER_DIMENSIONS } from './server-dimensions.js';

/** Filters every view shares: catalog dimension = value, and a date range on the grain's own time column. */
export interface Filters {
  where: Record<string, string>;
  /** Inclusive dates (YYYY-MM-DD) in the business time zone. */
  from?: string;
  to?: string;
}

export type Params = Record<string, string[]>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Every query parameter with all its values, so repeated and unknown ones can be told apart. */
export function queryParams(url: string): Params {
  const params: Params = {};
  for (const [key, value] of new URL(url).searchParams) {
    params[key] ??= [];
    params[key].push(value);
  }
  return params;
}

/** Refuses parameters the route does not know, naming the ones it does. */
export function checkParams(params: Params, allowed: readonly string[], problems: Problem[]): void {
  for (const key of Object.keys(params)) {
    if (key === 'token' || key.startsWith('where.') || allowed.includes(key)) continue;
    problems.push(
      problem(
        'unknown-parameter',
        'error',
        `no parameter '${key}'. Parameters: ${[...allowed, 'where.DIMENSION'].join(', ')}`,
        {
          field: key,
        },
      ),
    );
  }
}

export function single(params: Params, key: string, problems: Problem[]): string | undefined {
  const values = params[key];
  if (!values) return undefined;
  if (values.length > 1)
    problems.push(problem('repeated-parameter', 'error', `give '${key}' once`, { field: key }));
  return values[0];
}

export const dimensionChoices = () => catalog.dimensions.map((d) => d.id).join(', ');

export function unknownDimension(id: string, field: string): Problem {
  return problem('unknown-dimension', 'error', `no dimension '${id}'. Dimensions: ${dimensionChoices()}`, {
    field,
  });
}

export function parseFilters(params: Params, problems: Problem[]): Filters {
  const where: Record<string, string> = {};
  for (const [key, values] of Object.entries(params)) {
    if (!key.startsWith('where.')) continue;
    const id = key.slice('where.'.length);
    if (!catalog.dimension(id)) problems.push(unknownDimension(id, key));
    else if (values.length > 1)
      problems.push(problem('repeated-parameter', 'error', `give '${key}' once`, { field: key }));
    else where[id] = values[0] ?? '';
  }
  const filters: Filters = { where };
  for (const key of ['from', 'to'] as const) {
    const value = single(params, key, problems);
    if (value === undefined || value === '') continue;
    if (DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))) filters[key] = value;
    else
      problems.push(problem('bad-date', 'error', `'${key}' must be a date like 2026-10-01`, { field: key }));
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    problems.push(
      problem('bad-date-range', 'error', `'from' (${filters.from}) is after 'to' (${filters.to})`, {
        field: 'from',
      }),
    );
  }
  return filters;
}

/** A chart cell: `cell=DIM:VALUE`, repeated for each dimension of the chart (team pair, hour and weekday, ...). */
export function parseCell(params: Params, problems: Problem[]): Record<string, string> {
  const cell: Record<string, string> = {};
  for (const entry of params.cell ?? []) {
    const colon = entry.indexOf(':');
    const id = colon < 0 ? entry : entry.slice(0, colon);
    if (colon <= 0)
      problems.push(
        problem('bad-cell', 'error', `cell '${entry}' must look like DIMENSION:VALUE`, { field: 'cell' }),
      );
    else if (!lookupDimension(id)) problems.push(unknownDimension(id, 'cell'));
    else cell[id] = entry.slice(colon + 1);
  }
  return cell;
}

/** Catalog dimensions, and the server's own (the handoff-time bucket of the distribution chart). */
export function lookupDimension(id: string): Dimension | undefined {
  return catalog.dimension(id) ?? SERVER_DIMENSIONS.find((d) => d.id === id);
}

export function throwIfProblems(problems: readonly Problem[]): void {
  if (problems.length) throw new UsageError('The request cannot be answered as asked.', problems);
}

/** True when every filter can be applied to rows of this grain. */
export function filtersFit(filters: Filters, grain: Grain): boolean {
  return Object.keys(filters.where).every((id) => catalog.dimension(id)?.sql[grain] !== undefined);
}

export const hasFilters = (f: Filters) =>
  Object.keys(f.where).length > 0 || f.from !== undefined || f.to !== undefined;

// The dashboard's only way out: same-origin fetches of the JSON API, with the token the page was opened with.
/// <reference lib="dom" />
import type { Filters } from '../server/filters.js';

const token = new URLSearchParams(location.search).get('token');

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Query-string pairs for the shared filters: where.DIM=VALUE, from, to. */
export function filterPairs(filters: Filters): [string, string][] {
  return [
    ...Object.entries(filters.where).map(([k, v]) => [`where.${k}`, v] as [string, string]),
    ...(filters.from ? [['from', filters.from] as [string, string]] : []),
    ...(filters.to ? [['to', filters.to] as [string, string]] : []),
  ];
}

export async function getJson<T>(path: string, pairs: [string, string][] = []): Promise<T> {
  const query = new URLSearchParams(pairs).toString();
  const response = await fetch(`${path}${query ? `?${query}` : ''}`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  const body = await response.json();
  if (!response.ok) {
    const problems = (body?.error?.problems ?? []) as { message: string }[];
    throw new ApiError(
      response.status,
      [body?.error?.message, ...problems.map((p) => p.message)].filter(Boolean).join(' '),
    );
  }
  return body as T;
}

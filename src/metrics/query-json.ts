// The JSON rows of a query result, shared by `baton query --json`, ask answers and the API.
import type { QueryResult } from './query.js';

/** `{"rows": [{dim..., metric: value, n, ci95}]}`; extra metrics add `n_<id>` and `ci95_<id>`. */
export function queryJson(result: QueryResult): { rows: Record<string, unknown>[] } {
  return {
    rows: result.rows.map((r) => {
      const row: Record<string, unknown> = { ...r.dimensions };
      result.metrics.forEach((id, i) => {
        const v = r.values[id];
        row[id] = v?.value ?? null;
        row[i === 0 ? 'n' : `n_${id}`] = v?.denominator ?? 0;
        row[i === 0 ? 'ci95' : `ci95_${id}`] = v?.ci95 ?? null;
      });
      return row;
    }),
  };
}

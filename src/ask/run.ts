// Runs a structured query through the catalog's own compiler: equality filters as `baton query` does, plus a date
// range and any-of filters as extra bound conditions built from the catalog's dimension SQL.
import type { Dialect } from '../engine/dialect.js';
import type { SqlEngine, SqlParams } from '../engine/sql-engine.js';
import { compileMetric, dimensionSql, type Filter } from '../metrics/compile.js';
import { mergeRows, planQuery, type QueryResult, type QueryRow } from '../metrics/query.js';
import { catalog } from '../metrics/registry.js';
import type { Dimension, Grain } from '../metrics/types.js';
import { describeRange } from './dates.js';
import type { AskQuery, DateRange } from './types.js';

export interface RunSpec {
  metrics: readonly string[];
  by: readonly string[];
  where: Readonly<Record<string, string | string[]>>;
  range: DateRange | null;
}

/** One side of the answer: the whole question, or one side of a comparison. */
export interface AskGroup {
  label: string;
  spec: RunSpec;
  result: QueryResult;
  /** Bound values of each statement, in `result.sql` order, so the SQL shown can be re-run. */
  params: SqlParams[];
  /** Rankings only: groups left out for a sample under the minimum, or for naming no one ("(none)"). */
  leftOut?: { small: number; none: number };
}

// A condition on a grain as a pseudo-dimension compared to 'true': compileMetric binds it like any filter. Spelled
// out as text, because engines write a true condition as text differently ('true', '1').
const condition = (grain: Grain, sql: string): Filter => {
  const dimension: Dimension = {
    kind: 'dimension',
    id: 'ask_condition',
    title: '',
    description: '',
    sql: { [grain]: `CASE WHEN ${sql} THEN 'true' ELSE 'false' END` },
  };
  return { dimension, value: 'true' };
};

export async function runSpec(
  engine: SqlEngine,
  spec: RunSpec,
  tz: string,
): Promise<{ result: QueryResult; params: SqlParams[] }> {
  const equal: Record<string, string> = {};
  const anyOf: [string, string[]][] = [];
  for (const [id, value] of Object.entries(spec.where)) {
    if (typeof value === 'string') equal[id] = value;
    else anyOf.push([id, value]);
  }
  // The same checks and messages as `baton query`, for every dimension used; any-of filters are bound below.
  const plan = planQuery({
    metrics: spec.metrics,
    by: spec.by,
    where: { ...equal, ...Object.fromEntries(anyOf.map(([d, v]) => [d, v[0] ?? ''])) },
    tz,
  });
  const filters = plan.filters.filter((f) => f.dimension.id in equal);
  const d: Dialect = engine.dialect;
  const rows = new Map<string, QueryRow>();
  const sql: string[] = [];
  const allParams: SqlParams[] = [];
  for (const metric of plan.metrics) {
    const extra: Filter[] = [];
    const params: SqlParams = {};
    anyOf.forEach(([id, values], i) => {
      const names = values.map((v, j) => {
        params[`ask_in_${i}_${j}`] = v;
        return `$ask_in_${i}_${j}`;
      });
      extra.push(
        condition(
          metric.grain,
          `${dimensionSql(catalog.dimension(id)!, metric.grain, d)} IN (${names.join(', ')})`,
        ),
      );
    });
    if (spec.range) {
      // The catalog's date dimension reads the grain's own time column in the business time zone.
      params.ask_from = spec.range.from;
      params.ask_to = spec.range.to;
      extra.push(
        condition(
          metric.grain,
          `${dimensionSql(catalog.dimension('date')!, metric.grain, d)} BETWEEN $ask_from AND $ask_to`,
        ),
      );
    }
    const compiled = compileMetric(metric, plan.dims, [...filters, ...extra], tz, d);
    Object.assign(compiled.params, params);
    sql.push(compiled.sql);
    allParams.push(compiled.params);
    mergeRows(
      rows,
      metric,
      plan.dims,
      compiled.dimensionColumns,
      await engine.all(compiled.sql, compiled.params),
    );
  }
  const result: QueryResult = {
    metrics: plan.metrics.map((m) => m.id),
    by: plan.dims.map((d) => d.id),
    where: equal,
    rows: [...rows.values()],
    sql,
  };
  return { result, params: allParams };
}

/** Runs each side of the question; a ranking is ordered, cut to its minimum sample and limited here. */
export async function runAsk(engine: SqlEngine, query: AskQuery, tz: string): Promise<AskGroup[]> {
  const base: RunSpec = { metrics: query.metrics, by: query.by, where: query.where, range: query.range };
  const sides: { label: string; spec: RunSpec }[] = [];
  const compare = query.compare;
  if (compare && 'ranges' in compare) {
    for (const range of compare.ranges) sides.push({ label: describeRange(range), spec: { ...base, range } });
  } else if (compare) {
    for (const value of compare.values)
      sides.push({
        label: typeof value === 'string' ? value : value.join(', '),
        spec: { ...base, where: { ...base.where, [compare.dimension]: value } },
      });
  } else sides.push({ label: 'all', spec: base });
  const groups: AskGroup[] = [];
  for (const side of sides) {
    const { result, params } = await runSpec(engine, side.spec, tz);
    const group: AskGroup = { ...side, result, params };
    if (query.rank) rankGroup(group, query.rank);
    groups.push(group);
  }
  return groups;
}

function rankGroup(group: AskGroup, rank: NonNullable<AskQuery['rank']>): void {
  const metric = group.result.metrics[0]!;
  const dim = group.result.by[0]!;
  let small = 0;
  let none = 0;
  const kept = group.result.rows.filter((r) => {
    if (r.dimensions[dim] === '(none)' || r.dimensions[dim] === null) {
      none++;
      return false;
    }
    const v = r.values[metric];
    if ((v?.denominator ?? 0) < rank.minSample || v?.value === null || v?.value === undefined) {
      small++;
      return false;
    }
    return true;
  });
  const sign = rank.order === 'asc' ? 1 : -1;
  kept.sort(
    (a, b) =>
      sign * ((a.values[metric]!.value ?? 0) - (b.values[metric]!.value ?? 0)) ||
      String(a.dimensions[dim]).localeCompare(String(b.dimensions[dim])),
  );
  group.result = { ...group.result, rows: kept.slice(0, rank.limit) };
  group.leftOut = { small, none };
}

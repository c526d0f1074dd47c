// `ask` end to end: read the data's values, parse the question, run it through the catalog, phrase the answer.
import type { Baton } from '../baton.js';
import { type Diagnosis, diagnose } from '../diagnose/diagnose.js';
import { withSegmentScope } from '../diagnose/segment-scope.js';
import type { SqlParams } from '../engine/engine.js';
import { formatCount, formatInterval, formatNumber } from '../format/values.js';
import { catalog } from '../metrics/registry.js';
import type { MetricValue } from '../metrics/types.js';
import type { Problem } from '../model/problem.js';
import { readDataValues } from './data-values.js';
import { describeQuery } from './describe.js';
import { parseQuestion } from './parse.js';
import { type AskGroup, runAsk } from './run.js';
import type { AskQuery } from './types.js';

export interface AskAnswer {
  interpretation: AskQuery;
  /** The interpretation in words and every value with its 95% interval and sample size. */
  text: string;
  /** Every statement that ran, with its bound values as comments. */
  sql: string;
  groups: AskGroup[];
  /** "Why" questions: the diagnosis run on the segment asked about. */
  diagnosis?: Diagnosis;
}

export interface AskRefusal {
  error: Problem;
  /** Questions Baton can answer that are closest to the one asked. */
  suggestions: string[];
}

export interface AskOptions {
  /** YYYY-MM-DD that relative dates count from, in the business time zone. */
  today: string;
}

export async function askQuestion(
  baton: Baton,
  question: string,
  options: AskOptions,
): Promise<AskAnswer | AskRefusal> {
  await baton.ensureDerived();
  const values = await readDataValues(baton.analysisEngine);
  const parsed = parseQuestion(question, { today: options.today, values });
  if (!parsed.ok) return { error: parsed.problem, suggestions: parsed.suggestions };
  const query = parsed.query;
  const groups = await runAsk(baton.analysisEngine, query, baton.tz);
  // A segment's diagnosis shadows the derived tables with temporary copies; a read-only session's derived
  // tables are temporary already, so there it gives the numbers and says the diagnosis is left out.
  const scoped = !baton.readOnly;
  const diagnosis = query.intent === 'why' && scoped ? await segmentDiagnosis(baton, query) : undefined;
  const note =
    query.intent === 'why' && !scoped
      ? '\n\nThe diagnosis of a segment needs temporary copies of the derived tables, which a read-only session already uses for them: run it without --read-only.'
      : '';
  const text = phrase(query, groups) + (diagnosis ? `\n\n${diagnosisText(diagnosis)}` : '') + note;
  return { interpretation: query, text, sql: sqlText(groups), groups, ...(diagnosis ? { diagnosis } : {}) };
}

/** "Why" questions run the diagnosis on the segment asked about (its focus and filters). */
async function segmentDiagnosis(baton: Baton, query: AskQuery): Promise<Diagnosis> {
  const filter: Record<string, string[]> = {};
  for (const [d, v] of Object.entries(query.where)) filter[d] = Array.isArray(v) ? v : [v];
  for (const [d, v] of Object.entries(query.focus ?? {})) filter[d] = [...v];
  return withSegmentScope(baton.analysisEngine, baton.tz, filter, () =>
    diagnose(baton.analysisEngine, { tz: baton.tz }),
  );
}

function diagnosisText(d: Diagnosis): string {
  if (d.findings.length === 0) {
    return `Diagnosis of that segment: no finding passes the thresholds (${d.tests_run} tests, Benjamini-Hochberg q < 0.05).`;
  }
  return [
    `Diagnosis of that segment (${d.findings.length} findings from ${d.tests_run} tests; baton diagnose gives the evidence):`,
    ...d.findings.slice(0, 5).map((f) => `  - [${f.severity}] ${f.title} → ${f.recommendation.title}`),
  ].join('\n');
}

export function refusalText(refusal: AskRefusal): string {
  return [
    refusal.error.message,
    'Questions I can answer, closest first:',
    ...refusal.suggestions.map((q) => `  - ${q}`),
  ].join('\n');
}

function valueText(id: string, v: MetricValue | undefined): string {
  const m = catalog.metric(id)!;
  if (!v || v.value === null) return `no value (n = ${formatCount(v?.denominator ?? 0)} ${m.grain}s)`;
  const interval = v.ci95 ? `95% interval ${formatInterval(v, m.unit)}; ` : '';
  return `${formatNumber(v.value, m.unit)} (${interval}n = ${formatCount(v.denominator)} ${m.grain}s)`;
}

function rowLines(group: AskGroup, focus: AskQuery['focus'], indent: string): string[] {
  const { result } = group;
  if (result.rows.length === 0) return [`${indent}no data matches`];
  return result.rows.map((row, i) => {
    const key = result.by.map((d) => String(row.dimensions[d] ?? '(none)')).join(' / ');
    const marked = focus && result.by.some((d) => focus[d]?.includes(String(row.dimensions[d])));
    const values = result.metrics.map(
      (id) =>
        (result.metrics.length > 1 ? `${catalog.metric(id)!.title}: ` : '') + valueText(id, row.values[id]),
    );
    const label = result.by.length ? `${group.leftOut ? `${i + 1}. ` : ''}${key}: ` : '';
    return `${indent}${marked ? '* ' : ''}${label}${values.join('; ')}`;
  });
}

function overlapNote(query: AskQuery, groups: AskGroup[]): string | undefined {
  if (groups.length !== 2 || query.by.length) return undefined;
  const id = query.metrics[0]!;
  const [a, b] = groups.map((g) => g.result.rows[0]?.values[id]?.ci95);
  if (!a || !b) return undefined;
  return a[1] < b[0] || b[1] < a[0]
    ? 'The two 95% intervals do not overlap: the difference is unlikely to be chance.'
    : 'The two 95% intervals overlap: the difference could be chance.';
}

export function phrase(query: AskQuery, groups: AskGroup[]): string {
  const lines = [`${describeQuery(query)}:`];
  if (query.intent === 'why')
    lines.push(
      'Here is the breakdown behind the question' +
        (query.focus ? ', with the segment asked about marked *' : '') +
        '; the diagnosis of that segment follows. `baton diagnose` tests every segment for the five failure patterns.',
    );
  for (const group of groups) {
    if (groups.length > 1) lines.push(`  ${group.label}:`);
    lines.push(...rowLines(group, query.focus, groups.length > 1 ? '    ' : '  '));
    if (group.leftOut && (group.leftOut.small || group.leftOut.none)) {
      const notes = [];
      if (group.leftOut.small)
        notes.push(
          `${group.leftOut.small} with fewer than ${query.rank!.minSample} ${catalog.metric(query.metrics[0]!)!.grain}s`,
        );
      if (group.leftOut.none) notes.push('the rows naming no one ((none))');
      lines.push(`  Not ranked: ${notes.join(' and ')}.`);
    }
  }
  const note = overlapNote(query, groups);
  if (note) lines.push(note);
  return lines.join('\n');
}

const literal = (v: SqlParams[string]) =>
  typeof v === 'string' ? `'${v.replaceAll("'", "''")}'` : String(v);

function sqlText(groups: AskGroup[]): string {
  return groups
    .flatMap((g) =>
      g.result.sql.map((statement, i) => {
        const params = Object.entries(g.params[i] ?? {}).filter(([name]) => statement.includes(`$${name}`));
        const comment = params.map(([name, v]) => `-- $${name} = ${literal(v)}`).join('\n');
        return `${comment ? `${comment}\n` : ''}${statement};`;
      }),
    )
    .join('\n\n');
}

// Baton's public API: everything the CLI does is a call here first.
export {
  type Analysis,
  type AnalyzeOptions,
  analyze,
  type DataSummary,
  type TeamPairFailures,
} from './analysis/analyze.js';
export { channelFunnel, type FunnelRow } from './analysis/funnel.js';
export { type PathRow, topPaths } from './analysis/paths.js';
export { Baton, type ImportFilesOptions, type OpenOptions } from './baton.js';
export {
  type DemoEvent,
  type DemoOptions,
  generateDemoEvents,
  writeDemoCsv,
  writeDemoNdjson,
} from './demo/index.js';
export { Engine, type EngineOptions, type Row, type SqlParams, type SqlValue } from './engine/engine.js';
export { type ExportKind, exportTable } from './export/export-table.js';
export { DERIVATION_STEPS, deriveHandoffs, isDerived } from './handoffs/derive.js';
export { type ColumnMap, parseMapOptions } from './ingest/column-map.js';
export { type ImportOptions, type ImportReport, importFile, importWithSource } from './ingest/import-file.js';
export type { LoadedSource, ParseError, Source, SourceId, SourceOptions } from './ingest/source.js';
export { pickSource, readHead, SOURCES } from './ingest/sources/index.js';
export { type Inspection, inspect } from './inspect/inspect.js';
export { QUALITY_CHECKS, type QualityCheck } from './inspect/quality-checks.js';
export { metricByExpression } from './metrics/by-expression.js';
export { compileMetric, type Filter } from './metrics/compile.js';
export { planQuery, type QueryResult, type QueryRow, type QuerySpec, runQuery } from './metrics/query.js';
export { catalog, validateCatalog } from './metrics/registry.js';
export type {
  Dimension,
  GoodDirection,
  Grain,
  IntervalMethod,
  Metric,
  MetricValue,
  Unit,
} from './metrics/types.js';
export { DataError, ExitCode, UsageError } from './model/errors.js';
export { formatProblem, type Problem, type ProblemLocation, type Severity } from './model/problem.js';
export { ACTORS, EVENT_FIELDS, EVENT_TYPES, type EventField, type EventType } from './model/schema.js';
export { buildReport, type ReportData, type ReportOptions } from './report/build-report.js';
export { REPORT_FORMATS, type ReportFormat, renderReport } from './report/render-report.js';

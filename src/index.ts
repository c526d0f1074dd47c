// Baton's public API: everything the CLI does is a call here first.
export {
  type Analysis,
  type AnalyzeOptions,
  analyze,
  type DataSummary,
  mostFailedTeamPairs,
  type TeamPairFailures,
} from './analysis/analyze.js';
export { channelFunnel, type FunnelRow } from './analysis/funnel.js';
export { type PathRow, type PathScope, topPaths } from './analysis/paths.js';
export { type AskAnswer, type AskOptions, type AskRefusal, askQuestion, refusalText } from './ask/answer.js';
export { answerJson, localToday } from './ask/answer-json.js';
export { readDataValues } from './ask/data-values.js';
export { type ParseContext, type Parsed, parseQuestion } from './ask/parse.js';
export type { AskQuery, CompareSpec, DataValues, DateRange, Intent, RankSpec } from './ask/types.js';
export { Baton, type ImportFilesOptions, type OpenOptions } from './baton.js';
export { BENCHMARK_CAVEAT, BENCHMARK_SEGMENTS, type BenchmarkSegment } from './benchmarks/bands.js';
export {
  type BenchmarkComparison,
  compareToBenchmark,
  findSegment,
  type MetricComparison as BenchmarkMetricComparison,
} from './benchmarks/compare.js';
export { THROUGH_HANDOFFS_RULE } from './compare/cohort-sql.js';
export type { CohortValue, MetricComparison } from './compare/cohort-tests.js';
export {
  COMPARED_METRICS,
  type Cohort,
  type CohortCondition,
  type CompareOptions,
  type Comparison,
  compareCohorts,
} from './compare/compare.js';
export { compareRepeatExplanation, REPEAT_EXPLANATION } from './compare/repeat-explanation.js';
export {
  CLEAN,
  type DemoEvent,
  type DemoOptions,
  generateDemoEvents,
  PLANTED_PATTERNS,
  PLANTS,
  type PlantedPattern,
  writeDemoCsv,
  writeDemoNdjson,
} from './demo/index.js';
export { DEFAULT_THRESHOLDS, type Detector, type Thresholds } from './diagnose/detector.js';
export { agentOutliers } from './diagnose/detectors/agent-outliers.js';
export { type DiagnoseOptions, type Diagnosis, diagnose } from './diagnose/diagnose.js';
export type {
  Evidence,
  Finding,
  FindingSeverity,
  Impact,
  Measured,
  Pattern,
  Recommendation,
  Segment,
} from './diagnose/finding.js';
export {
  DEFAULT_MESSAGE_CAP_MINUTES,
  type HandoffCost,
  type HandoffCostOptions,
  handoffCost,
  type MonthlyHours,
} from './diagnose/handoff-cost.js';
export { STRATEGIES, type Strategy, type StrategyId } from './diagnose/recommendations.js';
export { type SegmentFilter, withSegmentScope } from './diagnose/segment-scope.js';
export { ClickHouseEngine, type ClickHouseOptions } from './engine/clickhouse-engine.js';
export type { Dialect, DialectName, OrderKeyParts, TimePart } from './engine/dialect.js';
export { clickhouseDialect } from './engine/dialects/clickhouse.js';
export { duckdbDialect } from './engine/dialects/duckdb.js';
export { postgresDialect } from './engine/dialects/postgres.js';
export { Engine, type EngineOptions, type Row, type SqlParams, type SqlValue } from './engine/engine.js';
export {
  ENGINE_NAMES,
  type EngineName,
  openWarehouse,
  type WarehouseOptions,
} from './engine/open-warehouse.js';
export { PostgresEngine, type PostgresOptions } from './engine/postgres-engine.js';
export type { SqlEngine, WarehouseEngine } from './engine/sql-engine.js';
export { type ExportKind, exportTable } from './export/export-table.js';
export { formatDuration, formatInterval, formatNumber } from './format/values.js';
export { type DerivationStep, derivationSteps, deriveHandoffs, isDerived } from './handoffs/derive.js';
export { type ColumnMap, parseMapOptions } from './ingest/column-map.js';
export { type ImportOptions, type ImportReport, importFile, importWithSource } from './ingest/import-file.js';
export type { LoadedSource, ParseError, Source, SourceId, SourceOptions } from './ingest/source.js';
export { pickSource, readHead, SOURCES } from './ingest/sources/index.js';
export { type Inspection, inspect, SAMPLE_COLUMNS } from './inspect/inspect.js';
export { QUALITY_CHECKS, type QualityCheck } from './inspect/quality-checks.js';
export { metricByExpression } from './metrics/by-expression.js';
export { compileMetric, type Filter } from './metrics/compile.js';
export { useBusinessHours } from './metrics/dimensions.js';
export {
  compilePartial,
  mergePartialsSql,
  type PartialQuery,
  partialStateColumns,
  type StateColumn,
} from './metrics/partials.js';
export {
  planQuery,
  type QueryResult,
  type QueryRow,
  type QuerySpec,
  runQuery,
  type ShrunkValue,
} from './metrics/query.js';
export { queryJson } from './metrics/query-json.js';
export { catalog, validateCatalog } from './metrics/registry.js';
export { runShardedQuery } from './metrics/sharded-query.js';
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
export { WAREHOUSE_EVENT_COLUMNS } from './model/warehouse-events.js';
export { BOT_CONTAINMENT } from './network/bot-containment.js';
export { type HandoverMatrix, type MatrixCell, NONE, OTHER } from './network/handover-matrix.js';
export { NETWORK_LEVELS, type NetworkLevel } from './network/levels.js';
export {
  DEFAULT_TOP,
  DEFAULT_VARIANTS,
  handoverNetwork,
  type Network,
  type NetworkOptions,
} from './network/network.js';
export type { NodeSummary } from './network/node-summary.js';
export { type PushToFront, pushToFront } from './network/push-to-front.js';
export { type Variant, type VariantList, variants } from './network/variants.js';
export { REDACTIONS, type Redaction } from './privacy/redact.js';
export { buildReport, type ReportData, type ReportOptions } from './report/build-report.js';
export { renderReport } from './report/render-report.js';
export { REPORT_FORMATS, type ReportFormat } from './report/report-format.js';
export { DEFAULT_SEGMENT_METRICS, SEGMENT_FAMILIES, type SegmentFamily } from './segments/families.js';
export {
  type SegmentBreakdown,
  type SegmentGroup,
  type SegmentsOptions,
  type SegmentsReport,
  segmentBreakdowns,
  type Verdict as SegmentVerdict,
} from './segments/segments.js';
export { type AppOptions, createApp } from './server/app.js';
export { DEFAULT_LIMITS, type Limits } from './server/limits.js';
export { type Listening, listen } from './server/listen.js';

// The demo data set: a seeded simulated support operation and writers for it in the generic event-log format.
export { DEMO_FIELDS, type DemoField } from './fields.js';
export {
  checkDemoOptions,
  DEFAULT_DAYS,
  DEFAULT_START,
  type DemoEvent,
  type DemoOptions,
  generateDemoEvents,
} from './generate.js';
export { CLEAN, isPlantedPattern, PLANTED_PATTERNS, PLANTS, type PlantedPattern } from './plant.js';
export { Random, type Weighted } from './random.js';
export * as scenario from './scenario.js';
export {
  csvField,
  csvRow,
  type DemoWriteResult,
  ndjsonRow,
  writeDemoCsv,
  writeDemoNdjson,
} from './write-csv.js';

// Mapping presets: a team maps its own export once (--save-mapping FILE) and reuses it (--mapping FILE).
import { readFile, writeFile } from 'node:fs/promises';
import { parseMapOptions } from '../ingest/column-map.js';
import { UsageError } from '../model/errors.js';
import { type Problem, problem } from '../model/problem.js';
import { list, str, type Values } from './command.js';

/** Options a preset may hold, by their CLI names. */
const PRESET_KEYS = Object.freeze([
  'source',
  'format',
  'tz',
  'tier-from',
  'date-format',
  'activity',
  'resolve-activities',
  'reopen-activities',
  'owner-activities',
]);

export interface MappingPreset {
  map?: Record<string, string>;
  [option: string]: string | Record<string, string> | undefined;
}

/** Values from `--mapping FILE`, with options given on the command line taking precedence. */
export async function applyMappingFile(values: Values): Promise<Values> {
  const file = str(values.mapping);
  if (!file) return values;
  let preset: unknown;
  try {
    preset = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(
      `Cannot read the mapping file ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const problems: Problem[] = [];
  if (typeof preset !== 'object' || preset === null || Array.isArray(preset)) {
    throw new UsageError(
      `The mapping file ${file} must hold a JSON object like {"map": {"conversation_id": "ticket"}}.`,
    );
  }
  const merged: Values = { ...values };
  for (const [key, value] of Object.entries(preset)) {
    if (key === 'map') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        problems.push(
          problem('bad-mapping-file', 'error', '"map" must be an object of field → column', {
            file,
            field: 'map',
          }),
        );
        continue;
      }
      const fromFile = Object.entries(value).map(([field, column]) => `${field}=${String(column)}`);
      merged.map = [...fromFile, ...list(values.map)];
    } else if (PRESET_KEYS.includes(key) && typeof value === 'string') {
      if (values[key] === undefined) merged[key] = value;
    } else {
      problems.push(
        problem(
          'bad-mapping-file',
          'error',
          `unknown or non-text key '${key}'; keys: map, ${PRESET_KEYS.join(', ')}`,
          {
            file,
            field: key,
          },
        ),
      );
    }
  }
  if (problems.length) throw new UsageError(`The mapping file ${file} cannot be used.`, problems);
  parseMapOptions(list(merged.map));
  return merged;
}

/** Writes the mapping options in effect to FILE so the next import can reuse them. */
export async function saveMappingFile(file: string, values: Values): Promise<void> {
  const preset: MappingPreset = {};
  const map = parseMapOptions(list(values.map));
  if (Object.keys(map).length) preset.map = map as Record<string, string>;
  for (const key of PRESET_KEYS) {
    const v = str(values[key]);
    if (v !== undefined) preset[key] = v;
  }
  await writeFile(file, `${JSON.stringify(preset, null, 2)}\n`);
}

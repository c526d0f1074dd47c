// Writes the demo event stream to CSV or NDJSON files (gzipped when the path ends in .gz), with backpressure.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { DEMO_FIELDS } from './fields.js';
import { checkDemoOptions, type DemoEvent, type DemoOptions, generateDemoEvents } from './generate.js';

export interface DemoWriteResult {
  conversations: number;
  events: number;
}

/** Lines are batched into chunks of about this many characters: one write per line would dominate the cost. */
const CHUNK = 1 << 16;

/** RFC 4180: quote a field holding a comma, quote, CR or LF, and double the quotes inside. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvRow(event: DemoEvent): string {
  return DEMO_FIELDS.map((field) => csvField(event[field])).join(',');
}

/** One JSON object, fields in the documented order, empty ones left out. */
export function ndjsonRow(event: DemoEvent): string {
  const present: Partial<DemoEvent> = {};
  for (const field of DEMO_FIELDS) if (event[field] !== '') present[field] = event[field];
  return JSON.stringify(present);
}

export async function writeDemoCsv(path: string, options: DemoOptions): Promise<DemoWriteResult> {
  return writeLines(path, options, DEMO_FIELDS.join(','), csvRow);
}

export async function writeDemoNdjson(path: string, options: DemoOptions): Promise<DemoWriteResult> {
  return writeLines(path, options, undefined, ndjsonRow);
}

async function writeLines(
  path: string,
  options: DemoOptions,
  header: string | undefined,
  format: (event: DemoEvent) => string,
): Promise<DemoWriteResult> {
  // Before the file exists: bad options should not leave an empty file behind.
  checkDemoOptions(options);
  const file = createWriteStream(path);
  const gzip = path.endsWith('.gz') ? createGzip() : undefined;
  const sink: Writable = gzip ?? file;
  const done = gzip ? pipeline(gzip, file) : finished(file);
  // Observed here so a failure while still generating is not reported as unhandled; it is awaited below.
  done.catch(() => {});

  let conversations = 0;
  let events = 0;
  let previous = '';
  let chunk = header === undefined ? '' : header + '\n';
  const flush = async (): Promise<void> => {
    if (sink.destroyed) return;
    if (!sink.write(chunk)) await Promise.race([once(sink, 'drain'), done]);
    chunk = '';
  };
  try {
    for (const event of generateDemoEvents(options)) {
      if (event.conversation_id !== previous) {
        conversations++;
        previous = event.conversation_id;
      }
      events++;
      chunk += format(event) + '\n';
      if (chunk.length >= CHUNK) {
        await flush();
        // A failed destination stops the generation instead of simulating into the void.
        if (sink.destroyed) break;
      }
    }
    if (chunk.length > 0) await flush();
  } catch (error) {
    sink.destroy();
    file.destroy();
    throw error;
  }
  if (!sink.destroyed) sink.end();
  await done;
  return { conversations, events };
}

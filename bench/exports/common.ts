// Streams the seeded demo operation (generateDemoEvents) to disk in a vendor's export format until the file
// reaches a byte target, with backpressure: only the current conversation and one output chunk are in memory.
import { once } from 'node:events';
import {
  createWriteStream,
  existsSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename } from 'node:path';
import { type DemoEvent, generateDemoEvents } from '../../src/demo/generate.js';

/** Turns whole conversations into export text; one instance per file (writers keep id counters). */
export interface ExportWriter {
  /** `--source` name of the importer that reads the file. */
  readonly source: string;
  /** File extension, without the dot. */
  readonly extension: string;
  header(): string;
  /** The text for one conversation (its events together and in time order), or '' when it gives nothing. */
  conversation(events: readonly DemoEvent[]): string;
  footer(): string;
}

export interface ExportMeta {
  source: string;
  file: string;
  writer_version: number;
  seed: number;
  target_bytes: number;
  bytes: number;
  /** Conversations asked of the generator (sets how arrivals spread over the 60 days). */
  generator_conversations: number;
  conversations: number;
  /** Demo events read from the generator for the conversations written (some have no vendor equivalent). */
  demo_events: number;
  write_s: number;
}

/** Bump when a writer's output changes, so cached exports are rewritten. */
export const WRITER_VERSION = 2;
export const SEED = 1;
const CHUNK_BYTES = 1 << 20;
const CALIBRATION_CONVERSATIONS = 2000;

/** The demo stream grouped into conversations (the generator yields each one's events together). */
export function* conversations(options: { conversations: number; seed: number }): Generator<DemoEvent[]> {
  let current: DemoEvent[] = [];
  for (const event of generateDemoEvents(options)) {
    if (current.length > 0 && current[0]!.conversation_id !== event.conversation_id) {
      yield current;
      current = [];
    }
    current.push(event);
  }
  if (current.length > 0) yield current;
}

/** Epoch seconds of an ISO timestamp. */
export const epochSeconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

/** The conversation's attribute from the first event that has it (the demo puts them on the first event). */
export function attribute(events: readonly DemoEvent[], field: keyof DemoEvent): string {
  for (const e of events) if (e[field]) return e[field];
  return '';
}

/** Digits of an id like `C000123` or `CU000045`, as a number. */
export const idNumber = (id: string): number => Number(id.replace(/\D/g, '')) || 0;

/**
 * Estimates how many conversations make `targetBytes` of this format (from the first conversations of the
 * same seed), with a margin so the stream passes the target before the generator runs out.
 */
function conversationsFor(make: () => ExportWriter, targetBytes: number, seed: number): number {
  const writer = make();
  let bytes = Buffer.byteLength(writer.header());
  let n = 0;
  for (const events of conversations({ conversations: CALIBRATION_CONVERSATIONS, seed })) {
    bytes += Buffer.byteLength(writer.conversation(events));
    n++;
  }
  const perConversation = bytes / Math.max(n, 1);
  return Math.ceil((targetBytes / perConversation) * 1.15) + 100;
}

/**
 * Writes the export to `file` (through `file.partial`, renamed when complete): conversations in order until
 * the bytes written pass `targetBytes`, stopping at the conversation boundary.
 */
export async function writeExport(
  make: () => ExportWriter,
  file: string,
  targetBytes: number,
  seed = SEED,
): Promise<ExportMeta> {
  const started = performance.now();
  const count = conversationsFor(make, targetBytes, seed);
  const writer = make();
  const partial = `${file}.partial`;
  const out = createWriteStream(partial, { highWaterMark: CHUNK_BYTES });
  let bytes = 0;
  let pending: string[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    const chunk = pending.join('');
    pending = [];
    pendingBytes = 0;
    // Backpressure: wait for the stream to drain before producing more (once() rejects on 'error').
    if (!out.write(chunk)) await once(out, 'drain');
  };
  const add = async (text: string) => {
    if (!text) return;
    const n = Buffer.byteLength(text);
    bytes += n;
    pending.push(text);
    pendingBytes += n;
    if (pendingBytes >= CHUNK_BYTES) await flush();
  };
  let written = 0;
  let demoEvents = 0;
  try {
    await add(writer.header());
    for (const events of conversations({ conversations: count, seed })) {
      await add(writer.conversation(events));
      written++;
      demoEvents += events.length;
      if (bytes >= targetBytes) break;
    }
    await add(writer.footer());
    await flush();
    out.end();
    await once(out, 'finish');
  } catch (error) {
    out.destroy();
    rmSync(partial, { force: true });
    throw error;
  }
  renameSync(partial, file);
  return {
    source: writer.source,
    file: basename(file),
    writer_version: WRITER_VERSION,
    seed,
    target_bytes: targetBytes,
    bytes,
    generator_conversations: count,
    conversations: written,
    demo_events: demoEvents,
    write_s: Math.round((performance.now() - started) / 10) / 100,
  };
}

/** The cached export when its metadata matches (same target, seed, writer version and size), else a new one. */
export async function ensureExport(
  make: () => ExportWriter,
  file: string,
  targetBytes: number,
  log: (message: string) => void,
  seed = SEED,
): Promise<ExportMeta> {
  const metaFile = `${file}.meta.json`;
  if (existsSync(file) && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as ExportMeta;
    if (
      meta.target_bytes === targetBytes &&
      meta.seed === seed &&
      meta.writer_version === WRITER_VERSION &&
      meta.bytes === statSync(file).size
    ) {
      return meta;
    }
  }
  log(`writing ${file} (${Math.round(targetBytes / 2 ** 20)} MB target)`);
  const meta = await writeExport(make, file, targetBytes, seed);
  writeFileSync(metaFile, `${JSON.stringify(meta, null, 2)}\n`);
  log(
    `  ${meta.conversations} conversations, ${meta.demo_events} demo events, ${(meta.bytes / 2 ** 20).toFixed(1)} MB in ${meta.write_s} s`,
  );
  return meta;
}

/** XML attribute value escaping. */
export const xmlEscape = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

/** A CSV field, quoted when it needs to be. */
export const csvField = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

// The registry of sources and the sniffing that picks one when the user does not say.
import { open } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { UsageError } from '../../model/errors.js';
import { SOURCE_IDS, type Source, type SourceId } from '../source.js';
import { genericSource } from './generic.js';
import { intercomSource } from './intercom.js';
import { servicenowSource } from './servicenow.js';
import { twitterSource } from './twitter.js';
import { xesSource } from './xes.js';
import { zendeskSource } from './zendesk.js';

/** Most specific first: the generic format accepts anything, so it is tried last. */
export const SOURCES: readonly Source[] = Object.freeze([
  zendeskSource,
  intercomSource,
  xesSource,
  servicenowSource,
  twitterSource,
  genericSource,
]);

const HEAD_BYTES = 64 * 1024;

/** The start of a file as text, decompressed when it is gzip. */
export async function readHead(file: string): Promise<string> {
  const handle = await open(file, 'r').catch(() => null);
  if (!handle) return '';
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    const bytes = buffer.subarray(0, bytesRead);
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      try {
        return gunzipSync(bytes, { finishFlush: 2 }).toString('utf8');
      } catch {
        return '';
      }
    }
    return bytes.toString('utf8');
  } finally {
    await handle.close();
  }
}

export async function pickSource(file: string, requested?: string): Promise<Source> {
  if (requested) {
    const source = SOURCES.find((s) => s.id === requested);
    if (source) return source;
    const known = (SOURCE_IDS as readonly string[]).includes(requested);
    throw new UsageError(
      known
        ? `The ${requested} importer is not available in this version.`
        : `Unknown --source '${requested}'. Use one of: ${SOURCES.map((s) => s.id).join(', ')}.`,
    );
  }
  const head = await readHead(file);
  return SOURCES.find((s) => s.sniff(head, file)) ?? genericSource;
}

export type { SourceId };

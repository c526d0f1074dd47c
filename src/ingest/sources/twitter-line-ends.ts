// Copies a CSV with bare carriage returns read as spaces: DuckDB's reader ends a record at any CR, even in unquoted text.
import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;

/** Replaces every CR not followed by LF with a space, counting them; CRLF line ends are left alone. */
class BareCarriageReturns extends Transform {
  replaced = 0;
  private held = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let bytes = this.held ? Buffer.concat([Buffer.from([CR]), chunk]) : Buffer.from(chunk);
    this.held = false;
    // A CR that ends the chunk is decided by the next chunk's first byte.
    if (bytes.length > 0 && bytes[bytes.length - 1] === CR) {
      this.held = true;
      bytes = bytes.subarray(0, bytes.length - 1);
    }
    for (let at = bytes.indexOf(CR); at !== -1; at = bytes.indexOf(CR, at + 1)) {
      if (bytes[at + 1] !== LF) {
        bytes[at] = SPACE;
        this.replaced += 1;
      }
    }
    done(null, bytes);
  }

  override _flush(done: TransformCallback): void {
    if (this.held) {
      // A CR at the very end of the file ends the last line; as a space it changes nothing the reader keeps.
      this.replaced += 1;
      done(null, Buffer.from([SPACE]));
      return;
    }
    done();
  }
}

/** Writes `source` (gzip or plain) to `target` with bare CRs as spaces; returns how many were replaced. */
export async function copyWithoutBareCarriageReturns(source: string, target: string): Promise<number> {
  const handle = await open(source, 'r');
  const magic = Buffer.alloc(2);
  try {
    await handle.read(magic, 0, 2, 0);
  } finally {
    await handle.close();
  }
  const gzip = magic[0] === 0x1f && magic[1] === 0x8b;
  const filter = new BareCarriageReturns();
  const input = createReadStream(source);
  const output = createWriteStream(target);
  if (gzip) await pipeline(input, createGunzip(), filter, output);
  else await pipeline(input, filter, output);
  return filter.replaced;
}

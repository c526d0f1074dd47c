// Turns a reader's failure (missing file, broken gzip, bad JSON) into one DataError naming the file.
import { DataError } from '../../model/errors.js';
import { problem } from '../../model/problem.js';

export async function readOrFail<T>(file: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof DataError) throw error;
    const text = error instanceof Error ? error.message : String(error);
    const first = text.split('\n')[0] ?? text;
    throw new DataError(`Cannot read ${file}: ${first}`, [
      problem('unreadable-file', 'error', first, { file }),
    ]);
  }
}

import { open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';
import { AppError } from '../../domain/errors.js';

/** How a file's text becomes data and back. */
export interface Codec<T> {
  parse(text: string): T;
  stringify(data: T): string;
}

/**
 * A lowdb adapter whose writes are atomic and durable: the text goes to a temp file in the same
 * directory, is fsynced, renamed over the target, and the directory is fsynced. A crash leaves the
 * old file or the new one, never a torn one. Writes of one file must not overlap (ShardFile
 * serializes them), which is why one fixed temp name per file is enough.
 */
export class DurableFileAdapter<T> implements Adapter<T> {
  constructor(
    readonly file: string,
    private readonly codec: Codec<T>,
  ) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if (isCode(error, 'ENOENT')) return null;
      throw error;
    }
    try {
      return this.codec.parse(text);
    } catch (cause) {
      // Refuse to open rather than overwrite a file we cannot read with the next write.
      throw new AppError('storage_corrupt', `cannot parse ${this.file}`, { cause });
    }
  }

  async write(data: T): Promise<void> {
    await writeFileDurably(this.file, this.codec.stringify(data));
  }
}

/** The temp file a durable write of `file` goes through. */
export function tempFileOf(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
}

export async function writeFileDurably(file: string, text: string): Promise<void> {
  const temp = tempFileOf(file);
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
  await syncDirectory(path.dirname(file));
}

/** Makes a rename or unlink in `dir` durable. Platforms that cannot fsync a directory skip it. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    if (!isCode(error, 'EISDIR') && !isCode(error, 'EPERM') && !isCode(error, 'EINVAL')) throw error;
  } finally {
    await handle?.close();
  }
}

export function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

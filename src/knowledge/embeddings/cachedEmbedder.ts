/**
 * Vectors kept on disk, keyed by the model id and the SHA-256 of the text: a restart, or a knowledge
 * file edited in one place, embeds only the texts that changed. One file per model under
 * `DATA_DIR/embeddings/`, rewritten (atomically: temp file, rename) a moment after new vectors
 * arrive, and on close.
 * A cache file that cannot be read is ignored and rebuilt.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Embedder } from '../../domain/knowledge/embedder.js';

export class CachedEmbedder implements Embedder {
  private readonly vectors = new Map<string, Float32Array>();
  private loaded: Promise<void> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;
  readonly file: string;

  constructor(
    private readonly inner: Embedder,
    dir: string,
    private readonly options: {
      /** Write new vectors to disk (default true). */
      persist?: boolean;
      /** Milliseconds to gather new vectors before writing (default 2000). */
      delayMs?: number;
    } = {},
  ) {
    this.file = join(dir, `${inner.id.replace(/[^\w.@-]+/g, '_')}.json`);
  }

  get id(): string {
    return this.inner.id;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    await (this.loaded ??= this.load());
    const keys = texts.map(hash);
    const missing = [...new Set(keys.filter((k) => !this.vectors.has(k)))];
    if (missing.length > 0) {
      const byKey = new Map(texts.map((t, i) => [keys[i]!, t]));
      const fresh = await this.inner.embed(missing.map((k) => byKey.get(k)!));
      missing.forEach((k, i) => this.vectors.set(k, fresh[i]!));
      if (this.options.persist !== false) this.schedule();
    }
    return keys.map((k) => this.vectors.get(k)!);
  }

  /** Resolves when every vector embedded so far is on disk. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.dirty) {
      this.dirty = false;
      this.writing = this.writing.then(() => this.save()).catch(() => undefined);
    }
    return this.writing;
  }

  private schedule(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), this.options.delayMs ?? 2000);
    this.timer.unref();
  }

  async close(): Promise<void> {
    await this.flush();
    await this.inner.close();
  }

  private async load(): Promise<void> {
    try {
      const raw = JSON.parse(await readFile(this.file, 'utf8')) as Record<string, string>;
      for (const [k, b64] of Object.entries(raw)) {
        const bytes = Buffer.from(b64, 'base64');
        this.vectors.set(k, new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)));
      }
    } catch {
      // Absent or unreadable: start empty.
    }
  }

  private async save(): Promise<void> {
    const out: Record<string, string> = {};
    for (const [k, v] of this.vectors) out[k] = Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
    await mkdir(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(out));
    await rename(tmp, this.file);
  }
}

const hash = (text: string): string => createHash('sha256').update(text).digest('base64url').slice(0, 32);

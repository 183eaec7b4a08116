/**
 * Vectors kept, keyed by the model id and the SHA-256 of the text.
 *
 * - What is embedded outside a customer's turn — the passages at start, an eval's questions — is
 *   kept on disk: a restart, or a knowledge file edited in one place, embeds only the texts that
 *   changed. One binary file per model under `DATA_DIR/embeddings/` (a small JSON header with the
 *   keys, then the vectors as raw float32, read back as views of one buffer: no per-vector parsing),
 *   rewritten atomically (temp file, rename) a moment after new vectors arrive, and on close. A file
 *   that cannot be read is ignored and rebuilt; the older JSON file is read when there is no binary one.
 * - What customers wrote (an embedding inside a turn, or for the staff side: embeddingBudget.ts) is
 *   kept in memory only, in a least-recently-used cache of QUESTION_CACHE vectors (~2 KB each), so
 *   memory stays bounded however many different questions come, and nothing of it reaches the disk.
 * Such an embedding is given up at its deadline (an EmbedderError; a turn then answers lexically),
 * whatever model is behind.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { LRUCache } from 'lru-cache';
import type { Embedder } from '../../domain/knowledge/embedder.js';
import { embeddingScope } from './embeddingBudget.js';
import { EmbedderError } from './embedderError.js';

/** Question vectors kept in memory (512 floats each: ~10 MB). */
const QUESTION_CACHE = 5000;
const MAGIC = 'isb-vectors-1\n';

export class CachedEmbedder implements Embedder {
  /** Vectors kept on disk. */
  private readonly vectors = new Map<string, Float32Array>();
  private readonly questions = new LRUCache<string, Float32Array>({ max: QUESTION_CACHE });
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
    this.file = join(dir, `${inner.id.replace(/[^\w.@-]+/g, '_')}.vectors`);
  }

  get id(): string {
    return this.inner.id;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    await (this.loaded ??= this.load());
    const keys = texts.map(hash);
    const found = (k: string): Float32Array | undefined => this.vectors.get(k) ?? this.questions.get(k);
    const missing = [...new Set(keys.filter((k) => !found(k)))];
    const fresh = new Map<string, Float32Array>();
    if (missing.length > 0) {
      const byKey = new Map(texts.map((t, i) => [keys[i]!, t]));
      const scope = embeddingScope();
      const asked = this.inner.embed(missing.map((k) => byKey.get(k)!));
      const vectors = scope ? await beforeDeadline(asked, scope.endsAt) : await asked;
      missing.forEach((k, i) => fresh.set(k, vectors[i]!));
      for (const [k, v] of fresh) {
        if (scope) this.questions.set(k, v);
        else this.vectors.set(k, v);
      }
      if (!scope && this.options.persist !== false) this.schedule();
    }
    return keys.map((k) => fresh.get(k) ?? found(k)!);
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
      const bytes = await readFile(this.file);
      if (bytes.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) throw new Error('not a vector file');
      const headerEnd = bytes.indexOf(0x0a, MAGIC.length);
      const { keys, dims } = JSON.parse(bytes.subarray(MAGIC.length, headerEnd).toString('utf8')) as {
        keys: string[];
        dims: number;
      };
      // Copied once into an aligned buffer; each vector is a view of it.
      const all = new Float32Array(keys.length * dims);
      new Uint8Array(all.buffer).set(bytes.subarray(headerEnd + 1, headerEnd + 1 + all.byteLength));
      if (bytes.length - headerEnd - 1 !== all.byteLength) throw new Error('truncated vector file');
      keys.forEach((k, i) => this.vectors.set(k, all.subarray(i * dims, (i + 1) * dims)));
    } catch {
      await this.loadJson();
    }
  }

  /** The older cache file (base64 vectors in JSON), when there is one: read once, then written anew. */
  private async loadJson(): Promise<void> {
    try {
      const raw = JSON.parse(await readFile(this.file.replace(/\.vectors$/, '.json'), 'utf8')) as Record<string, string>;
      for (const [k, b64] of Object.entries(raw)) {
        const bytes = Buffer.from(b64, 'base64');
        this.vectors.set(k, new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)));
      }
      if (this.vectors.size > 0 && this.options.persist !== false) this.schedule();
    } catch {
      // Absent or unreadable: start empty.
    }
  }

  private async save(): Promise<void> {
    const keys = [...this.vectors.keys()];
    const dims = this.vectors.values().next().value?.length ?? 0;
    const header = Buffer.from(`${MAGIC}${JSON.stringify({ keys, dims })}\n`, 'utf8');
    const body = Buffer.allocUnsafe(keys.length * dims * 4);
    let at = 0;
    for (const v of this.vectors.values()) {
      body.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength), at);
      at += v.byteLength;
    }
    await mkdir(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, Buffer.concat([header, body]));
    await rename(tmp, this.file);
  }
}

const hash = (text: string): string => createHash('sha256').update(text).digest('base64url').slice(0, 32);

/** The promise, or an EmbedderError at the deadline (performance.now() time), whichever comes first. */
function beforeDeadline<T>(promise: Promise<T>, deadline: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new EmbedderError('the sentence model did not answer in time (EMBEDDINGS_TIMEOUT_MS in a turn)')),
      Math.max(0, deadline - performance.now()),
    );
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

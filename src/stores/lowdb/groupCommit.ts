/**
 * Group commit for the embedded store's files: what is submitted while a write runs waits for the
 * next one, writes never overlap, and each submission resolves only once the write that carried it
 * is done (or rejects with that write's error). A burst of changes costs one or two writes.
 */
interface Pending<B> {
  batch: B;
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class GroupCommit<B> {
  #next: Pending<B> | undefined;
  #writing: Promise<void> | undefined;

  constructor(
    private readonly newBatch: () => B,
    private readonly write: (batch: B) => Promise<void>,
  ) {}

  /** True when no write is running or queued. */
  get idle(): boolean {
    return this.#writing === undefined;
  }

  /** Adds to the batch of the next write (`fill`); resolves once that write is done. */
  submit(fill?: (batch: B) => void): Promise<void> {
    if (!this.#next) {
      let resolve!: () => void;
      let reject!: (error: unknown) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      this.#next = { batch: this.newBatch(), promise, resolve, reject };
    }
    fill?.(this.#next.batch);
    const { promise } = this.#next;
    this.#writing ??= this.#drain();
    return promise;
  }

  /** Waits until everything submitted has been written (or has failed to be). */
  async flush(): Promise<void> {
    while (this.#writing) await this.#writing;
  }

  async #drain(): Promise<void> {
    // Let changes made in the same tick join the first write.
    await Promise.resolve();
    while (this.#next) {
      const pending = this.#next;
      this.#next = undefined;
      try {
        await this.write(pending.batch);
        pending.resolve();
      } catch (error) {
        pending.reject(error);
      }
    }
    this.#writing = undefined;
  }
}

/**
 * Runs tasks one at a time per key; tasks for different keys run concurrently. The one per-key
 * queue of the code base: transcript stores and the conversation log serialise writes with it.
 */
export class KeyedMutex {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<R>(key: string, task: () => Promise<R>): Promise<R> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  isLocked(key: string): boolean {
    return this.#tails.has(key);
  }

  /** Resolves when every task queued for `key` so far has finished. */
  async idle(key: string): Promise<void> {
    await this.#tails.get(key);
  }

  /** Resolves when no key has a task left, including tasks queued while waiting. */
  async idleAll(): Promise<void> {
    while (this.#tails.size > 0) await Promise.all([...this.#tails.values()]);
  }
}

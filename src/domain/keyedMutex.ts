/**
 * Runs tasks one at a time per key; tasks for different keys run concurrently. The one per-key
 * queue of the code base: transcript stores and the conversation log serialise writes with it, and
 * the turns of one conversation in one process wait in it (src/stores/memory/memorySharedState.ts).
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

  /**
   * Like `run`, but gives up waiting after `waitMs`: the promise rejects with `timedOut()` and the
   * task never runs. `task` is told how long it waited.
   */
  runWithin<R>(key: string, waitMs: number, task: (waitedMs: number) => Promise<R>, timedOut: () => Error): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const queued = Date.now();
      let state: 'waiting' | 'running' | 'gave-up' = 'waiting';
      const timer = setTimeout(() => {
        if (state !== 'waiting') return;
        state = 'gave-up';
        reject(timedOut());
      }, waitMs);
      void this.run(key, async () => {
        if (state === 'gave-up') return;
        state = 'running';
        clearTimeout(timer);
        try {
          resolve(await task(Date.now() - queued));
        } catch (error) {
          reject(error as Error);
        }
      });
    });
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

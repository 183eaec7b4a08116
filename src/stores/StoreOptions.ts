/** Options every backend takes. */
export interface StoreOptions {
  /**
   * Called once for every record read back that fails its schema. The record is skipped (kept in
   * storage, invisible to readers) and counted rather than crashing the bot. Default: nothing.
   */
  onCorrupt?: (store: string, id: string, problem: string) => void;
}

/** Counts corrupt records and forwards them to the configured callback. */
export class CorruptionCounter {
  #count = 0;

  constructor(private readonly onCorrupt?: StoreOptions['onCorrupt']) {}

  report(store: string, id: string, problem: string): void {
    this.#count += 1;
    this.onCorrupt?.(store, id, problem);
  }

  get count(): number {
    return this.#count;
  }
}

/** The names of the record collections, as used for files and tables. */
export const collectionNames = ['customers', 'callbacks', 'leads', 'orders', 'conversations'] as const;

/** The staff collections (accounts, token hashes, sessions), added after the first schema version. */
export const staffCollectionNames = ['staffUsers', 'staffTokens', 'staffSessions'] as const;

/** The sales collections (daily roll-up, plans, objections), added after the staff collections. */
export const salesCollectionNames = ['dailyStats', 'salesPlans', 'objections'] as const;

/**
 * Bot Framework `Storage` over the domain's StateStore port, honouring eTags. botbuilder's BotState
 * stamps every item it saves with eTag '*' (write whatever is there); this storage instead writes
 * each item on the condition it was read with: the eTag it had, or — for a state read as new — that
 * the key still does not exist. So two turns of one conversation that read the same state (two
 * instances, a lock that timed out) cannot both save: the second gets a ConcurrencyError and the
 * bot retries it on the fresh state (src/bot/salesBot.ts).
 */
import type { Storage, StoreItems } from 'botbuilder';
import type { StateStore } from '../domain/ports.js';

export class BotStateStorage implements Storage {
  /** The eTag each item object handed out was read (or last saved) with; absent: read as new. */
  readonly #versions = new WeakMap<object, string>();

  constructor(private readonly state: StateStore) {}

  async read(keys: string[]): Promise<StoreItems> {
    const found = await this.state.read(keys);
    const items: StoreItems = {};
    for (const [key, { value, eTag }] of Object.entries(found)) {
      const item = { ...value, eTag };
      this.#versions.set(item, eTag);
      items[key] = item;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes).map(([key, raw]) => {
      const item = (raw ?? {}) as Record<string, unknown> & { eTag?: string };
      const { eTag, ...value } = item;
      // An item this storage handed out is written on the eTag it was read with (BotState has
      // overwritten its `eTag` with '*'); any other item on its own eTag; a new one only if absent.
      const read = typeof raw === 'object' && raw !== null ? this.#versions.get(raw) : undefined;
      const expectedETag = read ?? (typeof eTag === 'string' && eTag !== '*' ? eTag : null);
      return { key, item, value, expectedETag };
    });
    const eTags = await this.state.write(entries.map(({ key, value, expectedETag }) => ({ key, value, expectedETag })));
    // A second save in the same turn writes on the eTag the first one produced.
    for (const { key, item } of entries) {
      const eTag = eTags[key];
      if (eTag !== undefined && typeof item === 'object') this.#versions.set(item, eTag);
    }
  }

  async delete(keys: string[]): Promise<void> {
    await this.state.delete(keys);
  }
}

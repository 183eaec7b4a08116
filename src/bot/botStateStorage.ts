/** Bot Framework `Storage` over the domain's StateStore port, honouring eTags. */
import type { Storage, StoreItems } from 'botbuilder';
import type { StateStore } from '../domain/ports.js';

export class BotStateStorage implements Storage {
  constructor(private readonly state: StateStore) {}

  async read(keys: string[]): Promise<StoreItems> {
    const found = await this.state.read(keys);
    const items: StoreItems = {};
    for (const [key, { value, eTag }] of Object.entries(found)) items[key] = { ...value, eTag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await this.state.write(
      Object.entries(changes).map(([key, item]) => {
        const { eTag, ...value } = (item ?? {}) as Record<string, unknown> & { eTag?: string };
        return { key, value, expectedETag: eTag };
      }),
    );
  }

  async delete(keys: string[]): Promise<void> {
    await this.state.delete(keys);
  }
}

/**
 * botbuilder's ConversationState, with a cheaper check of whether a turn changed the state. BotState
 * decides whether to save by hashing the whole state (its own replacer-driven JSON plus SHA-256) when
 * it is read, again before saving and once more after: three full serialisations of every turn's
 * state in JavaScript. Here the state's plain JSON when read is kept and compared once before saving;
 * what is saved, when, and on which eTag (BotStateStorage) is unchanged. The state is what the store
 * gives back (JSON data), so plain JSON reads it as botbuilder's serialiser does.
 */
import { ConversationState, type TurnContext } from 'botbuilder';

interface Cached {
  state: Record<string, unknown>;
  /** The state's JSON (without its eTag) as last read or saved; '' forces a save. */
  json: string;
}

const jsonOf = (state: Record<string, unknown>): string => {
  const { eTag: _eTag, ...rest } = state;
  return JSON.stringify(rest);
};

export class CheckedConversationState extends ConversationState {
  readonly #key = Symbol('conversationState');

  override async load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
    const cached = context.turnState.get<Cached | undefined>(this.#key);
    if (!force && cached?.state) return cached.state;
    const key = await this.storageKey(context);
    const items = await this.storage.read([key]);
    const state = (items[key] as Record<string, unknown> | undefined) ?? {};
    context.turnState.set(this.#key, { state, json: jsonOf(state) } satisfies Cached);
    return state;
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    let cached = context.turnState.get<Cached | undefined>(this.#key);
    const json = cached ? jsonOf(cached.state) : undefined;
    if (!force && (!cached || cached.json === json)) return;
    const key = await this.storageKey(context);
    cached ??= { state: {}, json: '' };
    cached.state.eTag = '*';
    await this.storage.write({ [key]: cached.state });
    // The write leaves the state as it was (the storage saves a copy without its eTag): its JSON is the one just compared.
    cached.json = json ?? jsonOf(cached.state);
    context.turnState.set(this.#key, cached);
  }

  override async clear(context: TurnContext): Promise<void> {
    context.turnState.set(this.#key, { state: {}, json: '' } satisfies Cached);
  }

  override async delete(context: TurnContext): Promise<void> {
    context.turnState.delete(this.#key);
    const key = await this.storageKey(context);
    await this.storage.delete([key]);
  }

  override get(context: TurnContext): Record<string, unknown> | undefined {
    const cached = context.turnState.get<Cached | undefined>(this.#key);
    return typeof cached === 'object' && typeof cached.state === 'object' ? cached.state : undefined;
  }
}

/** CheckedConversationState saves a turn's state when, and only when, the turn changed it. */
import { ActivityTypes, MemoryStorage, TestAdapter, TurnContext, type Activity, type StoreItems } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { CheckedConversationState } from '../../src/bot/conversationState.js';

class CountingStorage extends MemoryStorage {
  writes: StoreItems[] = [];
  override async write(changes: StoreItems): Promise<void> {
    this.writes.push(JSON.parse(JSON.stringify(changes)) as StoreItems);
    await super.write(changes);
  }
}

const adapter = new TestAdapter();
const turn = (): TurnContext =>
  new TurnContext(adapter, {
    type: ActivityTypes.Message,
    text: 'hi',
    channelId: 'test',
    conversation: { id: 'conv-1' },
    from: { id: 'user-1' },
    recipient: { id: 'bot' },
  } as Activity);

describe('CheckedConversationState', () => {
  it('writes a changed state once, skips an unchanged one, and writes again after a later change', async () => {
    const storage = new CountingStorage();
    const state = new CheckedConversationState(storage);
    const n = state.createProperty<number>('n');

    const first = turn();
    await state.load(first);
    await state.saveChanges(first);
    expect(storage.writes).toHaveLength(0);
    await n.set(first, 1);
    await state.saveChanges(first);
    await state.saveChanges(first);
    expect(storage.writes).toHaveLength(1);
    await n.set(first, 2);
    await state.saveChanges(first);
    expect(storage.writes).toHaveLength(2);

    const second = turn();
    expect(await n.get(second)).toBe(2);
    await state.saveChanges(second);
    expect(storage.writes).toHaveLength(2);
    // A nested change counts too.
    const deep = state.createProperty<{ list: number[] }>('deep');
    await deep.set(second, { list: [1] });
    await state.saveChanges(second);
    (await deep.get(second))!.list.push(2);
    await state.saveChanges(second);
    expect(storage.writes).toHaveLength(4);
    expect(await deep.get(turn())).toEqual({ list: [1, 2] });
  });

  it('saves an emptied state after clear, forces a save when asked, and forgets a deleted one', async () => {
    const storage = new CountingStorage();
    const state = new CheckedConversationState(storage);
    const n = state.createProperty<number>('n');
    const a = turn();
    await n.set(a, 1);
    await state.saveChanges(a);
    await state.saveChanges(a, true);
    expect(storage.writes).toHaveLength(2);

    const b = turn();
    await state.load(b);
    await state.clear(b);
    await state.saveChanges(b);
    expect(storage.writes).toHaveLength(3);
    expect(await n.get(turn())).toBeUndefined();

    const c = turn();
    await n.set(c, 5);
    await state.saveChanges(c);
    await state.delete(c);
    expect(state.get(c)).toBeUndefined();
    expect(await storage.read(['test/conversations/conv-1'])).toEqual({});
  });
});

/**
 * The dialogs' memory scopes are built once, not on every turn, and still give each turn its own
 * memory (botbuilder-dialogs builds them on each turn's first DialogContext unless the turn has them).
 */
import { ActivityTypes, ConversationState, MemoryStorage, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { Dialog, type DialogContext, type DialogStateManagerConfiguration, type DialogTurnResult } from 'botbuilder-dialogs';
import { describe, expect, it } from 'vitest';
import { SalesBot } from '../../src/bot/salesBot.js';
import type { TurnInput } from '../../src/domain/turn/turnInput.js';

const adapter = new TestAdapter();
const contextFor = (text: string, conversation = 'conv-1'): TurnContext =>
  new TurnContext(adapter, {
    type: ActivityTypes.Message,
    text,
    channelId: 'test',
    conversation: { id: conversation },
    from: { id: 'user-1' },
    recipient: { id: 'bot' },
  } as Activity);

describe('dialog memory scopes', () => {
  it('when several turns run, then they share one set of memory scopes and each has its own turn memory', async () => {
    const seen: { configuration: DialogStateManagerConfiguration; before: unknown; dialogCount: unknown }[] = [];
    class MemoryDialog extends Dialog {
      override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
        return this.continueDialog(dc);
      }
      override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
        const before = dc.state.getValue('turn.said');
        dc.state.setValue('turn.said', dc.context.activity.text);
        const n = (dc.state.getValue<number>('dialog.count') ?? 0) + 1;
        dc.state.setValue('dialog.count', n);
        seen.push({ configuration: dc.state.configuration, before, dialogCount: dc.state.getValue('dialog.count') });
        return Dialog.EndOfTurn;
      }
    }
    const conversationState = new ConversationState(new MemoryStorage());
    const bot = new SalesBot({
      conversationState,
      mainDialog: new MemoryDialog('memory'),
      readTurn: async () => ({}) as TurnInput,
    });
    await bot.run(contextFor('one'));
    await bot.run(contextFor('two'));
    await Promise.all([bot.run(contextFor('three', 'conv-2')), bot.run(contextFor('four', 'conv-3'))]);

    expect(seen).toHaveLength(4);
    for (const s of seen.slice(1)) expect(s.configuration).toBe(seen[0]!.configuration);
    expect(seen[0]!.configuration.memoryScopes.length).toBeGreaterThan(0);
    // Turn memory is the turn's own; dialog memory is the conversation's dialog's.
    expect(seen.map((s) => s.before)).toEqual([undefined, undefined, undefined, undefined]);
    expect(seen.map((s) => s.dialogCount)).toEqual([1, 2, 1, 1]);
  });
});

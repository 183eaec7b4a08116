import { Writable } from 'node:stream';
import { ConversationState, MemoryStorage, TestAdapter, TurnContext } from 'botbuilder';
import { DialogContextError, DialogSet, WaterfallDialog } from 'botbuilder-dialogs';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createAdapter } from '../../src/bot/adapter.js';
import { parseConfig } from '../../src/config.js';

/** Issue 14, item 5: the "turn failed" log carries ids and the error's kind, never dialog state. */
describe('error logs', () => {
  it('when a turn fails inside a dialog holding a name and a phone, then the log line has neither', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const logger = createLogger('error', sink);
    const state = new ConversationState(new MemoryStorage());
    const adapter = createAdapter(parseConfig({}), logger, state, { turnErrorText: 'Sorry.' });
    const context = new TurnContext(new TestAdapter(), {
      type: 'message',
      id: 'act-1',
      channelId: 'sms',
      conversation: { id: '+61455111222' } as never,
      from: { id: '+61455111222', name: '' },
      recipient: { id: 'bot', name: 'bot' },
      text: 'my name is Dana Whitlock, 0412 345 678',
    });
    const dialogs = new DialogSet(state.createProperty('dialogs'));
    dialogs.add(new WaterfallDialog('callback', [async (step) => step.prompt('x', 'never')]));
    const dc = await dialogs.createContext(context);
    dc.stack.push({ id: 'callback', state: { name: 'Dana Whitlock', phone: '+61412345678', email: 'dana@example.com' } });
    const error = new DialogContextError(new Error('boom while booking for +61412345678'), dc);
    await adapter.onTurnError(context, error);
    const log = lines.join('');
    expect(log).toMatch(/turn failed/);
    expect(log).toMatch(/DialogContextError/);
    expect(log).toMatch(/act-1/);
    expect(log).not.toMatch(/Dana|Whitlock|dana@example|412345678|455111222/);
  });
});

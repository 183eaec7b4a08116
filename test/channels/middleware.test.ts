import { describe, expect, it } from 'vitest';
import { TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import { createChoiceMemory } from '../../src/channels/choiceMemory.js';
import { choiceReplyMiddleware, renderMiddleware } from '../../src/channels/renderMiddleware.js';
import { dtmfDigitsOf, dtmfMiddleware } from '../../src/channels/telephony/dtmf.js';
import { typingMiddleware } from '../../src/channels/typingMiddleware.js';

const voice = { locale: 'en-AU', voice: 'en-AU-NatashaNeural' };
const DTMF = [{ type: 'DTMF' }];

/** A TestAdapter on a channel with the channel middleware in app order, and a bot that echoes what reached it. */
function harness(channelId: string, logic?: (context: TurnContext) => Promise<void>) {
  const choices = createChoiceMemory();
  const received: Partial<Activity>[] = [];
  const adapter = new TestAdapter(
    async (context) => {
      received.push({ text: context.activity.text, entities: context.activity.entities });
      if (logic) return logic(context);
      if (context.activity.text === 'ask') {
        await context.sendActivity({
          type: 'message',
          text: 'Pick up or delivery?',
          suggestedActions: {
            to: [],
            actions: [
              { type: 'imBack', title: 'Pick up', value: 'pickup' },
              { type: 'imBack', title: 'Delivery', value: 'delivery' },
            ],
          },
        });
      } else await context.sendActivity(`got ${context.activity.text}`);
    },
    { channelId, conversation: { id: `c-${channelId}` } } as Partial<Activity> as never,
  );
  adapter.use(renderMiddleware({ voice, choices }));
  adapter.use(dtmfMiddleware({ choices }));
  adapter.use(choiceReplyMiddleware(choices));
  return { adapter, received };
}

describe('keypad input on the phone', () => {
  it('when a phone number is keyed in and ended with #, then the dialogs get one message with the digits', async () => {
    const { adapter, received } = harness('telephony');
    for (const k of '0412345678') await adapter.send({ type: 'message', text: k, entities: DTMF });
    expect(received).toEqual([]);
    await adapter.send({ type: 'message', text: '#', entities: DTMF }).assertReply((a) => expect(a.text).toBe('got 0412345678'));
    expect(received).toHaveLength(1);
    expect(dtmfDigitsOf(received[0]!)).toBe('0412345678');
  });

  it('when keys arrive in one message, or * is pressed, then * clears what came before', async () => {
    const { adapter, received } = harness('telephony');
    await adapter.send({ type: 'message', text: '99*0412 345 678#', entities: DTMF }).assertReply('got 0412345678');
    expect(dtmfDigitsOf(received[0]!)).toBe('0412345678');
  });

  it('when choices were offered, then a single key picks one at once', async () => {
    const { adapter } = harness('telephony');
    await adapter
      .send('ask')
      .assertReply((a) => expect(a.text).toBe('Pick up or delivery? You can say: Pick up or Delivery.'))
      .send({ type: 'message', text: '2', entities: DTMF } as Partial<Activity>)
      .assertReply('got delivery');
  });

  it('when a web visitor sends a DTMF entity, then it is ordinary text', async () => {
    const { adapter } = harness('webchat');
    await adapter.send({ type: 'message', text: '4', entities: DTMF }).assertReply('got 4');
  });
});

describe('numbered choices on text channels', () => {
  it('when SMS was offered numbered choices, then "2" reaches the dialogs as the second value, once', async () => {
    const { adapter } = harness('sms');
    await adapter
      .send('ask')
      .assertReply((a) => expect(a.text).toBe('Pick up or delivery?\n\n1. Pick up\n2. Delivery'))
      .send('2')
      .assertReply('got delivery')
      .send('2')
      .assertReply('got 2');
  });
});

describe('typing indicator', () => {
  const slow = async (context: TurnContext): Promise<void> => {
    await new Promise((r) => setTimeout(r, 250));
    await context.sendActivity('done');
  };
  const withTyping = (channelId: string) => {
    const adapter = new TestAdapter(slow, { channelId, conversation: { id: 'c' } } as Partial<Activity> as never);
    adapter.use(typingMiddleware({ delayMs: 100 }));
    return adapter;
  };

  it('when a web chat reply is slow, then a typing activity comes first', async () => {
    await withTyping('webchat')
      .send('hi')
      .assertReply((a) => expect(a.type).toBe('typing'))
      .assertReply('done');
  });

  it('when an SMS reply is slow, then no typing activity is sent', async () => {
    await withTyping('sms').send('hi').assertReply('done');
  });

  it('when a reply is quick, then no typing activity is sent', async () => {
    const adapter = new TestAdapter(async (c) => void (await c.sendActivity('quick')), { channelId: 'webchat' } as never);
    adapter.use(typingMiddleware({ delayMs: 100 }));
    await adapter.send('hi').assertReply('quick').assertNoReply(undefined, 400);
  });
});

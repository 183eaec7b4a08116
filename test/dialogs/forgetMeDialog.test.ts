import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copy } from '../../dialogs/copy.js';
import type { Business } from '../../src/domain/business.js';
import { ANY, createDialogHarness, play, says, saysOnly, type DialogHarness, type Turn } from '../support/dialogHarness.js';

const confirm = (b: Business): RegExp => says(copy.forgetConfirm(b));

/** Books a callback and places an order request in the harness's conversation. */
const bookAndOrder = (b: Business): Turn[] => [
  [
    "call me tomorrow at 3pm on 0412 345 678 about cupcakes, I'm Dana",
    says(copy.callbackSummary('Dana', '0412 345 678', ANY, 'cupcakes')),
  ],
  ['yes', says(copy.consent(b))],
  ['yes', says(copy.callbackBooked(ANY, ANY))],
  [
    "I'd like to order the large chocolate cake for Saturday, pickup please",
    says(copy.orderSummary(ANY, ANY, copy.fulfilment('pickup'), 'Dana', '0412 345 678')),
  ],
  ['yes', says(copy.orderPlaced(ANY, ANY))],
];

describe('the forget-me dialog', () => {
  let h: DialogHarness;
  beforeEach(async () => {
    h = await createDialogHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('when the customer confirms, then the customer, leads, callbacks, orders and transcripts are erased', async () => {
    await play(h, bookAndOrder(h.business));
    await h.conversationLog.flush();
    expect(await h.stores.customers.count()).toBe(1);
    expect(await h.stores.callbacks.count()).toBe(2); // the booking and the order's confirming call
    expect(await h.stores.orders.count()).toBe(1);
    expect((await h.stores.transcripts.read('Convo1')).length).toBeGreaterThan(0);

    await play(h, [
      ['please forget me', [confirm(h.business)]],
      ['yes', [saysOnly(copy.forgotten())]],
    ]);
    await h.conversationLog.flush();
    expect(await h.stores.customers.count()).toBe(0);
    expect(await h.stores.leads.count()).toBe(0);
    expect(await h.stores.callbacks.count()).toBe(0);
    expect(await h.stores.orders.count()).toBe(0);
    expect(await h.stores.transcripts.read('Convo1')).toEqual([]);
    expect(await h.stores.conversations.get('Convo1')).toBeUndefined();
    expect((await h.session())?.contact ?? {}).toEqual({});
  });

  it('when the customer says no, then everything is kept', async () => {
    await play(h, bookAndOrder(h.business));
    await play(h, [
      ['delete my data', [confirm(h.business)]],
      ['no', [saysOnly(copy.forgetKept())]],
    ]);
    await h.conversationLog.flush();
    expect(await h.stores.customers.count()).toBe(1);
    expect(await h.stores.callbacks.count()).toBe(2);
    expect(await h.stores.orders.count()).toBe(1);
    expect((await h.stores.transcripts.read('Convo1')).length).toBeGreaterThan(0);
  });

  it('when a returning customer asks in a new conversation, then their earlier conversations are erased too', async () => {
    await play(h, bookAndOrder(h.business));
    await h.conversationLog.flush();
    const later = await createDialogHarness({ stores: h.stores, conversationId: 'Convo2' });
    try {
      await play(later, [
        ['hi', [saysOnly(copy.greetingBack(h.business, 'Dana'))]],
        ['forget me', [confirm(h.business)]],
        ['yes', [saysOnly(copy.forgotten())]],
      ]);
      await later.conversationLog.flush();
      expect(await h.stores.customers.count()).toBe(0);
      expect(await h.stores.callbacks.count()).toBe(0);
      expect(await h.stores.transcripts.read('Convo1')).toEqual([]);
      expect(await h.stores.transcripts.read('Convo2')).toEqual([]);
    } finally {
      await later.close();
    }
  });

  it('when a visitor with no record confirms, then it erases this conversation and says so', async () => {
    await play(h, [
      ['how much is the small cake?', /\$55/],
      ['forget me', [confirm(h.business)]],
      ['yes please', [saysOnly(copy.forgotten())]],
    ]);
    await h.conversationLog.flush();
    expect(await h.stores.transcripts.read('Convo1')).toEqual([]);
  });

  it('when the answer is unclear three times, then nothing is erased and a person is offered', async () => {
    await play(h, bookAndOrder(h.business));
    await play(h, [
      ['forget me', [confirm(h.business)]],
      ['banana', [says(copy.didNotCatch() + ANY + copy.forgetConfirm(h.business))]],
      ['banana', [says(copy.didNotCatch() + ANY + copy.forgetConfirm(h.business))]],
      ['banana', [says(copy.forgetKept() + ANY + copy.stuck())]],
    ]);
    expect(await h.stores.customers.count()).toBe(1);
  });
});

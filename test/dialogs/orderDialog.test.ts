import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDialogHarness, play, type DialogHarness } from '../support/dialogHarness.js';

const ASK_PRODUCT = /What would you like to order\? We have Small celebration cake, .* or Cookie box\./;
const ASK_DATE = /What date do you need it for\?/;
const ASK_FULFILMENT = /Would you like it delivered, or will you pick it up\?/;
const ASK_ADDRESS = /What's the delivery address, including the suburb\?/;
const ASK_NAME = /Who should we ask for when we call\?/;
const ASK_PHONE = /What's the best number to call you on\?/;
const CONSENT = /keep your name and contact details .* Is that OK\?/;
const PLACED =
  /Your order request is in, reference [A-Z0-9]{6}\. A manager will call you as soon as we can, from Monday 23 November, 11:00–11:30 am .* Nothing is charged until then\./;

describe('the order dialog', () => {
  let h: DialogHarness;
  beforeEach(async () => {
    h = await createDialogHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('when a ready customer names product and date in one go, then it asks only what is missing and books a confirming callback', async () => {
    await play(h, [
      ["I'd like to order the large chocolate cake for Saturday", [ASK_FULFILMENT]],
      ["I'll pick it up", [ASK_NAME]],
      ['Dana', [ASK_PHONE]],
      [
        '0412 345 678',
        [
          /So that's 1 × Large celebration cake \(Double chocolate\) for Saturday 28 November, for pickup from the shop\. A manager will call Dana on 0412 345 678 .* Shall I send the request\?/,
        ],
      ],
      ['yes', [CONSENT]],
      ['yes', [PLACED]],
    ]);
    const [order] = (await h.stores.orders.query()).items;
    const [customer] = await h.stores.customers.findBy('phones', '+61412345678');
    expect(order).toMatchObject({
      items: [{ product: 'Large celebration cake', options: ['Double chocolate'], quantity: 1 }],
      neededOn: '2026-11-28',
      fulfilment: 'pickup',
      status: 'requested',
      customerId: customer!.id,
      leadId: 'lead:Convo1',
      conversationId: 'Convo1',
    });
    const [callback] = (await h.stores.callbacks.query()).items;
    expect(callback).toMatchObject({ id: order!.callbackId, asap: true, phone: '+61412345678', customerId: customer!.id });
    expect(callback!.topic).toMatch(/Confirm order request: 1 × Large celebration cake \(Double chocolate\) for 2026-11-28/);
    expect(await h.stores.leads.get('lead:Convo1')).toMatchObject({
      stage: 'ready',
      productInterest: ['Large celebration cake'],
    });
  });

  it('when it is delivered to a served suburb, then the address is kept on the order', async () => {
    await play(h, [
      ["I'd like to order the large chocolate cake for Saturday", [ASK_FULFILMENT]],
      ['delivered please', [ASK_ADDRESS]],
      ['12 King St, Newtown', [ASK_NAME]],
      [
        "I'm Dana, 0412 345 678",
        [
          /1 × Large celebration cake \(Double chocolate\) for Saturday 28 November, delivered to 12 King St, Newtown\. .* Shall I send the request\?/,
        ],
      ],
      ['yes', [CONSENT]],
      ['yes', [PLACED]],
    ]);
    expect((await h.stores.orders.query()).items[0]).toMatchObject({ fulfilment: 'delivery', address: '12 King St, Newtown' });
  });

  it('when the address is outside the delivery areas, then it says so and offers another address or pickup', async () => {
    await play(h, [
      ["I'd like to order the large chocolate cake for Saturday", [ASK_FULFILMENT]],
      ['delivered please', [ASK_ADDRESS]],
      [
        '5 High St, Penrith',
        [
          /I couldn't find that suburb in our delivery areas\. If your suburb is not listed, a manager can tell you which zone .* Would you like to give another address, or pick it up\?/,
        ],
      ],
      ["I'll pick it up then", [ASK_NAME]],
    ]);
  });

  it('when a tiered cake is wanted sooner than its notice allows, then it names the earliest date and asks again', async () => {
    await play(h, [
      [
        "I'd like to order a tiered cake for Friday",
        [/The tiered cake needs at least 168 hours' notice, so the earliest date is Monday 30 November\. What date would work\?/],
      ],
      ['Saturday 5 December', [ASK_FULFILMENT]],
      ['pickup', [ASK_NAME]],
    ]);
  });

  it('when the date has passed, then it says so', async () => {
    await play(h, [
      ["I'd like to order a large cake for yesterday", [/That date has already passed\. What date do you need it for\?/]],
    ]);
  });

  it('when the product is not named, then it lists what the shop makes, and an unknown one is explained', async () => {
    await play(h, [
      ["I'd like to place an order", [ASK_PRODUCT]],
      ['a pavlova', [/I'm not sure we make "a pavlova"\. We have .*Cookie box\. Which would you like\?/]],
      ['two dozen cupcakes please', [ASK_DATE]],
      ['Friday', [ASK_FULFILMENT]],
    ]);
  });

  it('when a side question comes mid-order, then it is answered and the pending question asked again', async () => {
    await play(h, [
      ["I'd like to order the large chocolate cake for Saturday", [ASK_FULFILMENT]],
      ['how much is delivery?', [/\$15[\s\S]*Source: Delivery fees/, ASK_FULFILMENT]],
    ]);
  });

  it('when the customer declines consent, then no order, callback or customer is stored', async () => {
    await play(h, [
      [
        "I'd like to order the large chocolate cake for Saturday, pickup, I'm Dana on 0412 345 678",
        [/Shall I send the request\?/],
      ],
      ['yes', [CONSENT]],
      ['no thanks', [/I won't keep your details/]],
    ]);
    expect(await h.stores.orders.count()).toBe(0);
    expect(await h.stores.callbacks.count()).toBe(0);
    expect(await h.stores.customers.count()).toBe(0);
  });
});

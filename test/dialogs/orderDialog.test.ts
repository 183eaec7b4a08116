import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copy, dates } from '../../dialogs/copy.js';
import { ANY, createDialogHarness, play, says, saysParts, windowAt, type DialogHarness } from '../support/dialogHarness.js';

// Replies are the copy functions' words for what the dialog decided; the stores hold the facts.
const ASK_DATE = says(copy.askDate());
const ASK_FULFILMENT = says(copy.askFulfilment());
const ASK_ADDRESS = says(copy.askAddress());
const ASK_NAME = says(copy.askName());
const ASK_PHONE = says(copy.askPhone());
const CAKE = copy.orderItems([{ quantity: 1, product: 'Large celebration cake', options: ['Double chocolate'] }]);
const SATURDAY = '2026-11-28';

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
        [says(copy.orderSummary(CAKE, dates.day(h.business, SATURDAY), copy.fulfilment('pickup'), 'Dana', '0412 345 678'))],
      ],
      ['yes', [says(copy.consent(h.business))]],
      ['yes', [says(copy.orderPlaced(ANY, dates.callbackWhen(h.business, windowAt(h.business, '2026-11-23T11:00', true))))]],
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
    expect(callback!.topic).toBe(copy.orderCallbackTopic(CAKE, SATURDAY));
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
          says(
            copy.orderSummary(
              CAKE,
              dates.day(h.business, SATURDAY),
              copy.fulfilment('delivery', '12 King St, Newtown'),
              'Dana',
              '0412 345 678',
            ),
          ),
        ],
      ],
      ['yes', [says(copy.consent(h.business))]],
      ['yes', [says(copy.orderPlaced(ANY, dates.callbackWhen(h.business, windowAt(h.business, '2026-11-23T11:00', true))))]],
    ]);
    expect((await h.stores.orders.query()).items[0]).toMatchObject({ fulfilment: 'delivery', address: '12 King St, Newtown' });
  });

  it('when the date is changed while collecting ("actually make it the 5th"), then the new date is said back before the next question', async () => {
    await play(h, [
      ["I'd like to order the large chocolate cake for Saturday", [ASK_FULFILMENT]],
      ['actually make it the 5th', [saysParts(copy.changedTo(dates.day(h.business, '2026-12-05')), copy.askFulfilment())]],
      ['pickup', [ASK_NAME]],
    ]);
  });

  it('when "delivery to Newtown" names only the suburb, then the street address is still asked for and kept', async () => {
    await play(h, [
      ["I'd like to order the large chocolate cake for Saturday", [ASK_FULFILMENT]],
      ['delivery to Newtown', [ASK_ADDRESS]],
      ['12 King St, Newtown', [ASK_NAME]],
    ]);
  });

  it('when the address is outside the delivery areas, then it says so and offers another address or pickup', async () => {
    await play(h, [
      ["I'd like to order the large chocolate cake for Saturday", [ASK_FULFILMENT]],
      ['delivered please', [ASK_ADDRESS]],
      ['5 High St, Penrith', [says(copy.areaNotServed(h.business.delivery.unknownAreaNote))]],
      ["I'll pick it up then", [ASK_NAME]],
    ]);
  });

  it('when a tiered cake is wanted sooner than its notice allows, then it names the earliest date and asks again', async () => {
    await play(h, [
      [
        "I'd like to order a tiered cake for Friday",
        [says(copy.orderTooSoon('Tiered cake', 168, dates.day(h.business, '2026-11-30')))],
      ],
      ['Saturday 5 December', [ASK_FULFILMENT]],
      ['pickup', [ASK_NAME]],
    ]);
  });

  it('when the date asked for is "whenever", then the earliest date the notice allows is taken and said', async () => {
    await play(h, [
      ["I'd like to order the large chocolate cake", [ASK_DATE]],
      ['whenever', [saysParts(copy.earliestTaken(dates.day(h.business, '2026-11-25')), copy.askFulfilment())]],
      ['pickup', [ASK_NAME]],
    ]);
  });

  it('when cupcakes are wanted too soon, then the notice is said in the plural ("the cupcakes need")', () => {
    expect(copy.orderTooSoon('Cupcakes', 48, 'Friday 4 December')).toMatch(/^The cupcakes need at least 48 hours' notice/);
    expect(copy.orderTooSoon('Cookie box', 48, 'Friday 4 December')).toMatch(/^The cookie box needs at least/);
  });

  it('when the product prompt is answered with a size and a flavour, then that product is taken; a contact given early is kept', async () => {
    await play(h, [
      ["I'd like to place an order", [says(copy.askProduct(h.business.products.map((p) => p.name)))]],
      ['medium chocolate', [ASK_DATE]],
      ['Noah Brown, 0444 666 777', [ASK_DATE]],
      ['saturday', [ASK_FULFILMENT]],
      [
        'pick up',
        [
          says(
            copy.orderSummary(
              copy.orderItems([{ quantity: 1, product: 'Medium celebration cake', options: ['Double chocolate'] }]),
              dates.day(h.business, SATURDAY),
              copy.fulfilment('pickup'),
              'Noah Brown',
              '0444 666 777',
            ),
          ),
        ],
      ],
    ]);
  });

  it('when the date has passed, then it says so', async () => {
    await play(h, [["I'd like to order a large cake for yesterday", [says(copy.orderPastDate())]]]);
  });

  it('when the product is not named, then it lists what the shop makes, and an unknown one is explained', async () => {
    await play(h, [
      ["I'd like to place an order", [says(copy.askProduct(h.business.products.map((p) => p.name)))]],
      [
        'a pavlova',
        [
          says(
            copy.unknownProduct(
              'a pavlova',
              h.business.products.map((p) => p.name),
            ),
          ),
        ],
      ],
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
        [says(copy.orderSummary(CAKE, dates.day(h.business, SATURDAY), copy.fulfilment('pickup'), 'Dana', '0412 345 678'))],
      ],
      ['yes', [says(copy.consent(h.business))]],
      ['no thanks', [says(copy.consentDeclined(h.business))]],
    ]);
    expect(await h.stores.orders.count()).toBe(0);
    expect(await h.stores.callbacks.count()).toBe(0);
    expect(await h.stores.customers.count()).toBe(0);
  });
});

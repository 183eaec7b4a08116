import type { Activity } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import { createDialogHarness, play, SUNDAY_10AM, type DialogHarness } from '../support/dialogHarness.js';

const status = (state: string): Partial<Activity> => ({ type: 'event', name: 'handoff.status', value: { state } });

describe('hand-off to a person', () => {
  let h: DialogHarness;
  afterEach(async () => {
    await h.close();
  });

  it('when asked in opening hours, then it sends handoff.initiate with the transcript and stays silent until completed', async () => {
    h = await createDialogHarness();
    await play(h, [['how much is the small cake?', /\$55/]]);
    const replies = await h.send({ type: 'message', text: 'can I talk to a real person?' });
    expect(replies.map((r) => r.type)).toEqual(['message', 'event']);
    expect(replies[0]!.text).toMatch(/I'm connecting you with a person from our team now/);
    const initiate = replies[1]!;
    expect(initiate.name).toBe('handoff.initiate');
    expect(initiate.value).toMatchObject({ skill: 'sales' });
    const transcript = JSON.stringify(initiate.attachments);
    expect(transcript).toMatch(/how much is the small cake\?/);
    expect(transcript).toMatch(/\$55/);

    await play(h, [
      ['hello? anyone there?', []],
      ["I'd like to order the large cake for Saturday", []],
      ['call me on 0412 345 678', []],
    ]);
    expect(await h.send(status('completed'))).toEqual([]);
    await play(h, [['hi', [/^Hi, welcome to Crumb & Candle Bakery!/]]]);
    expect(await h.stores.callbacks.count()).toBe(0);
    expect(await h.stores.orders.count()).toBe(0);
  });

  it('when the hand-off fails, then it apologises and offers a callback, and "yes" starts one', async () => {
    h = await createDialogHarness();
    await play(h, [['talk to a person', [/connecting you/]]]);
    const replies = await h.send(status('failed'));
    expect(replies.map((r) => r.text)).toEqual([
      "I'm sorry, nobody from the team could take the chat just now. Would you like a callback instead?",
    ]);
    await play(h, [
      ['yes', [/Who should we ask for when we call\?/]],
      ['Dana', [/best number/]],
      ['0412 345 678', [/When would suit you/]],
      ['tomorrow at 3pm', [/about Talk to a person\. Shall I book it\?/]],
    ]);
  });

  it('when asked out of hours, then it offers a callback instead and sends no hand-off event', async () => {
    h = await createDialogHarness({ now: SUNDAY_10AM });
    const replies = await h.send({ type: 'message', text: 'I want to speak to a human' });
    expect(replies.map((r) => r.type)).toEqual(['message']);
    expect(replies[0]!.text).toBe(
      "Our team isn't available right now (we're back Monday at 9:00 am). Would you like a callback instead?",
    );
    await play(h, [['yes please', [/Who should we ask for when we call\?/]]]);
  });

  it('when the callback offered out of hours is declined, then it leaves the customer in peace', async () => {
    h = await createDialogHarness({ now: SUNDAY_10AM });
    await play(h, [
      ['get me a real person', [/Would you like a callback instead\?/]],
      ['no thanks', [/^No problem\. I'm here if you need anything\.$/]],
    ]);
  });

  it('when a status event arrives without a hand-off, then nothing is said', async () => {
    h = await createDialogHarness();
    expect(await h.send(status('completed'))).toEqual([]);
  });
});

import type { Activity } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import { copy, dates } from '../../dialogs/copy.js';
import { createDialogHarness, play, says, SUNDAY_10AM, windowAt, type DialogHarness } from '../support/dialogHarness.js';

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
    expect(replies[0]!.text).toBe(copy.handoffStarted());
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
    await play(h, [['hi', [says(copy.greeting(h.business))]]]);
    expect(await h.stores.callbacks.count()).toBe(0);
    expect(await h.stores.orders.count()).toBe(0);
  });

  it('when the hand-off fails, then it apologises and offers a callback, and "yes" starts one', async () => {
    h = await createDialogHarness();
    await play(h, [['talk to a person', [says(copy.handoffStarted())]]]);
    const replies = await h.send(status('failed'));
    expect(replies.map((r) => r.text)).toEqual([copy.handoffFailed()]);
    // The callback is about talking to a person.
    const tomorrow3pm = dates.callbackWhen(h.business, windowAt(h.business, '2026-11-24T15:00'));
    await play(h, [
      ['yes', [says(copy.askName())]],
      ['Dana', [says(copy.askPhone())]],
      ['0412 345 678', [says(copy.askTime())]],
      ['tomorrow at 3pm', [says(copy.callbackSummary('Dana', '0412 345 678', tomorrow3pm, copy.personTopic()))]],
    ]);
  });

  it('when asked out of hours, then it offers a callback instead and sends no hand-off event', async () => {
    h = await createDialogHarness({ now: SUNDAY_10AM });
    const replies = await h.send({ type: 'message', text: 'I want to speak to a human' });
    expect(replies.map((r) => r.type)).toEqual(['message']);
    // Back when the shop opens: Monday 23 November at 9:00 in Sydney.
    const monday9am = new Date(windowAt(h.business, '2026-11-23T09:00').start);
    expect(replies[0]!.text).toBe(copy.handoffOutOfHours(dates.weekdayAndTime(h.business, monday9am)));
    await play(h, [['yes please', [says(copy.askName())]]]);
  });

  it('when the callback offered out of hours is declined, then it leaves the customer in peace', async () => {
    h = await createDialogHarness({ now: SUNDAY_10AM });
    await play(h, [
      [
        'get me a real person',
        [
          says(
            copy.handoffOutOfHours(dates.weekdayAndTime(h.business, new Date(windowAt(h.business, '2026-11-23T09:00').start))),
          ),
        ],
      ],
      ['no thanks', [new RegExp(`^${says(copy.offerDeclined()).source}$`)]],
    ]);
  });

  it('when asked "are you a bot?", then it says plainly it is not a person and "yes" puts a person on', async () => {
    h = await createDialogHarness();
    await play(h, [['are you a bot?', [says(copy.identity(h.business))]]]);
    const replies = await h.send({ type: 'message', text: 'yes' });
    expect(replies.map((r) => r.type)).toEqual(['message', 'event']);
    expect(replies[0]!.text).toBe(copy.handoffStarted());
    expect(replies[1]).toMatchObject({ name: 'handoff.initiate' });
  });

  it('when a status event arrives without a hand-off, then nothing is said', async () => {
    h = await createDialogHarness();
    expect(await h.send(status('completed'))).toEqual([]);
  });
});

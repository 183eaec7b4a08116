import { describe, expect, it } from 'vitest';
import { answerFit, namedLine, relatedFact } from '../../dialogs/answerFit.js';
import { capabilitiesOf } from '../../src/channels/capabilities.js';

describe('how long a worded answer may be on each channel', () => {
  it('when the channel is the phone or SMS, then answers are much shorter than on Web Chat and plain', () => {
    const webchat = answerFit(capabilitiesOf('webchat'));
    const phone = answerFit(capabilitiesOf('telephony'));
    const sms = answerFit(capabilitiesOf('sms'));
    expect(webchat).toEqual({ maxChars: 600, markdown: true, typing: true });
    expect(phone).toEqual({ maxChars: 300, markdown: false, typing: false });
    expect(sms).toEqual({ maxChars: 260, markdown: false, typing: false });
  });

  it('when the channel is unknown, then the conservative plain-text row applies', () => {
    expect(answerFit(capabilitiesOf('carrier-pigeon'))).toMatchObject({ markdown: false, typing: false });
  });
});

describe('the list line asked about, with the fact another passage gives about it', () => {
  const passage = (heading: string, text: string) => ({
    id: `d.md#${heading}`,
    file: 'd.md',
    heading,
    title: 'D',
    text,
    alsoAsked: [],
  });
  const zones = 'We deliver to two zones:\n- Zone A, north: Alton and Brook.\n- Zone B, south: Carsey and Dunmore.';
  const fees = passage('Fees', 'Delivery costs $10 to Zone A and $20 to Zone B. Pickup is free.');

  it('when one line names the place asked about, then that line is picked and the other passage sentence naming its label completes it', () => {
    const line = namedLine('how much to deliver to dunmore', zones);
    expect(line).toBe('Zone B, south: Carsey and Dunmore.');
    expect(relatedFact(line!, [{ passage: fees, confidence: 0.4, sentences: [] }])).toEqual({
      sentence: 'Delivery costs $10 to Zone A and $20 to Zone B.',
      passage: fees,
    });
  });

  it('when no line or no other passage names it, then nothing is picked or added', () => {
    expect(namedLine('what zones do you deliver to', zones)).toBeUndefined();
    expect(
      relatedFact('Zone B, south: Carsey and Dunmore.', [
        { passage: passage('Hours', 'Open nine to five.'), confidence: 1, sentences: [] },
      ]),
    ).toBeUndefined();
  });
});

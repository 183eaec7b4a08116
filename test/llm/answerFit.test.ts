import { describe, expect, it } from 'vitest';
import { answerFit } from '../../dialogs/answerFit.js';
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

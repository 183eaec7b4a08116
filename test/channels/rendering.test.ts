import { describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { CAPABILITIES, capabilitiesOf, PLAIN_TEXT } from '../../src/channels/capabilities.js';
import { pickOffered } from '../../src/channels/render/choices.js';
import { stripMarkdown, toSlackMarkdown } from '../../src/channels/render/markdown.js';
import { renderActivity } from '../../src/channels/render/renderActivity.js';
import { splitMessage } from '../../src/channels/render/splitMessage.js';

const voice = { locale: 'en-AU', voice: 'en-AU-NatashaNeural' };
const answer =
  'The **large celebration cake** serves 20–24 people and costs $95. See [our cakes](https://example.com/cakes).\n\nSource: Large celebration cake — Celebration cakes';
const question: Partial<Activity> = {
  type: 'message',
  text: 'Would you like a callback?',
  suggestedActions: {
    to: [],
    actions: [
      { type: 'imBack', title: 'Yes please', value: 'yes' },
      { type: 'imBack', title: 'No thanks', value: 'no' },
    ],
  },
};
const render = (activity: Partial<Activity>, channelId: string) => renderActivity(activity, capabilitiesOf(channelId), voice);

describe('plain yes/no questions', () => {
  const yesNo: Partial<Activity> = {
    type: 'message',
    text: 'Shall I book it?',
    suggestedActions: {
      to: [],
      actions: [
        { type: 'imBack', title: 'Yes', value: 'Yes' },
        { type: 'imBack', title: 'No', value: 'No' },
      ],
    },
  };
  it.each(['sms', 'telephony', 'slack'])(
    'when %s gets a plain yes/no question, then the answers are not listed but "2" still means No',
    (channelId) => {
      const { activities, offered } = render(yesNo, channelId);
      expect(activities[0]!.text).toBe('Shall I book it?');
      expect(pickOffered('2', offered ?? [])?.value).toBe('No');
    },
  );
});

describe('rendering per channel, from the capability table', () => {
  it.each(['webchat', 'directline', 'msteams', 'emulator', 'facebook'])(
    'when %s gets a reply with suggested actions, then the buttons stay and nothing is added to the text',
    (channelId) => {
      const { activities, offered } = render(question, channelId);
      expect(activities).toHaveLength(1);
      expect(activities[0]!.text).toBe('Would you like a callback?');
      expect(activities[0]!.suggestedActions?.actions).toHaveLength(2);
      expect(offered).toBeUndefined();
    },
  );

  it.each(['sms', 'slack', 'unknown-channel'])(
    'when %s gets a reply with suggested actions, then they become numbered text choices',
    (channelId) => {
      const { activities, offered } = render(question, channelId);
      expect(activities[0]!.suggestedActions).toBeUndefined();
      expect(activities[0]!.text).toBe('Would you like a callback?\n\n1. Yes please\n2. No thanks');
      expect(offered).toEqual([
        { title: 'Yes please', value: 'yes' },
        { title: 'No thanks', value: 'no' },
      ]);
    },
  );

  it('when the phone gets a reply with suggested actions, then they are read as prose', () => {
    const { activities } = render(question, 'telephony');
    expect(activities[0]!.text).toBe('Would you like a callback? You can say: Yes please or No thanks.');
    expect(activities[0]!.speak).toContain('You can say: Yes please or No thanks.');
  });

  it('when a channel is not in the table, then it gets the plain-text row', () => {
    expect(capabilitiesOf('carrier-pigeon')).toBe(PLAIN_TEXT);
    expect(capabilitiesOf('__proto__')).toBe(PLAIN_TEXT);
    expect(capabilitiesOf('Constructor')).toBe(PLAIN_TEXT);
    expect(capabilitiesOf(undefined)).toBe(PLAIN_TEXT);
    const [reply] = render({ type: 'message', text: answer }, 'carrier-pigeon').activities;
    expect(reply!.text).not.toMatch(/\*\*|\]\(/);
    expect(reply!.text).toContain('large celebration cake serves');
  });

  it('when Web Chat, Teams or the test channel get Markdown, then it is kept', () => {
    for (const channelId of ['webchat', 'msteams', 'test']) {
      expect(render({ type: 'message', text: answer }, channelId).activities[0]!.text).toBe(answer);
    }
  });

  it('when Slack gets Markdown, then it is converted to mrkdwn', () => {
    const [reply] = render({ type: 'message', text: answer }, 'slack').activities;
    expect(reply!.text).toContain('*large celebration cake*');
    expect(reply!.text).toContain('<https://example.com/cakes|our cakes>');
  });

  it('when SMS gets Markdown, then it is plain text and links keep their address', () => {
    const [reply] = render({ type: 'message', text: answer }, 'sms').activities;
    expect(reply!.text).toBe(
      'The large celebration cake serves 20–24 people and costs $95. See our cakes (https://example.com/cakes).\n\nSource: Large celebration cake — Celebration cakes',
    );
  });

  it('when an SMS reply is longer than 320 characters, then it is split at sentence ends into messages of at most 320', () => {
    const long = Array.from({ length: 9 }, (_, i) => `Sentence number ${i + 1} tells you something useful about our cakes.`).join(
      ' ',
    );
    const { activities } = render({ type: 'message', text: long, ...{ suggestedActions: question.suggestedActions } }, 'sms');
    expect(activities.length).toBeGreaterThan(1);
    for (const a of activities) {
      expect(a.text!.length).toBeLessThanOrEqual(320);
      expect(a.text).toMatch(/[.?]$|\d\. No thanks$/);
    }
    expect(activities.map((a) => a.text).join(' ')).toContain('Sentence number 9');
    expect(activities.at(-1)!.text).toMatch(/1\. Yes please\n2\. No thanks$/);
  });

  it('when a hero card goes to SMS, then its title, text and buttons become text', () => {
    const card: Partial<Activity> = {
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.hero',
          content: {
            title: 'Cupcakes',
            text: 'A dozen for $48.',
            buttons: [{ type: 'imBack', title: 'Order', value: 'order cupcakes' }],
          },
        },
      ],
    };
    const { activities, offered } = render(card, 'sms');
    expect(activities[0]!.attachments).toBeUndefined();
    expect(activities[0]!.text).toBe('Cupcakes\n\nA dozen for $48.\n\n1. Order');
    expect(offered).toEqual([{ title: 'Order', value: 'order cupcakes' }]);
    expect(render(card, 'webchat').activities[0]!.attachments).toHaveLength(1);
  });

  it('when the table is read, then SMS and telephony never show typing and web chat does', () => {
    expect(CAPABILITIES.get('sms')!.typing).toBe(false);
    expect(CAPABILITIES.get('telephony')!.typing).toBe(false);
    expect(CAPABILITIES.get('webchat')!.typing).toBe(true);
    expect(CAPABILITIES.get('sms')!.maxLength).toBe(320);
  });

  it('when an activity is not a message, then it passes untouched', () => {
    const typing = { type: 'typing' };
    expect(render(typing, 'sms').activities).toEqual([typing]);
  });
});

describe('reading a reply as an offered choice', () => {
  const offered = [
    { title: 'Yes please', value: 'yes' },
    { title: 'No thanks', value: 'no' },
  ];
  it.each([
    ['2', 'no'],
    ['2.', 'no'],
    ['number 1', 'yes'],
    ['the second one', 'no'],
    ['two', 'no'],
    ['No thanks', 'no'],
  ])('when the reply is "%s", then it is the choice "%s"', (text, value) => {
    expect(pickOffered(text, offered)?.value).toBe(value);
  });

  it.each(['3', 'how much is delivery?', '', '0412 345 678'])('when the reply is "%s", then it is no choice', (text) => {
    expect(pickOffered(text, offered)).toBeUndefined();
  });
});

describe('markdown and splitting helpers', () => {
  it('when Markdown has headings, bullets and code, then plain text keeps only the words', () => {
    expect(stripMarkdown('## Fees\n- *Zone 1*: $15\n- `Zone 2`: $25')).toBe('Fees\n• Zone 1: $15\n• Zone 2: $25');
  });
  it('when Slack gets a heading, then it is bold', () => {
    expect(toSlackMarkdown('# Fees')).toBe('*Fees*');
  });
  it('when a text fits, then it is one message; when one word is longer than the limit, then it is cut', () => {
    expect(splitMessage('Short.', 320)).toEqual(['Short.']);
    expect(splitMessage('x'.repeat(700), 320).map((p) => p.length)).toEqual([320, 320, 60]);
  });
});

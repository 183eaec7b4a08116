/**
 * Reading letters: what the customer newly wrote (quoted history, signature, salutation and sign-off
 * removed), how it is cut into requests, which letters get no reply; and Azure Bot Service's
 * `email` channel answered in its shape over /api/messages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { whyNoReply } from '../../src/channels/email/automatic.js';
import { isUnreadable, readLetter, type Letter } from '../../src/channels/email/letter.js';
import { firstNameOf } from '../../src/channels/email/letterCopy.js';
import { letterRequests, visibleText } from '../../src/channels/email/letterText.js';
import { composeRaw } from '../support/mailPeers.js';
import { startTestBot, type TestBot } from '../support/testBot.js';

describe('visibleText', () => {
  it('when a reply quotes the previous letter below an "On … wrote:" line, then only the new text is kept', () => {
    const body =
      'Yes please.\n\nOn Mon, 23 Nov 2026 at 10:00, Shop <hello@shop.test> wrote:\n> Shall I book it?\n> Kind regards\n';
    expect(visibleText(body)).toBe('Yes please.');
  });

  it('when a letter has a salutation, a sign-off and a signature, then they are dropped', () => {
    const body = 'Dear team,\n\nDo you deliver on Sundays?\n\nKind regards,\nAlex\n\n--\nAlex Smith\nSent from my phone\n';
    expect(visibleText(body)).toBe('Do you deliver on Sundays?');
  });

  it('when the first line opens with a greeting and goes on, then the greeting is dropped and the rest kept', () => {
    expect(visibleText('Hi, do you deliver on Sundays?')).toBe('do you deliver on Sundays?');
    expect(visibleText("Hello, we're an office in Ryde.")).toBe("we're an office in Ryde.");
    expect(visibleText('Hillary here. Do you deliver?')).toBe('Hillary here. Do you deliver?');
  });
});

describe('letterRequests', () => {
  it('when a paragraph asks several questions, then each question is its own request, in order', () => {
    expect(letterRequests('Do you deliver? How much is it?\nCan I pay by card?')).toEqual([
      'Do you deliver?',
      'How much is it?',
      'Can I pay by card?',
    ]);
  });

  it('when statements surround a question, then the ones before go with it and the ones after stay with the last question', () => {
    expect(
      letterRequests(
        "We're in Ryde. Do you deliver there? Could you call me on Friday? My number is 0412 345 678. Thanks for that.",
      ),
    ).toEqual([
      "We're in Ryde. Do you deliver there?",
      'Could you call me on Friday? My number is 0412 345 678. Thanks for that.',
    ]);
  });

  it('when a statement comes before a question that stands alone, then it is a request of its own (it would pull the answer off the question)', () => {
    expect(letterRequests("I'm organising a party for 20 on 12 December. Do you deliver to Parramatta?")).toEqual([
      "I'm organising a party for 20 on 12 December.",
      'Do you deliver to Parramatta?',
    ]);
  });

  it('when statements before a question carry contact details, then they go with it', () => {
    expect(letterRequests('My name is Priya and my number is 0412 345 678. Could you call me on Friday at 11am?')).toEqual([
      'My name is Priya and my number is 0412 345 678. Could you call me on Friday at 11am?',
    ]);
  });

  it('when a letter lists its questions, then each item is a request', () => {
    expect(letterRequests('My questions:\n1. Do you deliver?\n2) Are you open Sundays?\n- Can I pay cash?')).toEqual([
      'My questions:',
      'Do you deliver?',
      'Are you open Sundays?',
      'Can I pay cash?',
    ]);
  });

  it('when a paragraph has no question, then it is one request (an order, a callback request)', () => {
    expect(letterRequests('Please call me tomorrow at 10am on 0412 345 678.\n\nHow much is delivery?')).toEqual([
      'Please call me tomorrow at 10am on 0412 345 678.',
      'How much is delivery?',
    ]);
  });
});

describe('readLetter and whyNoReply', () => {
  const letter = async (headers: Record<string, string>, from = 'Kim <kim@example.test>'): Promise<Letter> => {
    const read = await readLetter(await composeRaw({ from, messageId: 'm@example.test', text: 'Do you deliver?', headers }));
    if (isUnreadable(read)) throw new Error(read.reason);
    return read;
  };
  const own = ['hello@bot.test'];

  it('when a person writes, then the letter is answered and its thread ids are read without angle brackets', async () => {
    const l = await readLetter(
      await composeRaw({
        from: 'Kim <kim@example.test>',
        messageId: 'b@x.test',
        inReplyTo: 'a@x.test',
        references: ['r@x.test', 'a@x.test'],
        text: 'Hi?',
      }),
    );
    expect(isUnreadable(l)).toBe(false);
    expect(l).toMatchObject({ messageId: 'b@x.test', inReplyTo: 'a@x.test', references: ['r@x.test', 'a@x.test'] });
    expect(whyNoReply(l as Letter, own)).toBeUndefined();
  });

  it.each([
    [{ 'Auto-Submitted': 'auto-replied' }, /Auto-Submitted/],
    [{ 'Auto-Submitted': 'auto-generated' }, /Auto-Submitted/],
    [{ Precedence: 'list' }, /Precedence/],
    [{ Precedence: 'junk' }, /Precedence/],
    [{ 'List-Id': 'News <news.example.test>' }, /mailing list/],
    [{ 'X-Autoreply': 'yes' }, /automatic reply/],
  ])('when the letter carries %o, then it gets no reply', async (headers, reason) => {
    expect(whyNoReply(await letter(headers), own)).toMatch(reason);
  });

  it('when Auto-Submitted says "no", then a person wrote it and it is answered', async () => {
    expect(whyNoReply(await letter({ 'Auto-Submitted': 'no' }), own)).toBeUndefined();
  });

  it('when a bounce comes from the mailer daemon, then it gets no reply', async () => {
    expect(whyNoReply(await letter({}, 'MAILER-DAEMON@mx.example.test'), own)).toMatch(/automatic sender/);
  });

  it('when the source is not a letter at all, then it is unreadable with a reason', async () => {
    const read = await readLetter(Buffer.from('just some bytes\r\n'));
    expect(isUnreadable(read) && read.reason).toMatch(/no sender/);
  });
});

describe('firstNameOf', () => {
  it.each([
    ['Jane Citizen', 'Jane'],
    ['"Priya Raman"', 'Priya'],
    ['jane@example.test', undefined],
    ['sales team', undefined],
    [undefined, undefined],
  ])('when the display name is %s, then the greeting uses %s', (name, first) => {
    expect(firstNameOf(name)).toBe(first);
  });
});

describe("Azure Bot Service's email channel", () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ overrides: { now: () => new Date('2026-11-23T10:00:00+11:00') } });
  });
  afterAll(async () => bot?.stop());

  it('when an email activity asks two questions, then one reply answers both, with subject and HTML body in channelData and no buttons', async () => {
    const conversation = bot.conversation({ channelId: 'email', userId: 'jo@example.test' });
    const replies = await conversation.say('Hello,\n\nHow much is delivery? Do you make gluten-free cakes?\n\nThanks,\nJo', {
      from: { id: 'jo@example.test', name: 'Jo Bloggs' },
      channelData: { subject: 'Questions', htmlBody: '<p>ignored when text is given</p>' },
    });
    const messages = replies.filter((r) => r.type === 'message');
    expect(messages).toHaveLength(1);
    const [reply] = messages;
    const data = reply!.channelData as { subject: string; htmlBody: string };
    expect(data.subject).toBe('Re: Questions');
    expect(reply!.text).toMatch(
      /^Hello Jo,[\s\S]*> How much is delivery\?[\s\S]*Source: Delivery fees[\s\S]*> Do you make gluten-free cakes\?[\s\S]*Source: Gluten-free cakes/,
    );
    expect(data.htmlBody).toMatch(/<blockquote>[\s\S]*How much is delivery\?[\s\S]*Source: Delivery fees/);
    expect(reply!.suggestedActions).toBeUndefined();
  });

  it('when a letter asks inside its sentences ("…and wondered whether you make tiered cakes, and how far in advance…"), then each is answered and no order starts', async () => {
    const conversation = bot.conversation({ channelId: 'email', userId: 'susan@example.test' });
    const replies = await conversation.say(
      "Hello,\n\nI am planning my daughter's wedding in March and wondered whether you make tiered cakes, and how far in advance I would need to order one. Also, do you deliver to Manly?\n\nKind regards,\nSusan Park",
      { from: { id: 'susan@example.test', name: 'Susan Park' } },
    );
    const text = replies
      .filter((r) => r.type === 'message')
      .map((r) => r.text)
      .join('\n');
    expect(text).toMatch(/Source: Tiered cakes/);
    expect(text).toMatch(/Tiered cakes and custom cakes need at least 7 days' notice/);
    expect(text).toMatch(/Yes — Zone 3[^\n]*Manly/);
    expect(text).not.toMatch(/delivered, or will you pick it up/);
  });

  it('when the e-mail channel adds a member, then no welcome letter is sent', async () => {
    const conversation = bot.conversation({ channelId: 'email', userId: 'new@example.test' });
    expect(await conversation.join()).toEqual([]);
  });

  it('when the activity has only an HTML body, then the HTML is read as the letter', async () => {
    const conversation = bot.conversation({ channelId: 'email', userId: 'al@example.test' });
    const replies = await conversation.say('', {
      channelData: { subject: 'Re: pickup', htmlBody: '<div>Where do I pick up my order?</div><blockquote>old</blockquote>' },
    });
    const [reply] = replies.filter((r) => r.type === 'message');
    expect((reply!.channelData as { subject: string }).subject).toBe('Re: pickup');
    expect(reply!.text).toMatch(/Source: Pickup from the shop/);
  });
});

describe('EMAIL_* settings', () => {
  it('when none is set, then the channel is off and nothing is required', () => {
    const c = parseConfig({});
    expect(c.EMAIL_ADDRESS).toBeUndefined();
    expect(c.EMAIL_IMAP_HOST).toBeUndefined();
    expect(c.EMAIL_INBOUND_SMTP_PORT).toBeUndefined();
  });

  it('when a way in is set without the address, the relay or the login, then start-up names every missing key', () => {
    expect(() => parseConfig({ EMAIL_IMAP_HOST: 'imap.example.test' })).toThrow(
      /EMAIL_ADDRESS[\s\S]*EMAIL_SMTP_HOST[\s\S]*EMAIL_IMAP_USER/,
    );
  });

  it('when the address is not an address, then start-up refuses it', () => {
    expect(() => parseConfig({ EMAIL_ADDRESS: 'hello', EMAIL_SMTP_HOST: 'smtp', EMAIL_INBOUND_SMTP_PORT: '2525' })).toThrow(
      /EMAIL_ADDRESS: expected an e-mail address/,
    );
  });

  it('when the settings are complete, then the defaults fill the rest', () => {
    const c = parseConfig({
      EMAIL_ADDRESS: 'hello@shop.test',
      EMAIL_SMTP_HOST: 'smtp.shop.test',
      EMAIL_IMAP_HOST: 'imap.shop.test',
      EMAIL_IMAP_USER: 'hello',
      EMAIL_IMAP_PASSWORD: 'pw',
    });
    expect(c).toMatchObject({
      EMAIL_IMAP_PORT: 993,
      EMAIL_IMAP_TLS: true,
      EMAIL_SMTP_PORT: 587,
      EMAIL_SMTP_TLS: false,
      EMAIL_RATE_PER_HOUR: 10,
    });
  });
});

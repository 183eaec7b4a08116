/**
 * Letters by the bot's own SMTP server (the direct path), answered through a real SMTP relay on
 * loopback: one threaded reply per letter that answers each question in order, the thread kept as
 * one conversation, a callback booked by letter only after the customer's "yes", automatic mail
 * ignored, and nothing lost or answered twice across a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmailLedger } from '../../src/channels/email/emailLedger.js';
import { composeRaw, sendTo, startRelay, type Captured, type Relay } from '../support/mailPeers.js';
import { BOT_ADDRESS, eventually, startEmailBot, type EmailBot } from '../support/emailBot.js';

const FIVE_QUESTIONS = `Hi there,

Do you deliver to Parramatta? How much is delivery?
Do you make gluten-free cakes?

What payment methods do you accept? And do you sell gift vouchers for a spa day?

Thanks,
Jane

--
Jane Citizen
Sent from my phone
`;

let relay: Relay;
let bot: EmailBot;

beforeAll(async () => {
  relay = await startRelay();
  bot = await startEmailBot(relay);
});
afterAll(async () => {
  await bot?.stop();
  await relay?.close();
});

/** The parts of the plain body between the quoted requests, in order. */
const sectionsOf = (text: string): string[] => text.split(/^> .*$/m).slice(1);

describe('a letter with five questions', () => {
  let reply: Captured;
  beforeAll(async () => {
    const before = relay.sent.length;
    await sendTo(bot.smtpPort!, {
      from: 'Jane Citizen <jane@example.test>',
      messageId: 'five@example.test',
      subject: 'A few questions',
      text: FIVE_QUESTIONS,
    });
    reply = (await relay.waitFor(before + 1))[before]!;
  });

  it('when it is answered, then one reply goes to the sender from the bot, threaded under the letter', async () => {
    expect(reply.envelope.to).toEqual(['jane@example.test']);
    expect(reply.mail.from?.value[0]?.address).toBe(BOT_ADDRESS);
    expect(reply.mail.subject).toBe('Re: A few questions');
    expect(reply.mail.inReplyTo).toBe('<five@example.test>');
    expect(reply.mail.references).toContain('<five@example.test>');
    expect(reply.mail.messageId).toMatch(/^<[^@]+@bot\.test>$/);
    expect(reply.mail.headers.get('auto-submitted')).toBe('auto-replied');
    await new Promise((r) => setTimeout(r, 500));
    expect(relay.sent.filter((s) => s.mail.inReplyTo === '<five@example.test>')).toHaveLength(1);
  });

  it('when it is answered, then each question is quoted and answered in order, with its source or an honest "not known"', () => {
    const text = reply.mail.text ?? '';
    const quoted = [...text.matchAll(/^> (.*)$/gm)].map((m) => m[1]);
    expect(quoted).toEqual([
      'Do you deliver to Parramatta?',
      'How much is delivery?',
      'Do you make gluten-free cakes?',
      'What payment methods do you accept?',
      'And do you sell gift vouchers for a spa day?',
    ]);
    const sections = sectionsOf(text);
    expect(sections[0]).toMatch(/Parramatta[\s\S]*Source: Delivery areas/);
    expect(sections[1]).toMatch(/\$15[\s\S]*Source: Delivery fees/);
    expect(sections[2]).toMatch(/Gluten-free[\s\S]*Source: Gluten-free cakes/);
    expect(sections[3]).toMatch(/Source: Payment methods/);
    expect(sections[4]).toMatch(/I don't know that/);
    expect(sections[4]).not.toMatch(/Source:/);
  });

  it('when it is answered, then the greeting names the writer and the business signs off; signature and sign-off are not answered', () => {
    const text = reply.mail.text ?? '';
    expect(text.startsWith('Hello Jane,')).toBe(true);
    expect(text.trimEnd().endsWith('Kind regards,\nCrumb & Candle Bakery')).toBe(true);
    expect(text).not.toMatch(/Sent from my phone|You're welcome/);
  });

  it('when it is answered, then the HTML body carries the same answers, escaped, and the text part has no Markdown', () => {
    const html = String(reply.mail.html);
    expect(html).toMatch(/<blockquote>\s*<p>Do you deliver to Parramatta\?<\/p>/);
    expect(html).toContain('Source: Delivery fees');
    expect(html).toContain('Crumb &amp; Candle Bakery');
    expect(reply.mail.text).not.toMatch(/\*\*|<p>/);
  });

  it('when it is recorded, then the transcript shows the letter and the reply on the email channel', async () => {
    const record = await eventually(async () => {
      const r = await bot.letter('five@example.test');
      return r?.status === 'sent' ? r : undefined;
    });
    const entries = await bot.app.stores.transcripts.read(record!.conversationId!);
    expect(entries.map((e) => e.direction)).toEqual(['in', 'out']);
    expect(entries.map((e) => e.activity.channelId)).toEqual(['email', 'email']);
    expect((entries[0]!.activity.from as { id: string }).id).toBe('jane@example.test');
    expect(entries[1]!.text).toMatch(/^Hello Jane,[\s\S]*Source: Delivery fees/);
    const conversation = await eventually(() => bot.app.stores.conversations.get(record!.conversationId!));
    expect(conversation.channelId).toBe('email');
  });
});

describe('a thread', () => {
  it('when the customer replies in the thread, then it continues the same conversation and the quoted history is not answered again', async () => {
    const before = relay.sent.length;
    await sendTo(bot.smtpPort!, {
      from: 'Sam Lee <sam@example.test>',
      messageId: 'sam-1@example.test',
      subject: 'Pickup',
      text: 'Hello,\n\nWhere do I pick up my order?\n\nSam',
    });
    const first = (await relay.waitFor(before + 1))[before]!;
    expect(first.mail.text).toMatch(/Source: Pickup from the shop/);
    const botId = first.mail.messageId!.replace(/^<|>$/g, '');

    // Only In-Reply-To, as some clients send it; the quoted reply must not be taken as new text.
    await sendTo(bot.smtpPort!, {
      from: 'Sam Lee <sam@example.test>',
      messageId: 'sam-2@example.test',
      subject: 'Re: Pickup',
      inReplyTo: botId,
      text: `Thanks. How much notice do you need for a cake?\n\nOn Mon, 23 Nov 2026 at 10:00, Crumb & Candle Bakery <hello@bot.test> wrote:\n${first.mail
        .text!.split('\n')
        .map((l) => `> ${l}`)
        .join('\n')}\n`,
    });
    const second = (await relay.waitFor(before + 2))[before + 1]!;
    expect(second.mail.subject).toBe('Re: Pickup');
    expect(second.mail.inReplyTo).toBe('<sam-2@example.test>');
    expect(second.mail.text).toMatch(/Source: Lead times/);
    expect(second.mail.text).not.toMatch(/Pickup from the shop/);
    const [a, b] = [await bot.letter('sam-1@example.test'), await eventually(() => bot.letter('sam-2@example.test'))];
    expect(a?.conversationId).toBeDefined();
    expect(b?.conversationId).toBe(a?.conversationId);
    const entries = await bot.app.stores.transcripts.read(a!.conversationId!);
    expect(entries.map((e) => e.direction)).toEqual(['in', 'out', 'in', 'out']);
  });
});

describe('a callback booked by letter', () => {
  it('when the letter asks for a call at a stated time and number, then it is read back and booked only after the customer says yes', async () => {
    const from = 'Priya Raman <priya@example.test>';
    const before = relay.sent.length;
    const thread: string[] = ['cb-1@example.test'];
    await sendTo(bot.smtpPort!, {
      from,
      messageId: thread[0]!,
      subject: 'Call me please',
      text: 'Dear team,\n\nCould you call me on Friday at 11am about a wedding order? My number is 0412 345 678 and my name is Priya Raman.\n\nKind regards,\nPriya',
    });
    const readBack = (await relay.waitFor(before + 1))[before]!;
    expect(readBack.mail.text).toMatch(/Priya Raman[\s\S]*0412 345 678[\s\S]*Friday 27 November, 11:00/);
    expect(readBack.mail.text).toMatch(/Shall I book it\?\s+Just reply to this e-mail with "yes" or "no"\./);
    expect(await bot.app.stores.callbacks.count()).toBe(0);

    const replyTo = async (n: number, previous: Captured, text: string): Promise<Captured> => {
      const id = `cb-${n}@example.test`;
      const references = [...thread, previous.mail.messageId!.replace(/^<|>$/g, '')];
      thread.push(previous.mail.messageId!.replace(/^<|>$/g, ''), id);
      await sendTo(bot.smtpPort!, {
        from,
        messageId: id,
        subject: 'Re: Call me please',
        inReplyTo: references[references.length - 1],
        references,
        text: `${text}\n\nOn Mon, 23 Nov 2026, Crumb & Candle Bakery wrote:\n> ${previous.mail.text!.split('\n').join('\n> ')}\n`,
      });
      const count = relay.sent.length;
      return (await relay.waitFor(count + 1))[count]!;
    };
    // The read-back is confirmed; consent to keep the details is then asked, never assumed (the
    // dialogs ask it as a second question; see the README's limits).
    const consent = await replyTo(2, readBack, 'Yes, that is right.');
    expect(consent.mail.text).toMatch(/keep your name and contact details[\s\S]*\?/);
    expect(await bot.app.stores.callbacks.count()).toBe(0);
    const reply = await replyTo(3, consent, 'Yes');
    expect(reply.mail.text).toMatch(/reference/i);
    const { items } = await bot.app.stores.callbacks.query();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ name: 'Priya Raman', phone: '+61412345678', channelId: 'email' });
    expect(reply.mail.text).toContain(items[0]!.ref);
    // The sender's address is the customer's channel account: the next letter from it is recognised.
    const customer = await bot.app.stores.customers.get(items[0]!.customerId!);
    expect(customer?.channelAccounts).toContain('email|priya@example.test');
  });
});

describe('letters that get no reply', () => {
  const quiet = async (fields: Parameters<typeof sendTo>[1]): Promise<string | undefined> => {
    const before = relay.sent.length;
    await sendTo(bot.smtpPort!, fields);
    const record = await eventually(async () => {
      const r = await bot.letter(fields.messageId);
      return r && r.status !== 'received' ? r : undefined;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(relay.sent.length).toBe(before);
    expect(record.status).toBe('ignored');
    return record.reason;
  };

  it('when an out-of-office reply arrives, then it is not answered', async () => {
    const reason = await quiet({
      from: 'Jane <jane@example.test>',
      messageId: 'ooo@example.test',
      subject: 'Automatic reply: A few questions',
      text: 'I am out of the office until Monday. What is urgent can go to my colleague?',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    expect(reason).toMatch(/Auto-Submitted/);
  });

  it('when a mailing list or bulk letter arrives, then it is not answered', async () => {
    expect(
      await quiet({
        from: 'news@list.test',
        messageId: 'list@list.test',
        text: 'Do you want our newsletter?',
        headers: { 'List-Id': '<news.list.test>' },
      }),
    ).toMatch(/mailing list/);
    expect(
      await quiet({ from: 'promo@list.test', messageId: 'bulk@list.test', text: 'Big sale?', headers: { Precedence: 'bulk' } }),
    ).toMatch(/Precedence/);
  });

  it("when a letter comes from the bot's own address, then it is not answered (no loop)", async () => {
    expect(await quiet({ from: BOT_ADDRESS, messageId: 'self@bot.test', text: 'Do you deliver?' })).toMatch(/own address/);
  });

  it('when a letter only says thanks, then no reply is sent', async () => {
    expect(await quiet({ from: 'Jane <jane@example.test>', messageId: 'thanks@example.test', text: 'Thanks!\n\nJane' })).toMatch(
      /nothing new/,
    );
  });
});

describe('letters kept for staff', () => {
  it('when the customer asked for a person, then later letters in the thread are kept for staff, not answered with an empty letter', async () => {
    const from = 'Tom <tom@example.test>';
    const before = relay.sent.length;
    await sendTo(bot.smtpPort!, { from, messageId: 'tom-1@example.test', subject: 'Help', text: 'I want to talk to a person.' });
    const first = (await relay.waitFor(before + 1))[before]!;
    expect(first.mail.text).not.toMatch(/^Hello Tom,\s+Kind regards/);
    await sendTo(bot.smtpPort!, {
      from,
      messageId: 'tom-2@example.test',
      subject: 'Re: Help',
      inReplyTo: first.mail.messageId!.replace(/^<|>$/g, ''),
      text: 'Are you open on Saturday?',
    });
    const held = await eventually(async () => (await bot.held()).find((h) => h.messageId === 'tom-2@example.test'));
    expect(held.reason).toMatch(/a person has the conversation/);
    expect(relay.sent.length).toBe(before + 1);
  });

  it('when a letter has no sender address, then it is kept with the reason and not answered', async () => {
    const before = relay.sent.length;
    const raw = Buffer.from('To: hello@bot.test\r\nSubject: ?\r\nMessage-ID: <nofrom@example.test>\r\n\r\nDo you deliver?\r\n');
    const { default: nodemailer } = await import('nodemailer');
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: bot.smtpPort!, secure: false, ignoreTLS: true });
    await transport.sendMail({ envelope: { from: 'x@example.test', to: [BOT_ADDRESS] }, raw });
    transport.close();
    const held = await eventually(async () => (await bot.held()).find((h) => h.messageId === 'nofrom@example.test'));
    expect(held.reason).toMatch(/no sender/);
    expect(Buffer.from(held.raw!, 'base64').toString()).toContain('Do you deliver?');
    expect(relay.sent.length).toBe(before);
  });

  it('when a letter is for an address that is not the bot’s, then the SMTP server refuses it', async () => {
    await expect(
      sendTo(bot.smtpPort!, { from: 'a@example.test', to: 'someone@else.test', messageId: 'else@example.test', text: 'Hi?' }),
    ).rejects.toThrow(/550|recipient/);
  });
});

describe('rate limit and restarts', () => {
  it('when one sender writes more letters in an hour than allowed, then the extra ones are kept for staff, not answered', async () => {
    const r = await startRelay();
    const limited = await startEmailBot(r, { env: { EMAIL_RATE_PER_HOUR: '2' } });
    try {
      for (const n of [1, 2, 3]) {
        await sendTo(limited.smtpPort!, {
          from: 'busy@example.test',
          messageId: `busy-${n}@example.test`,
          text: 'How much is delivery?',
        });
      }
      await r.waitFor(2);
      const third = await eventually(async () => {
        const rec = await limited.letter('busy-3@example.test');
        return rec?.status === 'held' ? rec : undefined;
      });
      expect(third.reason).toMatch(/2 letters an hour/);
      await new Promise((res) => setTimeout(res, 300));
      expect(r.sent).toHaveLength(2);
    } finally {
      await limited.stop();
      await r.close();
    }
  });

  it('when the bot stopped after recording a letter but before its turns ran, then the letter is answered at the next start', async () => {
    const r = await startRelay();
    const dataDir = await mkdtemp(join(tmpdir(), 'isb-email-'));
    try {
      // What a crash right after the "received" record leaves behind.
      const seed = await startEmailBot(r, { dataDir });
      await createEmailLedger(seed.app.stores.state).save({
        messageId: 'crashed@example.test',
        status: 'received',
        via: 'smtp',
        receivedAt: new Date().toISOString(),
        raw: (
          await composeRaw({
            from: 'Bo <bo@example.test>',
            messageId: 'crashed@example.test',
            text: 'Do I need to pay a deposit?',
          })
        ).toString('base64'),
      });
      await seed.stop({ keepData: true });
      expect(r.sent).toHaveLength(0);

      const again = await startEmailBot(r, { dataDir });
      try {
        const [sent] = await r.waitFor(1);
        expect(sent!.mail.inReplyTo).toBe('<crashed@example.test>');
        expect(sent!.mail.text).toMatch(/Source: Deposits/);
        await eventually(async () => (await again.letter('crashed@example.test'))?.status === 'sent');
      } finally {
        await again.stop({ keepData: true });
      }
    } finally {
      await r.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('when the bot restarts between receiving a letter and sending its reply, then the reply is sent once after the restart', async () => {
    const r = await startRelay();
    const dataDir = await mkdtemp(join(tmpdir(), 'isb-email-'));
    try {
      r.refuse = true;
      const first = await startEmailBot(r, { dataDir });
      await sendTo(first.smtpPort!, {
        from: 'Ana <ana@example.test>',
        messageId: 'restart@example.test',
        text: 'Do you deliver to Parramatta?',
      });
      const pending = await eventually(async () => {
        const rec = await first.letter('restart@example.test');
        return rec?.status === 'replying' && rec.attempts ? rec : undefined;
      });
      expect(pending.reply?.inReplyTo).toBe('restart@example.test');
      await first.stop({ keepData: true });

      r.refuse = false;
      const second = await startEmailBot(r, { dataDir });
      try {
        const [sent] = await r.waitFor(1);
        expect(sent!.mail.inReplyTo).toBe('<restart@example.test>');
        expect(sent!.mail.messageId).toBe(`<${pending.reply!.messageId}>`);
        expect(sent!.mail.text).toMatch(/Source: Delivery areas/);
        // The same letter delivered again (a sender's retry) is not answered again.
        await sendTo(second.smtpPort!, {
          from: 'Ana <ana@example.test>',
          messageId: 'restart@example.test',
          text: 'Do you deliver to Parramatta?',
        });
        await new Promise((res) => setTimeout(res, 500));
        expect(r.sent).toHaveLength(1);
        expect((await second.letter('restart@example.test'))?.status).toBe('sent');
      } finally {
        await second.stop({ keepData: true });
      }
    } finally {
      await r.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

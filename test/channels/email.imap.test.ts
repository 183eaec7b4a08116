/**
 * Letters read from a real IMAP mailbox (Dovecot from Debian's package, started on a loopback port
 * with a temp config; .ci/run installs it): unseen letters are answered through the SMTP relay and
 * marked seen (noticed through IDLE, or by polling where the server has no IDLE); automatic mail is
 * marked seen unanswered; a letter whose reply could not be sent stays unseen and is answered once
 * after a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDovecot, startRelay, type Dovecot, type Relay } from '../support/mailPeers.js';
import { eventually, startEmailBot, type EmailBot } from '../support/emailBot.js';

let dovecot: Dovecot;
let relay: Relay;

beforeAll(async () => {
  dovecot = await startDovecot();
  relay = await startRelay();
});
afterAll(async () => {
  await relay?.close();
  await dovecot?.stop();
});

describe('the IMAP inbox', () => {
  let bot: EmailBot;
  beforeAll(async () => {
    // No poll in the time of the test: new mail must be noticed through IDLE.
    bot = await startEmailBot(relay, { direct: false, imap: { port: dovecot.port }, env: { EMAIL_POLL_SECONDS: '3600' } });
  });
  afterAll(async () => bot?.stop());

  it('when an unseen letter arrives, then it is answered once in its thread and marked seen', async () => {
    await dovecot.deliver({
      from: 'Lee Wong <lee@example.test>',
      messageId: 'imap-1@example.test',
      subject: 'Two questions',
      text: 'Hello,\n\nWhat payment methods do you accept?\nDo I need to pay a deposit?\n\nCheers,\nLee',
    });
    const [reply] = await relay.waitFor(1);
    expect(reply!.envelope.to).toEqual(['lee@example.test']);
    expect(reply!.mail.inReplyTo).toBe('<imap-1@example.test>');
    expect(reply!.mail.subject).toBe('Re: Two questions');
    expect(reply!.mail.text).toMatch(/^Hello Lee,[\s\S]*Source: Payment methods[\s\S]*Source: Deposits/);
    await eventually(async () => (await dovecot.unseen()).length === 0);
    await new Promise((r) => setTimeout(r, 1500)); // a poll or two more
    expect(relay.sent).toHaveLength(1);
  });

  it('when an automatic reply arrives, then it is marked seen and not answered', async () => {
    const before = relay.sent.length;
    await dovecot.deliver({
      from: 'lee@example.test',
      messageId: 'imap-ooo@example.test',
      subject: 'Out of office',
      text: 'I am away until Monday. Can it wait?',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    await eventually(async () => (await bot.letter('imap-ooo@example.test'))?.status === 'ignored');
    await eventually(async () => (await dovecot.unseen()).length === 0);
    expect(relay.sent.length).toBe(before);
  });
});

describe('a server without IDLE, and a restart between receiving and sending', () => {
  let plain: Dovecot;
  beforeAll(async () => {
    plain = await startDovecot({ idle: false });
  });
  afterAll(async () => plain?.stop());

  it('when the relay refuses until the bot restarts, then the letter (found by polling) stays unseen and is answered exactly once after the restart', async () => {
    const r = await startRelay();
    const dataDir = await mkdtemp(join(tmpdir(), 'isb-imap-'));
    try {
      r.refuse = true;
      const first = await startEmailBot(r, {
        dataDir,
        direct: false,
        imap: { port: plain.port },
        env: { EMAIL_POLL_SECONDS: '1' },
      });
      await plain.deliver({ from: 'Mo <mo@example.test>', messageId: 'imap-r@example.test', text: 'How much is delivery?' });
      await eventually(async () => (await first.letter('imap-r@example.test'))?.status === 'replying');
      expect((await plain.unseen()).length).toBe(1);
      await first.stop({ keepData: true });

      r.refuse = false;
      const second = await startEmailBot(r, {
        dataDir,
        direct: false,
        imap: { port: plain.port },
        env: { EMAIL_POLL_SECONDS: '1' },
      });
      try {
        const [sent] = await r.waitFor(1);
        expect(sent!.mail.inReplyTo).toBe('<imap-r@example.test>');
        expect(sent!.mail.text).toMatch(/Source: Delivery fees/);
        await eventually(async () => (await plain.unseen()).length === 0);
        await new Promise((res) => setTimeout(res, 1500));
        expect(r.sent).toHaveLength(1);
      } finally {
        await second.stop({ keepData: true });
      }
    } finally {
      await r.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

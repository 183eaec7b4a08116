/**
 * Nothing answered twice after a kill -9: the bot runs as its own process (`src/main.ts`) with its
 * e-mail channel on loopback, takes a letter by SMTP, records the reply and is killed while the
 * relay holds the reply unacknowledged; the bot started again on the same data sends that reply,
 * once, with the same Message-ID.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createEmailLedger } from '../../src/channels/email/emailLedger.js';
import { freePort, sendTo, startRelay } from '../support/mailPeers.js';
import { BOT_ADDRESS, eventually, startEmailBot } from '../support/emailBot.js';
import { REPO } from '../support/testBot.js';

it('when the bot is killed with SIGKILL while sending a reply, then after a restart the letter is answered exactly once', async () => {
  const relay = await startRelay();
  const dataDir = await mkdtemp(join(tmpdir(), 'isb-email-kill-'));
  const inbound = await freePort();
  let child: ChildProcess | undefined;
  try {
    relay.stall = true;
    child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src/main.ts')], {
      cwd: REPO,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        KNOWLEDGE_DIR: join(REPO, 'knowledge'),
        LOG_LEVEL: 'silent',
        DATABASE_URL: '',
        EMAIL_ADDRESS: BOT_ADDRESS,
        EMAIL_SMTP_HOST: '127.0.0.1',
        EMAIL_SMTP_PORT: String(relay.port),
        EMAIL_INBOUND_SMTP_PORT: String(inbound),
        EMAIL_INBOUND_SMTP_HOST: '127.0.0.1',
      },
    });
    const letter = {
      from: 'Kai <kai@example.test>',
      messageId: 'kill@example.test',
      subject: 'Delivery',
      text: 'How much is delivery?',
    };
    await eventually(
      () =>
        sendTo(inbound, letter).then(
          () => true,
          () => false,
        ),
      30_000,
    );
    // The reply is on the wire, unacknowledged: the process dies now.
    await eventually(async () => relay.stalled > 0, 30_000);
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    expect(relay.sent).toHaveLength(0);

    relay.stall = false;
    const bot = await startEmailBot(relay, { dataDir });
    try {
      const [reply] = await relay.waitFor(1);
      expect(reply!.mail.inReplyTo).toBe('<kill@example.test>');
      expect(reply!.mail.text).toMatch(/Source: Delivery fees/);
      const record = await eventually(async () => {
        const r = await createEmailLedger(bot.app.stores.state).letter('kill@example.test');
        return r?.status === 'sent' ? r : undefined;
      });
      expect(reply!.mail.messageId).toBe(`<${record.reply!.messageId}>`);
      // The same letter delivered again (a sender's MTA retrying) is still answered once.
      await sendTo(bot.smtpPort!, letter);
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(relay.sent).toHaveLength(1);
    } finally {
      await bot.stop({ keepData: true });
    }
  } finally {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await relay.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}, 90_000);

/**
 * Real mail protocol peers on loopback for the e-mail channel's tests: an smtp-server relay that
 * captures (and on demand refuses) what the bot sends, a Dovecot IMAP server started from a temp
 * config, and letters built with nodemailer's composer.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile, mkdir, chmod, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { simpleParser, type ParsedMail } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Captured {
  envelope: { from: string; to: string[] };
  raw: Buffer;
  mail: ParsedMail;
}

export interface Relay {
  port: number;
  sent: Captured[];
  /** While true, every message is refused with a temporary failure (451). */
  refuse: boolean;
  /** While true, a message's data is taken and never acknowledged (a sender stuck mid-send). */
  stall: boolean;
  /** Messages taken while stalling. */
  stalled: number;
  /** Resolves when `count` messages have been captured in all. */
  waitFor(count: number, timeoutMs?: number): Promise<Captured[]>;
  close(): Promise<void>;
}

/** The SMTP relay the bot sends its replies through. */
export async function startRelay(): Promise<Relay> {
  const sent: Captured[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const relay: Relay = {
    port: 0,
    sent,
    refuse: false,
    stall: false,
    stalled: 0,
    waitFor(count, timeoutMs = 15_000) {
      if (sent.length >= count) return Promise.resolve(sent);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`relay got ${sent.length} of ${count} letters`)), timeoutMs);
        waiters.push({ count, resolve: () => (clearTimeout(timer), resolve(sent)) });
      });
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Connections held by a stalled message would keep the server open.
        for (const connection of (server as unknown as { connections: Set<{ close(): void }> }).connections ?? [])
          connection.close();
      }),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (relay.refuse) return callback(Object.assign(new Error('try later'), { responseCode: 451 }));
        if (relay.stall) {
          relay.stalled++;
          return;
        }
        const raw = Buffer.concat(chunks);
        void simpleParser(raw).then((mail) => {
          sent.push({
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
            },
            raw,
            mail,
          });
          for (const w of waiters.filter((w) => sent.length >= w.count)) w.resolve();
          callback();
        });
      });
    },
  });
  relay.port = await freePort();
  await new Promise<void>((resolve) => server.listen(relay.port, '127.0.0.1', () => resolve()));
  return relay;
}

export interface LetterFields {
  from: string;
  to?: string;
  subject?: string;
  text?: string;
  html?: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  headers?: Record<string, string>;
}

/** A letter's raw source, as a mail client would write it. */
export function composeRaw(f: LetterFields): Promise<Buffer> {
  return new MailComposer({
    from: f.from,
    to: f.to ?? 'hello@bot.test',
    subject: f.subject ?? 'Question',
    text: f.text,
    html: f.html,
    messageId: `<${f.messageId}>`,
    inReplyTo: f.inReplyTo ? `<${f.inReplyTo}>` : undefined,
    references: f.references?.map((r) => `<${r}>`),
    headers: f.headers,
    date: new Date('2026-11-23T09:00:00+11:00'),
  })
    .compile()
    .build();
}

/** Sends a letter to an SMTP server (the bot's own, on the direct path). */
export async function sendTo(port: number, f: LetterFields): Promise<void> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    await transport.sendMail({ envelope: { from: f.from, to: [f.to ?? 'hello@bot.test'] }, raw: await composeRaw(f) });
  } finally {
    transport.close();
  }
}

export interface Dovecot {
  port: number;
  user: string;
  password: string;
  /** Delivers a letter into the INBOX (unseen). */
  deliver(f: LetterFields): Promise<void>;
  /** UIDs of the INBOX's unseen letters. */
  unseen(): Promise<number[]>;
  stop(): Promise<void>;
}

/**
 * Dovecot from Debian's package, on a loopback port, with a throw-away mailbox and one user.
 * `idle: false` leaves IDLE out of the capabilities, as some servers do.
 */
export async function startDovecot(options: { idle?: boolean } = {}): Promise<Dovecot> {
  const binary = spawnSync('sh', ['-c', 'command -v dovecot']).stdout.toString().trim() || '/usr/sbin/dovecot';
  const dir = await mkdtemp(join(tmpdir(), 'isb-dovecot-'));
  const port = await freePort();
  // Dovecot refuses to give mail to root: as root, the mail belongs to "nobody".
  const uid = userInfo().uid === 0 ? 65534 : userInfo().uid;
  const gid = userInfo().uid === 0 ? 65534 : userInfo().gid;
  await mkdir(join(dir, 'mail'), { recursive: true });
  await mkdir(join(dir, 'run'), { recursive: true });
  // The mail user ("nobody" under root) must reach its maildir inside the private temp folder.
  await chmod(dir, 0o755);
  await chmod(join(dir, 'mail'), 0o777);
  const conf = join(dir, 'dovecot.conf');
  await writeFile(
    conf,
    `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/run
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
mail_uid = ${uid}
mail_gid = ${gid}
first_valid_uid = 0
${options.idle === false ? 'imap_capability = IMAP4rev1 SASL-IR LITERAL+ ID ENABLE UIDPLUS NAMESPACE UNSELECT CHILDREN ESEARCH' : ''}
passdb {
  driver = static
  args = password=secret
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${dir}/mail/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`,
  );
  const child = spawn(binary, ['-c', conf], { stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0)
    throw new Error(`dovecot did not start (${code}): ${await readFile(join(dir, 'dovecot.log'), 'utf8').catch(() => '')}`);
  const open = async (): Promise<ImapFlow> => {
    const c = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user: 'bot', pass: 'secret' }, logger: false });
    await c.connect();
    return c;
  };
  return {
    port,
    user: 'bot',
    password: 'secret',
    async deliver(f) {
      const c = await open();
      try {
        await c.append('INBOX', await composeRaw(f));
      } finally {
        await c.logout();
      }
    },
    async unseen() {
      const c = await open();
      try {
        await c.mailboxOpen('INBOX');
        return ((await c.search({ seen: false }, { uid: true })) || []).map(Number);
      } finally {
        await c.logout();
      }
    },
    async stop() {
      const pid = Number((await readFile(join(dir, 'run', 'master.pid'), 'utf8').catch(() => '0')).trim());
      if (pid) {
        process.kill(pid, 'SIGTERM');
        for (let i = 0; i < 50; i++) {
          try {
            process.kill(pid, 0);
            await new Promise((r) => setTimeout(r, 100));
          } catch {
            break;
          }
        }
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

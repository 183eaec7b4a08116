/**
 * The smoke test CI also runs on the older supported Node.js (22): `npm start` as a user runs it,
 * one knowledge answer over /api/messages, the shipped sentence model loading offline, and the chat
 * page greeting in Chromium.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../support/browser.js';
import { ChannelStub } from '../support/channelStub.js';
import { REPO } from '../support/testBot.js';

let child: ChildProcess;
let dataDir: string;
let url: string;
let out = '';

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'isb-smoke-'));
  // `npm start` exactly as the README has it: build, then run the built server.
  child = spawn('npm', ['start', '--silent'], {
    cwd: REPO,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: npm runs the server through a shell, which does not pass signals on.
    detached: true,
  });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listen line: ${out}`)), 90_000);
    child.on('exit', (code) => reject(new Error(`npm start exited ${code}: ${out}`)));
    child.stdout?.on('data', () => {
      const m = /"port":(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
  });
  url = `http://127.0.0.1:${port}`;
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // The whole group: npm, the shell and the server itself (else the server outlives the test).
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
    const gone = (): boolean => {
      try {
        process.kill(-child.pid!, 0);
        return false;
      } catch {
        return true;
      }
    };
    for (let i = 0; i < 100 && !gone(); i++) await new Promise((r) => setTimeout(r, 100));
  }
  await rm(dataDir, { recursive: true, force: true });
});

it(`when the bot is started with npm start on Node ${process.versions.node}, then it answers a knowledge question over /api/messages`, async () => {
  const channel = await new ChannelStub().start();
  try {
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'smoke-1',
        channelId: 'test',
        serviceUrl: channel.url,
        conversation: { id: 'smoke-conversation' },
        from: { id: 'smoke-user' },
        recipient: { id: 'bot' },
        text: 'how much is the large celebration cake?',
      }),
    });
    expect(res.status).toBeLessThan(300);
    const replies = channel.take('smoke-conversation').filter((r) => r.type === 'message');
    expect(replies.map((r) => r.text).join(' ')).toMatch(/\$95/);
  } finally {
    await channel.stop();
  }
});

it('when started with the defaults, then the shipped sentence model loads offline and the passages are embedded', async () => {
  // Embedding the sample's passages with a cold vector cache takes seconds on a busy machine.
  const deadline = Date.now() + 90_000;
  while (!/sentence model ready/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  expect(out).toMatch(/"sentenceModel":"use-lite-512/);
  expect(out).not.toMatch(/sentence model (unavailable|failed)/);
}, 100_000);

it.skipIf(!hasChromium)(
  'when the chat page opens in Chromium, then Web Chat greets the visitor',
  async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(url);
      await page
        .locator('.webchat__bubble__content')
        .getByText(/welcome to/i)
        .first()
        .waitFor({ timeout: 20_000 });
    } finally {
      await browser.close();
    }
  },
  40_000,
);

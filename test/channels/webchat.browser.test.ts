/**
 * The chat page in Debian's Chromium (playwright-core, no browser download) against the real server:
 * Web Chat from node_modules, the embedded Direct Line, the real dialogs. The screenshot is kept in
 * test/output/ (git-ignored).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../support/browser.js';
import { REPO, startTestBot, type TestBot } from '../support/testBot.js';

describe.skipIf(!hasChromium)('the chat page in Chromium', () => {
  let bot: TestBot;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    bot = await startTestBot();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 480, height: 760 } });
    page.on('pageerror', (e) => errors.push(e.message));
    // The page must need nothing but the bot's own origin.
    await page.route('**/*', (route) => (route.request().url().startsWith(bot.url) ? route.continue() : route.abort()));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await bot?.stop();
  });

  const botBubbles = () => page.locator('.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content');
  const botSays = (pattern: RegExp) => botBubbles().getByText(pattern).last().waitFor({ timeout: 15_000 });
  /** Sends a message and resolves with the text of the bot's next bubble. */
  const say = async (text: string): Promise<string> => {
    const before = await botBubbles().count();
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill(text);
    await input.press('Enter');
    await expect.poll(() => botBubbles().count(), { timeout: 15_000 }).toBeGreaterThan(before);
    return botBubbles().last().innerText();
  };

  it('when the page loads, then Web Chat greets the visitor', async () => {
    await page.goto(`${bot.url}/?utm_source=flyer&utm_campaign=autumn&referrer=${encodeURIComponent('https://search.example/')}`);
    expect(await page.title()).toMatch(/Chat with Crumb & Candle Bakery/);
    await botSays(/welcome to Crumb & Candle Bakery/);
  });

  it('when the visitor asks a knowledge question, then the answer with its price appears and the visit is attributed', async () => {
    expect(await say('how much is the large celebration cake?')).toMatch(/\$95/);
    type Storage = { sessionStorage: { getItem(key: string): string | null } };
    const saved = await page.evaluate(() => (globalThis as unknown as Storage).sessionStorage.getItem('isb.session'));
    const conversationId = JSON.parse(saved ?? '{}') as { conversationId: string };
    await expect.poll(async () => (await bot.app.stores.conversations.get(conversationId.conversationId))?.source).toBe('flyer');
    expect((await bot.app.stores.conversations.get(conversationId.conversationId))?.campaign).toBe('autumn');
  });

  it('when the visitor asks for a callback, then the bot asks for the details', async () => {
    const reply = await say("I'd like a callback");
    expect(reply.trim()).toMatch(/\?$/);
    expect(reply).toMatch(/name|number|call|when|who/i);
  });

  it('when the visitor books a callback through the page, then it is confirmed with a reference and stored', async () => {
    expect(await say('Dana')).toMatch(/number/i);
    expect(await say('0412 345 678')).toMatch(/when would suit/i);
    expect(await say('as soon as possible')).toMatch(/talk about/i);
    expect(await say('a birthday cake for Saturday')).toMatch(/Shall I book it\?/);
    expect(await say('yes')).toMatch(/keep your name and contact details/);
    const done = await say('yes');
    const ref = /reference is ([A-Z0-9]{6})/.exec(done)?.[1];
    expect(ref).toBeDefined();
    const [stored] = await bot.app.stores.callbacks.findBy('ref', ref!);
    expect(stored).toMatchObject({ name: 'Dana', phone: '+61412345678', status: 'open', channelId: 'directline' });
    const [customer] = await bot.app.stores.customers.findBy('phones', '+61412345678');
    expect(customer?.consent?.channelId).toBe('directline');
  });

  it('when the chat has run, then a screenshot is kept and the page logged no errors', async () => {
    await mkdir(join(REPO, 'test/output'), { recursive: true });
    await page.screenshot({ path: join(REPO, 'test/output/webchat.png') });
    expect(errors).toEqual([]);
  });
});

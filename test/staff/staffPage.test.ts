/**
 * The staff page in Debian's Chromium (playwright-core, no bundled browser): sign in, read a
 * transcript, mark a callback "order placed" and see the funnel's won count change.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { REPO } from '../support/testBot.js';
import { PASSWORD, seed, startStaffBot, type StaffBot } from './staffSupport.js';

const OUTPUT = path.join(REPO, 'test', 'output');

describe('staff page in Chromium', () => {
  let s: StaffBot;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    s = await startStaffBot();
    await seed(s.stores);
    browser = await launchChromium();
    await mkdir(OUTPUT, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await s?.stop();
  });

  const watch = (page: Page): void => {
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
  };
  const wonCount = (page: Page) => page.locator('#funnel-chart g[data-stage="won"] .funnel-count').textContent();

  it('when a manager signs in, reads a transcript and marks a callback order placed, then the funnel counts a win', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    watch(page);
    await page.goto(`${s.url}/staff`);
    expect(new URL(page.url()).pathname).toBe('/staff/login');
    await page.fill('input[name=name]', 'manny');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${s.url}/staff`);
    await expect.poll(() => page.locator('#who').textContent()).toBe('manny (manager)');

    await page.click('nav a[data-view="conversations"]');
    await page.click('#conversation-list .card[data-id="conv-anna"]');
    const bubbles = page.locator('#conversation-detail .bubble');
    await bubbles.first().waitFor();
    expect(await bubbles.count()).toBe(3);
    expect(await page.locator('#conversation-detail .bubble.bot').textContent()).toContain('celebration cake');

    await page.click('nav a[data-view="funnel"]');
    await expect.poll(() => wonCount(page)).toMatch(/^0\b/);

    await page.click('nav a[data-view="callbacks"]');
    const card = page.locator('#callback-list li[data-ref="K7M2QD"]');
    await card.locator('text=overdue').waitFor();
    await page.screenshot({ path: path.join(OUTPUT, 'staff-callbacks.png') });
    await card.locator('button', { hasText: 'Order placed' }).click();
    await expect.poll(() => page.locator('#callback-list li[data-ref="K7M2QD"]').count()).toBe(0);
    expect((await s.stores.callbacks.get('cb-anna'))?.outcome).toBe('order_placed');

    await page.click('nav a[data-view="funnel"]');
    await expect.poll(() => wonCount(page)).toMatch(/^1\b/);
    expect(await page.locator('#conversion').textContent()).toContain('100%');
    expect(await page.locator('#gaps li').first().textContent()).toContain('deliver on Sundays');
    await page.screenshot({ path: path.join(OUTPUT, 'staff.png'), fullPage: true });

    await page.click('nav a[data-view="conversations"]');
    await page.click('#conversation-list .card[data-id="conv-anna"]');
    await page.locator('#conversation-detail .bubble').first().waitFor();
    await page.screenshot({ path: path.join(OUTPUT, 'staff-conversation.png') });
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('when a viewer uses a phone, then contact details are masked and no change buttons are offered', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    watch(page);
    await page.goto(`${s.url}/staff/login`);
    await page.fill('input[name=name]', 'vera');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${s.url}/staff`);
    await page.click('nav a[data-view="conversations"]');
    await page.click('#conversation-list .card[data-id="conv-anna"]');
    await page.locator('#conversation-detail .bubble').first().waitFor();
    expect(await page.locator('#conversation-list').isVisible()).toBe(false);
    const text = await page.locator('#conversation-detail').textContent();
    expect(text).toContain('•••••••678');
    expect(text).not.toContain('345 678');
    expect(await page.locator('#conversation-detail button[type=submit]').count()).toBe(0);
    await page.screenshot({ path: path.join(OUTPUT, 'staff-phone-transcript.png') });

    await page.click('nav a[data-view="callbacks"]');
    await page.locator('#callback-list li').first().waitFor();
    expect(await page.locator('#callback-list button').count()).toBe(0);
    await page.click('nav a[data-view="funnel"]');
    await page.locator('#funnel-chart svg').waitFor();
    await page.screenshot({ path: path.join(OUTPUT, 'staff-phone.png'), fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});

/**
 * The sales views of the staff page in Chromium, on a store filled by a demo-data run: the home
 * page's flags, the forecast charts per channel with interval and plan, the objections ranking and
 * the callback queue as staff work it. Screenshots go to test/output/.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { loadBusiness } from '../../src/knowledge/markdownLoader.js';
import { fillDemoData } from '../../src/staff/demoData.js';
import { REPO } from '../support/testBot.js';
import { PASSWORD, startStaffBot, type StaffBot } from './staffSupport.js';

const OUTPUT = path.join(REPO, 'test', 'output');

describe('staff sales views in Chromium', () => {
  let s: StaffBot;
  let browser: Browser;
  const problems: string[] = [];
  const hours = (n: number): string => new Date(Date.now() + n * 3_600_000).toISOString();
  const dueAt = hours(-26);

  beforeAll(async () => {
    s = await startStaffBot();
    const business = await loadBusiness(path.join(REPO, 'knowledge'));
    await fillDemoData(s.stores, business, { weeks: 6, perDay: 12, seed: 21 });
    const callback = {
      channelId: 'webchat',
      phone: '+61400000055',
      asap: false,
      status: 'open' as const,
      createdAt: hours(-30),
      updatedAt: hours(-30),
    };
    // A callback long overdue, with a topic too long for one line, booked twice for one slot.
    const topic = 'Wants to discuss a large order for an event and asked about '.repeat(4).trim();
    await s.stores.callbacks.put({ ...callback, id: 'late-a', ref: 'LATEAA', name: 'Olivia Overdue', dueAt, topic });
    await s.stores.callbacks.put({ ...callback, id: 'late-b', ref: 'LATEBB', name: 'Olivia Overdue', dueAt, topic });
    await s.stores.callbacks.put({
      ...callback,
      id: 'soon',
      ref: 'SOON11',
      name: 'Sam Soon',
      phone: '+61400000066',
      dueAt: hours(3),
      topic: 'Question',
    });
    browser = await launchChromium();
    await mkdir(OUTPUT, { recursive: true });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await s?.stop();
  });

  const signIn = async (page: Page, name: string): Promise<void> => {
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${s.url}/staff/login`);
    await page.fill('input[name=name]', name);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${s.url}/staff`);
  };

  it('when a manager opens the page, then home lists the deviations, the late callback and the flagged source', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, 'manny');
    await page.locator('#home-deviations li[data-key]').first().waitFor();
    const home = (await (await s.call('/staff/api/home', s.manager)).json()) as {
      deviations: { dimension: string; key: string; metric: string }[];
    };
    expect(await page.locator('#home-deviations li[data-key]').count()).toBe(home.deviations.length);
    // The campaign that started within the compared weeks leaves its forecast (none before it).
    expect(await page.locator('#home-deviations li[data-key="source:instagram / flash-sale:conversations"]').count()).toBe(1);
    expect(await page.locator('#home-late li[data-ref="LATEAA"]').textContent()).toContain('Olivia Overdue');
    expect(await page.locator('#home-late li[data-ref="LATEBB"]').count()).toBe(0);
    expect(await page.locator('#home-sources li[data-source="instagram"]').count()).toBe(1);
    await page.screenshot({ path: path.join(OUTPUT, 'staff-home.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('when the forecast view is opened, then each channel has a chart with actual, forecast, interval and the plan once entered', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, 'manny');
    await page.click('nav a[data-view="forecast"]');
    const figures = page.locator('#forecast-charts figure.forecast');
    await figures.first().locator('canvas').waitFor();
    expect(await figures.count()).toBe(4);
    expect(await page.locator('#forecast-charts figure[data-key="webchat"] .meta').textContent()).toMatch(/back-test MASE \d/);
    const legend = await page.locator('#forecast-charts figure[data-key="webchat"] .u-legend').textContent();
    expect(legend).toContain('Actual');
    expect(legend).toContain('80 % high');
    expect(legend).not.toContain('Plan');

    const month = await page.locator('#plan-form input[name=month]').inputValue();
    await page.fill('#plan-form input[name=channel]', 'webchat');
    await page.fill('#plan-form input[name=conversations]', '300');
    await page.click('#plan-form button[type=submit]');
    await expect
      .poll(() => page.locator('#forecast-charts figure[data-key="webchat"] .u-legend').textContent())
      .toContain('Plan');
    expect((await s.stores.salesPlans.get(`${month}|webchat`))?.conversations).toBe(300);
    await page.screenshot({ path: path.join(OUTPUT, 'staff-forecast.png'), fullPage: true });

    await page.selectOption('#forecast-options select[name=dimension]', 'source');
    await page.click('#forecast-options button[type=submit]');
    await page.locator('#forecast-charts figure[data-key="instagram / flash-sale"]').waitFor();
    expect(await page.locator('#forecast-charts figure[data-key="instagram / flash-sale"] .deviation').count()).toBeGreaterThan(
      0,
    );
    await page.screenshot({ path: path.join(OUTPUT, 'staff-forecast-sources.png'), fullPage: true });
    const csv = await page.evaluate(async () => (await fetch('/staff/api/forecast?format=csv')).text());
    expect(csv.startsWith('dimension,key,metric,day,actual')).toBe(true);
    await page.close();
  }, 90_000);

  it('when the objections view is opened, then kinds are ranked by count and an example opens its conversation', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, 'manny');
    await page.click('nav a[data-view="funnel"]');
    await page.click('#view-funnel a[href="#objections"]');
    const rows = page.locator('#objection-kinds tbody tr[data-kind]');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThanOrEqual(5);
    const counts = (await rows.locator('td.n:nth-child(2)').allTextContents()).map(Number);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    await page.screenshot({ path: path.join(OUTPUT, 'staff-objections.png'), fullPage: true });
    await rows.first().locator('a.example').first().click();
    await page.locator('#conversation-detail .bubble').first().waitFor();
    await page.close();
  }, 60_000);

  it('when the callback queue is shown, then overdue comes first and highlighted, in Sydney time, duplicates as one, no button looks chosen', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, 'manny');
    await page.click('nav a[data-view="callbacks"]');
    const cards = page.locator('#callback-list li.card');
    await cards.first().waitFor();
    expect(await cards.first().getAttribute('data-ref')).toBe('LATEAA');
    expect(await cards.first().getAttribute('class')).toContain('overdue');
    expect(await page.locator('#callback-list li[data-ref="LATEBB"]').count()).toBe(0);
    expect(await cards.first().textContent()).toContain('booked 2×');
    const due = new Date(dueAt).toLocaleString('en-AU', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Australia/Sydney',
    });
    const meta = (await cards.first().locator('.meta').first().textContent())!.replace(/\s+/g, ' ');
    expect(meta).toContain(`Due ${due.replace(/\s+/g, ' ')}`);
    expect(await page.locator('#callback-list button.primary').count()).toBe(0);
    const box = await cards.first().boundingBox();
    expect(box!.width).toBeLessThanOrEqual(1280);
    await page.screenshot({ path: path.join(OUTPUT, 'staff-callbacks-queue.png'), fullPage: true });
    await cards.first().locator('button', { hasText: 'Reached' }).click();
    await expect.poll(async () => (await s.stores.callbacks.get('late-b'))?.outcome).toBe('reached');
    expect((await s.stores.callbacks.get('late-a'))?.outcome).toBe('reached');
    await page.close();
  }, 60_000);

  it('when a viewer opens the forecast on a phone, then the charts fit the screen and no plan form is offered', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signIn(page, 'vera');
    await page.click('nav a[data-view="forecast"]');
    await page.locator('#forecast-charts canvas').first().waitFor();
    expect(await page.locator('#plan-form').isVisible()).toBe(false);
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(400);
    await page.screenshot({ path: path.join(OUTPUT, 'staff-forecast-phone.png'), fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});

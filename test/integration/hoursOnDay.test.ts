/**
 * Questions about one day's opening hours, over /api/messages on both businesses: answered from
 * business.yaml's hours and holidays in the business's own time zone and locale, not from a passage
 * that shares a word ("close today" once got the rush-order passage).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, texts, type TestBot } from '../support/testBot.js';

const REPO = join(import.meta.dirname, '../..');

describe('one day’s opening hours over HTTP', () => {
  let bakery: TestBot;
  let bikes: TestBot;
  beforeAll(async () => {
    // Monday 23 November 2026, 10:00 in Sydney; the same instant is Sunday 22 November, 3 pm in Portland.
    const now = () => new Date('2026-11-23T10:00:00+11:00');
    bakery = await startTestBot({ overrides: { now } });
    bikes = await startTestBot({ env: { KNOWLEDGE_DIR: join(REPO, 'test/fixtures/knowledge-bikes') }, overrides: { now } });
  });
  afterAll(async () => {
    await bakery.stop();
    await bikes.stop();
  });
  const ask = async (bot: TestBot, text: string): Promise<string> => texts(await bot.conversation().say(text)).join('\n');

  it('when the bakery is asked when it closes today, then it gives today’s hours with their source', async () => {
    const reply = await ask(bakery, 'what time do you close today');
    expect(reply).toMatch(/^Today, Monday 23 November, we're open 9:00 am to 5:00 pm\./);
    expect(reply).toContain('Source: Crumb & Candle Bakery opening hours');
    expect(reply).not.toMatch(/rush/i);
  });

  it('when the bakery is asked about a holiday and a Saturday, then it says closed, and the Saturday hours', async () => {
    expect(await ask(bakery, 'are you open on boxing day?')).toMatch(
      /^We're closed on Saturday 26 December \(a public holiday\)\./,
    );
    expect(await ask(bakery, 'are you open on saturday?')).toMatch(/^On Saturday 28 November we're open 8:00 am to 1:00 pm\./);
  });

  it('when the bike shop is asked in its own time zone, then today is its Sunday, and Monday is closed', async () => {
    expect(await ask(bikes, 'when do you close today?')).toMatch(
      /^Today, Sunday, November 22, we're open 11:00 AM to 5:00 PM\./i,
    );
    expect(await ask(bikes, 'are you open tomorrow?')).toMatch(/^We're closed on Monday, November 23\./i);
  });

  it('when the hours in general are asked, then the knowledge passage answers', async () => {
    expect(await ask(bakery, 'what are your opening hours')).toMatch(/Source: Opening hours/);
  });
});

/**
 * A knowledge folder with no consultation section (the bike shop's files with it taken out): the
 * bot still answers questions, and advice requests get an honest offer of a person, not cake
 * questions or a made-up recommendation.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { copy } from '../../dialogs/copy.js';
import { ANY, says } from '../support/says.js';
import { ADVICE_NOW } from './adviceRules.js';
import { REPO, startTestBot, texts, type TestBot } from '../support/testBot.js';

describe('a business without consultation data', () => {
  let dir: string;
  let bot: TestBot;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'isb-noconsult-'));
    await cp(join(REPO, 'test/fixtures/knowledge-bikes'), dir, { recursive: true });
    const business = parse(await readFile(join(dir, 'business.yaml'), 'utf8')) as Record<string, unknown>;
    delete business.consultation;
    await writeFile(join(dir, 'business.yaml'), stringify(business));
    bot = await startTestBot({ env: { KNOWLEDGE_DIR: dir }, overrides: { now: () => new Date(ADVICE_NOW) } });
  });
  afterAll(async () => {
    await bot.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('when advice is asked for, then a person is offered and "yes" hands over, with no product suggested', async () => {
    const convo = bot.conversation();
    const [offer] = texts(await convo.say('help me choose a bike'));
    expect(offer).toBe(copy.noConsultation());
    expect(offer).not.toMatch(/occasion|how many people|I'd suggest/i);
    // In hours a person takes over; out of hours a callback is offered instead.
    expect(texts(await convo.say('yes')).join(' ')).toMatch(
      new RegExp(`${says(copy.handoffStarted()).source}|${says(copy.handoffOutOfHours(ANY)).source}`),
    );
  });

  it('when a question is asked, then it is still answered from the knowledge', async () => {
    const [answer] = texts(await bot.conversation().say('can I take a bike for a test ride?'));
    expect(answer).toMatch(/test ridden for up to 30 minutes[\s\S]*Source: Can I take a bike for a test ride\?/);
  });
});

describe('consultation data that cites a passage the Markdown does not have', () => {
  it('when the folder is loaded, then it fails naming the missing heading', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'isb-badconsult-'));
    try {
      await cp(join(REPO, 'test/fixtures/knowledge-bikes'), dir, { recursive: true });
      const yaml = (await readFile(join(dir, 'business.yaml'), 'utf8')).replace('passage: Mountain bikes', 'passage: Unicycles');
      await writeFile(join(dir, 'business.yaml'), yaml);
      const { loadKnowledge } = await import('../../src/knowledge/markdownLoader.js');
      await expect(loadKnowledge(dir)).rejects.toThrow(/consultation: no passage has the heading "Unicycles"/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

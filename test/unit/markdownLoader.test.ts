import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledge, parseMarkdown } from '../../src/knowledge/markdownLoader.js';
import { REPO } from '../support/testBot.js';

describe('knowledge loading', () => {
  it('when a file has front matter and ## sections, then each section is a passage cited by file and heading', () => {
    const passages = parseMarkdown(
      'cakes.md',
      '---\ntitle: Cakes\nurl: https://x.test/cakes\n---\n# Ignored H1\nIntro is not a passage.\n\n## Big cake\nAlso asked: huge cake; cake for a crowd\nServes 30.\n\n## Small cake\nServes 6.\n',
    );
    expect(passages.map((p) => p.id)).toEqual(['cakes.md#Big cake', 'cakes.md#Small cake']);
    expect(passages[0]).toMatchObject({ title: 'Cakes', url: 'https://x.test/cakes', text: 'Serves 30.' });
    expect(passages[0]!.alsoAsked).toEqual(['huge cake', 'cake for a crowd']);
  });

  it('when there is no front matter, then the H1 or the file name is the title', () => {
    expect(parseMarkdown('a.md', '# Hello\n## One\nx')[0]!.title).toBe('Hello');
    expect(parseMarkdown('faq.md', '## One\nx')[0]!.title).toBe('faq');
  });

  it('when a section is empty, then it is no passage', () => {
    expect(parseMarkdown('a.md', '## Empty\n\n## Full\ntext').map((p) => p.heading)).toEqual(['Full']);
  });

  it('when the sample business is loaded, then it has at least 30 passages and valid settings', async () => {
    const { passages, business } = await loadKnowledge(join(REPO, 'knowledge'));
    expect(passages.length).toBeGreaterThanOrEqual(30);
    expect(business).toMatchObject({ name: 'Crumb & Candle Bakery', timeZone: 'Australia/Sydney', defaultPhoneRegion: 'AU' });
    expect(business.openingHours.sunday).toEqual([]);
  });

  it('when another knowledge folder is given, then it loads with no code change', async () => {
    const { passages, business } = await loadKnowledge(join(REPO, 'test/fixtures/knowledge-bikes'));
    expect(passages.length).toBeGreaterThanOrEqual(30);
    expect(business.timeZone).toBe('America/Los_Angeles');
  });

  it('when business.yaml is absent, then defaults apply', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kb-'));
    await writeFile(join(dir, 'a.md'), '## Hours\nWe open at nine.');
    const { business } = await loadKnowledge(dir);
    expect(business.timeZone).toBe('UTC');
  });

  it('when business.yaml is invalid, then the error names every bad field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kb-'));
    await writeFile(join(dir, 'business.yaml'), 'timeZone: Mars/Olympus\ncallbackLeadMinutes: -5\n');
    await expect(loadKnowledge(dir)).rejects.toThrow(/timeZone[\s\S]*callbackLeadMinutes|callbackLeadMinutes[\s\S]*timeZone/);
  });

  it('when synonyms.yaml is present, then its words are loaded; when absent, the lexicon is empty', async () => {
    const { lexicon } = await loadKnowledge(join(REPO, 'test/fixtures/knowledge-bikes'));
    expect(lexicon.synonyms).toContainEqual(['bike', 'bicycle', 'cycle']);
    expect(lexicon.abbreviations.mtb).toBe('mountain bike');
    const dir = await mkdtemp(join(tmpdir(), 'kb-'));
    await writeFile(join(dir, 'a.md'), '## Hours\nWe open at nine.');
    expect((await loadKnowledge(dir)).lexicon).toEqual({ abbreviations: {}, phrases: {}, synonyms: [] });
  });

  it('when synonyms.yaml is invalid, then the error names the file and the bad entry', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kb-'));
    await writeFile(join(dir, 'a.md'), '## Hours\nWe open at nine.');
    await writeFile(join(dir, 'synonyms.yaml'), 'synonyms:\n  - [alone]\nphrasez: {}\n');
    await expect(loadKnowledge(dir)).rejects.toThrow(/synonyms\.yaml is invalid[\s\S]*synonyms\.0/);
  });
});

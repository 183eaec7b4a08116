import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLowdbStores, type LowdbStores } from '../../src/stores/lowdb/openLowdbStores.js';
import { shardIndex } from '../../src/stores/lowdb/shards.js';
import { entry } from './records.js';

/** Every file of the store as text, journal included. */
async function everything(dir: string): Promise<string> {
  const texts: string[] = [];
  for (const item of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (item.isFile()) texts.push(await readFile(path.join(item.parentPath, item.name), 'utf8'));
  return texts.join('\n');
}

describe('lowdb transcript segments', () => {
  let dir: string;
  let stores: LowdbStores;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'lowdb-segments-'));
    stores = await openLowdbStores(dir);
  });
  afterEach(async () => {
    await stores.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('when many conversations are written, then the files stay few and each reads back its own lines in order', async () => {
    for (let i = 0; i < 300; i++) {
      await Promise.all([
        stores.transcripts.append(entry(`conv-${i}`, `hello ${i}`)),
        stores.transcripts.append(entry(`conv-${i + 1000}`, `x`)),
      ]);
      await stores.transcripts.append(entry(`conv-${i}`, `again ${i}`, 'out'));
    }
    await stores.close();
    expect((await readdir(path.join(dir, 'transcripts'))).length).toBeLessThanOrEqual(64);
    stores = await openLowdbStores(dir);
    for (const i of [0, 17, 299])
      expect((await stores.transcripts.read(`conv-${i}`)).map((e) => e.text)).toEqual([`hello ${i}`, `again ${i}`]);
  });

  it('when a conversation is deleted, then its lines are gone from every file and its neighbours stay', async () => {
    for (let i = 0; i < 200; i++) await stores.transcripts.append(entry(`conv-${i}`, `secret of ${i}.`));
    expect(await stores.transcripts.delete('conv-7')).toBe(true);
    expect(await stores.transcripts.read('conv-7')).toEqual([]);
    expect(await everything(dir)).not.toContain('secret of 7.');
    expect((await stores.transcripts.read('conv-8')).map((e) => e.text)).toEqual(['secret of 8.']);
    expect(await stores.transcripts.delete('conv-7')).toBe(false);
    await stores.close();
    expect(await everything(dir)).not.toContain('secret of 7.');
    stores = await openLowdbStores(dir);
    expect(await stores.transcripts.read('conv-7')).toEqual([]);
    expect((await stores.transcripts.read('conv-199')).map((e) => e.text)).toEqual(['secret of 199.']);
  });

  it('when conversations already checkpointed into their segment are deleted together, then all are gone and the rest stays', async () => {
    for (let i = 0; i < 100; i++) await stores.transcripts.append(entry(`conv-${i}`, `secret of ${i}.`));
    await stores.close();
    stores = await openLowdbStores(dir);
    const gone = Array.from({ length: 50 }, (_, i) => `conv-${i * 2}`);
    expect(await Promise.all(gone.map((id) => stores.transcripts.delete(id)))).toEqual(gone.map(() => true));
    const text = await everything(dir);
    for (let i = 0; i < 100; i++) {
      if (i % 2 === 0) expect(text).not.toContain(`secret of ${i}.`);
      else expect((await stores.transcripts.read(`conv-${i}`)).map((e) => e.text)).toEqual([`secret of ${i}.`]);
    }
  });

  it('when a transcript of the earlier one-file-per-conversation layout exists, then it is read first and deleted with the conversation', async () => {
    const id = 'old/conversation';
    const legacy = path.join(dir, 'transcripts', `${createHash('sha256').update(id, 'utf8').digest('hex')}.jsonl`);
    await writeFile(legacy, `${JSON.stringify(entry(id, 'from before'))}\n`);
    await stores.transcripts.append(entry(id, 'from now'));
    expect((await stores.transcripts.read(id)).map((e) => e.text)).toEqual(['from before', 'from now']);
    await stores.transcripts.delete(id);
    await expect(readFile(legacy)).rejects.toThrow();
    expect(await stores.transcripts.read(id)).toEqual([]);
  });

  it('when transcript lines pass the memory bound, then they reach their segment before the checkpoint, read back once, and an erasure still leaves no copy', async () => {
    await stores.close();
    stores = await openLowdbStores(dir, { transcriptAppendChars: 1 });
    for (let i = 0; i < 5; i++) {
      await stores.transcripts.append(entry('gone', `secret line ${i}`));
      await stores.transcripts.append(entry('kept', `kept line ${i}`));
    }
    const segments = async (): Promise<string> => {
      const names = (await readdir(path.join(dir, 'transcripts'))).filter((n) => n.startsWith('segment-'));
      return (await Promise.all(names.map((n) => readFile(path.join(dir, 'transcripts', n), 'utf8')))).join('');
    };
    // In the segments already (the journal still holds them too: no checkpoint has run).
    await expect.poll(segments).toContain('secret line 4');
    expect((await readdir(dir)).some((n) => n.startsWith('journal-'))).toBe(true);
    expect((await stores.transcripts.read('kept')).map((e) => e.text)).toEqual([0, 1, 2, 3, 4].map((i) => `kept line ${i}`));
    expect(await stores.transcripts.delete('gone')).toBe(true);
    await expect.poll(async () => (await everything(dir)).includes('secret line')).toBe(false);
    await stores.close();
    stores = await openLowdbStores(dir);
    expect((await stores.transcripts.read('kept')).map((e) => e.text)).toEqual([0, 1, 2, 3, 4].map((i) => `kept line ${i}`));
    expect(await stores.transcripts.read('gone')).toEqual([]);
  });

  it('when entries are stored, then each line says their text once, and every entry reads back exactly, before and after reopening', async () => {
    const id = 'conv-slim';
    const same = {
      ...entry(id, 'the cake is $95'),
      activity: { type: 'message', id: 'a1', conversation: { id }, text: 'the cake is $95' },
    };
    // Activities that do not repeat the entry keep what they hold.
    const differs = {
      ...entry(id, 'masked [card]', 'out'),
      activity: { type: 'event', text: 'the raw text', conversation: { id, name: 'room' }, name: 'x' },
    };
    const bare = { ...entry(id, 'no activity fields'), text: undefined, activity: {}, failed: true };
    const wrongId = { ...entry(id, 'other'), activity: { type: 'message', conversation: { id: 'elsewhere' }, text: 'other' } };
    for (const e of [same, differs, bare, wrongId]) await stores.transcripts.append(e);
    const expected = [same, differs, { ...bare, text: undefined }, wrongId];
    expect(await stores.transcripts.read(id)).toEqual(expected);
    expect((await everything(dir)).split('the cake is $95').length - 1).toBe(1);
    await stores.close();
    stores = await openLowdbStores(dir);
    expect(await stores.transcripts.read(id)).toEqual(expected);
    // Lines of the earlier layout (the whole entry) are still read.
    const old = entry('conv-old-layout', 'written before');
    await stores.close();
    const file = path.join(dir, 'transcripts', `segment-${String(shardIndex(old.conversationId, 64)).padStart(2, '0')}.jsonl`);
    const before = await readFile(file, 'utf8').catch(() => '');
    await writeFile(file, `${before}${JSON.stringify({ c: old.conversationId, n: 'x.1', e: old })}\n`);
    stores = await openLowdbStores(dir);
    expect(await stores.transcripts.read(old.conversationId)).toEqual([old]);
    expect(await stores.transcripts.read(id)).toEqual(expected);
  });
});

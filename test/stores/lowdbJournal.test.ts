import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLowdbStores } from '../../src/stores/lowdb/openLowdbStores.js';
import { customer, entry } from './records.js';

const journals = async (dir: string): Promise<string[]> => (await readdir(dir)).filter((f) => f.startsWith('journal-'));

describe('the lowdb journal', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'lowdb-journal-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('when killed mid-stream, then every acknowledged put, update, delete, state write and transcript line survives', async () => {
    const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'changeForever.ts');
    const acked = await runUntilAcked(child, dir, 400);
    const stores = await openLowdbStores(dir);
    for (const line of acked) {
      const [kind, id] = line.split(' ') as ['kept' | 'deleted', string];
      const found = await stores.customers.get(id);
      if (kind === 'deleted') expect(found, id).toBeUndefined();
      else expect(found?.name, id).toBe(`renamed ${id}`);
      expect((await stores.state.read([`state-${id}`]))[`state-${id}`]?.value, id).toEqual({ turn: id });
      expect(await stores.transcripts.read(`conv-${id}`), id).toEqual([entry(`conv-${id}`, `line of ${id}`)]);
    }
    expect(stores.corruptRecords()).toBe(0);
    await stores.close();
    // Opening folded the journals into the shard files, and closing left none behind.
    expect(await journals(dir)).toEqual([]);
  }, 60_000);

  it('when changes are acknowledged, then they are in the journal, not yet in the shard file, and a checkpoint moves them', async () => {
    const stores = await openLowdbStores(dir, { shards: 1 });
    await stores.customers.put(customer('c1'));
    const shard = path.join(dir, 'customers', '0.json');
    expect(JSON.parse(await readFile(shard, 'utf8').catch(() => '[]'))).toEqual([]);
    expect(await journals(dir)).toHaveLength(1);
    await stores.close();
    expect((JSON.parse(await readFile(shard, 'utf8')) as { id: string }[]).map((c) => c.id)).toEqual(['c1']);
    expect(await journals(dir)).toEqual([]);
  });

  it('when the journal outgrows its threshold, then the shards are rewritten and old journal files removed', async () => {
    const stores = await openLowdbStores(dir, { shards: 1, checkpointBytes: 2_000 });
    for (let i = 0; i < 60; i++) await stores.customers.put(customer(`c${i}`));
    // The checkpoint runs beside the writes; wait for it by behaviour, not by time.
    const shard = path.join(dir, 'customers', '0.json');
    const inShard = async (): Promise<number> =>
      (JSON.parse(await readFile(shard, 'utf8').catch(() => '[]')) as unknown[]).length;
    while ((await inShard()) < 40) await new Promise((done) => setTimeout(done, 5));
    expect((await journals(dir)).length).toBeLessThanOrEqual(2);
    await stores.close();
    const reopened = await openLowdbStores(dir);
    expect(await reopened.customers.count()).toBe(60);
    await reopened.close();
  });

  it('when the last journal line is torn, then replay skips it, counts it and keeps the rest', async () => {
    const stores = await openLowdbStores(dir, { shards: 1 });
    await stores.customers.put(customer('c1'));
    // Simulate a crash: copy the live journal aside before close folds it.
    const [name] = await journals(dir);
    const text = await readFile(path.join(dir, name!), 'utf8');
    await stores.close();
    await rm(path.join(dir, 'customers', '0.json'));
    await writeFile(
      path.join(dir, 'journal-000000000-0-torn-000000.jsonl'),
      `${text}{"shard":"customers/0.json","key":"c2","val`,
    );
    const reopened = await openLowdbStores(dir);
    expect(await reopened.customers.get('c1')).toBeDefined();
    expect(await reopened.customers.get('c2')).toBeUndefined();
    expect(reopened.corruptRecords()).toBe(1);
    await reopened.close();
  });

  it('when a running process’s journal is there (the server, seen from the staff command line), then its changes are read but left to it', async () => {
    // A live pid other than ours: the test runner's parent process.
    const live = path.join(dir, `journal-000000001-${process.ppid}-aaaaaa-000000.jsonl`);
    const theirs = customer('theirs');
    await writeFile(
      live,
      `${JSON.stringify({ shard: 'customers/0.json', key: 'theirs', value: theirs })}\n` +
        `${JSON.stringify({ segment: 'segment-00.jsonl', line: '{"c":"x","n":"a.1","e":{}}\n' })}\n{"shard":"customers/0.json","key":"in-progr`,
    );
    const stores = await openLowdbStores(dir, { shards: 1 });
    expect(await stores.customers.get('theirs')).toEqual(theirs);
    expect(stores.corruptRecords()).toBe(0);
    await stores.close();
    expect(await readFile(live, 'utf8')).toContain('"theirs"');
    expect(await readFile(path.join(dir, 'customers', '0.json'), 'utf8').catch(() => '[]')).not.toContain('theirs');
  });

  it('when another process rewrote a shard file, then refresh takes its records and keeps this one’s unsaved changes', async () => {
    const stores = await openLowdbStores(dir, { shards: 1 });
    await stores.customers.put(customer('mine'));
    const shard = path.join(dir, 'customers', '0.json');
    await new Promise((done) => setTimeout(done, 20));
    await writeFile(shard, JSON.stringify([customer('theirs')]));
    await stores.customers.refresh!();
    expect(await stores.customers.get('theirs')).toBeDefined();
    expect(await stores.customers.get('mine')).toBeDefined();
    await stores.close();
    const reopened = await openLowdbStores(dir);
    expect((await reopened.customers.query()).items.map((c) => c.id).sort()).toEqual(['mine', 'theirs']);
    await reopened.close();
  });
});

/** Spawns the child, collects the text after "ack " of each line, and kill -9s it once `count` have arrived. */
function runUntilAcked(script: string, dir: string, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acked: string[] = [];
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('ack ')) acked.push(line.slice(4));
      if (acked.length >= count && child.exitCode === null) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', () =>
      acked.length >= count ? resolve(acked) : reject(new Error(`child exited after ${acked.length} acks`)),
    );
  });
}

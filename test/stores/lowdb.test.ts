import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Stores } from '../../src/domain/ports.js';
import { openLowdbStores } from '../../src/stores/lowdb/openLowdbStores.js';
import { describeStoresContract } from './contract.js';
import { customer } from './records.js';

/** The embedded store in a fresh folder, reopened on the same files, removed after. */
function lowdbContract(prefix: string, options: Parameters<typeof openLowdbStores>[1]) {
  return async () => {
    const dir = await mkdtemp(path.join(tmpdir(), prefix));
    const open = () => openLowdbStores(dir, options);
    let current: Stores = await open();
    return {
      stores: current,
      reopen: async () => (current = await open()),
      cleanup: async () => {
        await current.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  };
}

// Few shards keep the per-test folders small; the layout logic is the same.
describeStoresContract('lowdb', lowdbContract('lowdb-stores-', { shards: 8 }));

// Records on disk: with a cache of one record and a checkpoint after every change, nearly every
// read of a customer, conversation or bot state goes to its shard file, and many to a file being
// rewritten.
describeStoresContract(
  'lowdb, records read from their files',
  lowdbContract('lowdb-disk-', { shards: 8, cachedRecords: 1, checkpointBytes: 1 }),
);

describe('lowdb files', () => {
  it('when the process is killed mid-stream, then every acknowledged put survives and every file is valid JSON', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lowdb-crash-'));
    try {
      const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'putForever.ts');
      const acked = await runUntilAcked(child, dir, 300);
      expect(acked.length).toBeGreaterThanOrEqual(300);

      const stores = await openLowdbStores(dir);
      for (const id of acked) {
        expect(await stores.customers.get(id), id).toBeDefined();
        expect(
          (await stores.transcripts.read(`conv-${id}`)).map((e) => e.text),
          id,
        ).toEqual([id]);
      }
      expect(stores.corruptRecords()).toBe(0);
      await stores.close();
      for (const file of await jsonFiles(dir)) expect(() => JSON.parse(file.text), file.name).not.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('when a transcript file ends in a torn line, then readers skip it and the next append starts a fresh line', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lowdb-torn-'));
    try {
      let stores = await openLowdbStores(dir);
      const entry = (text: string) => ({
        conversationId: 'c/1',
        direction: 'in' as const,
        at: new Date().toISOString(),
        type: 'message',
        text,
        activity: { type: 'message', text },
      });
      await stores.transcripts.append(entry('first'));
      await stores.close();
      const [name] = (await readdir(path.join(dir, 'transcripts'))).filter((n) => n.endsWith('.jsonl'));
      const { appendFile } = await import('node:fs/promises');
      await appendFile(path.join(dir, 'transcripts', name!), '{"conversationId":"c/1","direc');

      const problems: string[] = [];
      stores = await openLowdbStores(dir, { onCorrupt: (store) => problems.push(store) });
      expect((await stores.transcripts.read('c/1')).map((e) => e.text)).toEqual(['first']);
      await stores.transcripts.append(entry('second'));
      expect((await stores.transcripts.read('c/1')).map((e) => e.text)).toEqual(['first', 'second']);
      expect(problems.length).toBeGreaterThan(0);
      expect(new Set(problems)).toEqual(new Set(['transcripts']));
      await stores.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('when a record on disk fails its schema, then it is skipped, counted and kept on disk', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lowdb-corrupt-'));
    try {
      let stores = await openLowdbStores(dir, { shards: 1 });
      await stores.customers.put(customer('good'));
      await stores.close();
      const file = path.join(dir, 'customers', '0.json');
      const records = JSON.parse(await readFile(file, 'utf8')) as unknown[];
      records.push({ id: 'bad', phones: 'not an array' });
      const { writeFile } = await import('node:fs/promises');
      await writeFile(file, JSON.stringify(records));

      const problems: string[] = [];
      stores = await openLowdbStores(dir, { onCorrupt: (store, id) => problems.push(`${store}/${id}`) });
      expect(problems).toEqual(['customers/bad']);
      expect(stores.corruptRecords()).toBe(1);
      expect(await stores.customers.get('bad')).toBeUndefined();
      expect(await stores.customers.count()).toBe(1);
      await stores.customers.put(customer('another'));
      await stores.close();
      expect(await readFile(file, 'utf8')).toContain('not an array');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('when bot-state entries on disk have the wrong shape, then each reads as absent and is counted, and the good ones read', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lowdb-corrupt-state-'));
    try {
      let stores = await openLowdbStores(dir, { shards: 1 });
      await stores.state.write([{ key: 'good', value: { turn: 1 } }]);
      await stores.close();
      const file = path.join(
        dir,
        'state',
        (await readdir(path.join(dir, 'state'))).find((n) => n.endsWith('.json'))!,
      );
      const entries = JSON.parse(await readFile(file, 'utf8')) as unknown[];
      const bad = {
        'value-array': { eTag: 'e', key: 'value-array', value: [1] },
        'value-null': { eTag: 'e', key: 'value-null', value: null },
        'value-text': { eTag: 'e', key: 'value-text', value: 'x' },
        'etag-number': { eTag: 7, key: 'etag-number', value: {} },
        'no-etag': { key: 'no-etag', value: {} },
      };
      entries.push(...Object.values(bad), { key: 'empty-ok', eTag: 'e2', value: {} });
      const { writeFile } = await import('node:fs/promises');
      await writeFile(file, JSON.stringify(entries));

      stores = await openLowdbStores(dir, { shards: 1 });
      const read = await stores.state.read(['good', 'empty-ok', ...Object.keys(bad)]);
      expect(Object.keys(read).sort()).toEqual(['empty-ok', 'good']);
      expect(read['empty-ok']).toEqual({ value: {}, eTag: 'e2' });
      expect(stores.corruptRecords()).toBe(Object.keys(bad).length);
      await stores.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** Spawns the child, collects "ack <id>" lines, and kill -9s it once `count` have arrived. */
function runUntilAcked(script: string, dir: string, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: string[] = [];
    let buffer = '';
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) if (line.startsWith('ack ')) acked.push(line.slice(4));
      if (acked.length >= count && child.exitCode === null) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`child exited early (${code}): ${errors}`));
    });
  });
}

async function jsonFiles(dir: string): Promise<{ name: string; text: string }[]> {
  const found: { name: string; text: string }[] = [];
  for (const item of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!item.isFile() || !item.name.endsWith('.json')) continue;
    const name = path.join(item.parentPath, item.name);
    found.push({ name, text: await readFile(name, 'utf8') });
  }
  return found;
}

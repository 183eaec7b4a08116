/** `npm run staff -- demo-data`: fills a fresh store through the real services, and only a fresh one. */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLowdbStores } from '../../src/stores/lowdb/openLowdbStores.js';
import { REPO } from '../support/testBot.js';

function cli(dataDir: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/staff/cli.ts', ...args], { cwd: REPO, env, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('demo-data command', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'demo-cli-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('when run on a fresh store, then it fills and rolls up every day; run again, it refuses', async () => {
    const first = await cli(dir, ['demo-data', '--weeks', '1', '--per-day', '4']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const summary = /demo data: 7 days, (\d+) conversations.*; 7 days rolled up/.exec(first.stdout);
    expect(summary).not.toBeNull();
    const stores = await openLowdbStores(dir);
    expect(await stores.conversations.count()).toBe(Number(summary![1]));
    expect(await stores.dailyStats.count({ channel: '*' })).toBe(7);
    await stores.close();

    const again = await cli(dir, ['demo-data', '--weeks', '1']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/fresh store only/);
  }, 60_000);

  it('when given a bad number, then it explains and exits 2', async () => {
    const bad = await cli(dir, ['demo-data', '--weeks', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--weeks 1–52/);
  }, 30_000);
});

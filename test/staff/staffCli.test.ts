import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLowdbStores } from '../../src/stores/lowdb/openLowdbStores.js';
import { sha256 } from '../../src/staff/staffAccounts.js';
import { verifyPassword } from '../../src/staff/passwords.js';
import { REPO, startTestBot } from '../support/testBot.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(dataDir: string, args: string[], stdin = ''): Promise<Run> {
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
    child.stdin.end(stdin);
  });
}

describe('staff CLI', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'staff-cli-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('when a user is added with the password on stdin, then it is stored hashed and listed', async () => {
    const added = await cli(dir, ['add-user', 'Maria', '--role', 'manager'], 'a long enough secret\n');
    expect(added).toMatchObject({ code: 0, stdout: 'added manager "maria"\n' });
    const stores = await openLowdbStores(dir);
    const user = await stores.staffUsers.get('maria');
    await stores.close();
    expect(user?.role).toBe('manager');
    expect(user?.passwordHash).not.toContain('a long enough secret');
    expect(await verifyPassword('a long enough secret', user!.passwordHash)).toBe(true);
    const listed = await cli(dir, ['list']);
    expect(listed.stdout).toMatch(/^user\s+maria\s+manager/m);
  }, 30_000);

  it('when a token is added, then it is printed once and only its hash is stored', async () => {
    const run = await cli(dir, ['add-token', 'crm', '--role', 'viewer']);
    expect(run.code).toBe(0);
    const token = run.stdout.trim();
    expect(token).toMatch(/^stf_[\w-]{43}$/);
    const stores = await openLowdbStores(dir);
    const record = await stores.staffTokens.get(sha256(token));
    await stores.close();
    expect(record).toMatchObject({ name: 'crm', role: 'viewer' });
    expect(JSON.stringify(record)).not.toContain(token);
  }, 30_000);

  it('when the input is wrong, then it explains and exits non-zero without storing anything', async () => {
    expect((await cli(dir, ['add-user', 'shorty', '--role', 'viewer'], 'short\n')).stderr).toContain('at least 10 characters');
    expect((await cli(dir, ['add-user', 'maria', '--role', 'viewer'], 'another long secret\n')).stderr).toContain(
      'already exists',
    );
    const badRole = await cli(dir, ['add-user', 'x', '--role', 'admin']);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('usage');
    expect((await cli(dir, ['add-user', 'two words', '--role', 'viewer'])).code).toBe(2);
  }, 30_000);

  it('when a user is removed, then it is gone', async () => {
    expect(await cli(dir, ['remove-user', 'maria'])).toMatchObject({ code: 0, stdout: 'removed "maria"\n' });
    expect((await cli(dir, ['remove-user', 'maria'])).code).toBe(1);
    expect((await cli(dir, ['list'])).stdout).not.toContain('maria');
  }, 30_000);
});

describe('staff CLI beside a running bot', () => {
  it('when users and tokens are added and removed while the bot runs, then the bot follows without a restart', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'staff-live-'));
    const bot = await startTestBot({ dataDir: dir });
    try {
      const login = (name: string) =>
        fetch(`${bot.url}/staff/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name, password: 'a long enough secret' }),
        });
      expect((await login('lee')).status).toBe(401);

      expect((await cli(dir, ['add-user', 'lee', '--role', 'manager'], 'a long enough secret\n')).code).toBe(0);
      const signedIn = await login('lee');
      expect(signedIn.status).toBe(200);
      const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
      expect((await fetch(`${bot.url}/staff/api/session`, { headers: { cookie } })).status).toBe(200);

      const token = (await cli(dir, ['add-token', 'reports', '--role', 'viewer'])).stdout.trim();
      const withToken = () => fetch(`${bot.url}/staff/api/callbacks`, { headers: { authorization: `Bearer ${token}` } });
      expect((await withToken()).status).toBe(200);

      expect((await cli(dir, ['remove-user', 'lee'])).code).toBe(0);
      expect((await fetch(`${bot.url}/staff/api/session`, { headers: { cookie } })).status).toBe(401);
      expect((await cli(dir, ['remove-token', 'reports'])).code).toBe(0);
      expect((await withToken()).status).toBe(401);
    } finally {
      await bot.stop();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

/**
 * Turn throughput of the bot on PostgreSQL as one instance and as two instances behind a
 * round-robin loopback proxy (test/support/botInstances.ts), same load, same database, each setup
 * on a fresh schema: `benchTwoInstances()` for bench/run.ts, or on its own:
 * `npx tsx bench/twoInstances.ts` (BENCH_DATABASE_URL or DATABASE_URL, else the test database).
 *
 * One instance goes through the proxy too (a proxy of one), so both figures pay the same hop.
 * On a machine with fewer cores than instances plus load driver, two instances share the cores
 * and the figure says what the lock, claim and shared state cost rather than what scaling gains.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ChannelStub } from '../test/support/channelStub.js';
import { roundRobin, startInstance, stopInstance, type Instance } from '../test/support/botInstances.js';
import { driveLoad, type LoadResult } from './loadDriver.js';
import { num } from './settings.js';
import { knowledge } from './workloads.js';

/** How hard the load driver pushes: conversations in the pool, turns in flight, a cap on turns and time. */
export interface TurnSettings {
  conversations: number;
  concurrency: number;
  turns: number;
  maxMs: number;
}

export interface InstancesBench extends LoadResult {
  instances: number;
  /** Measured turns that got no message reply at the channel. */
  unanswered: number;
}

const DEFAULT_URL = `postgres://${process.env.PGUSER ?? 'postgres'}@127.0.0.1:5432/test`;

/** One instance, then two, on PostgreSQL at `databaseUrl`; each warmed up, then measured once. */
export async function benchTwoInstances(
  settings: TurnSettings,
  databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? DEFAULT_URL,
): Promise<{ one: InstancesBench; two: InstancesBench }> {
  const one = await benchInstances(1, settings, databaseUrl);
  const two = await benchInstances(2, settings, databaseUrl);
  return { one, two };
}

async function benchInstances(count: number, settings: TurnSettings, databaseUrl: string): Promise<InstancesBench> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const env = {
    DATABASE_URL: databaseUrl,
    DATABASE_SCHEMA: schema,
    DIRECTLINE_SECRET: randomBytes(24).toString('hex'),
    LOG_LEVEL: 'warn',
  };
  const channel = await new ChannelStub().start();
  const instances: Instance[] = [];
  // The first instance creates the schema; the others find it made.
  instances.push(await startInstance('bench-1', { ...env, LOG_LEVEL: 'info' }));
  for (let i = 2; i <= count; i++) instances.push(await startInstance(`bench-${i}`, { ...env, LOG_LEVEL: 'info' }));
  const proxy = await roundRobin(instances.map((i) => i.url));
  try {
    const base = { url: proxy.url, serviceUrl: channel.url, script: knowledge.script };
    await driveLoad({ ...base, ...settings, turns: Math.max(300, settings.conversations * knowledge.turns), maxMs: 60_000 });
    for (const id of channel.replies.keys()) channel.take(id);
    let unanswered = 0;
    const result = await driveLoad({
      ...base,
      ...settings,
      afterTurn: (id) => {
        if (!channel.take(id).some((r) => r.type === 'message')) unanswered++;
      },
    });
    return { ...result, instances: count, unanswered };
  } finally {
    await proxy.close();
    await Promise.all(instances.map((i) => stopInstance(i)));
    await channel.stop();
    const admin = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await admin.end();
  }
}

export const instancesLine = (r: InstancesBench): string =>
  `${r.instances} instance${r.instances > 1 ? 's' : ''} (PostgreSQL, round-robin proxy): ${r.turnsPerSecond.toFixed(1)} turns/s,` +
  ` p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms (${r.turns} turns in ${r.seconds.toFixed(1)} s,` +
  ` ${r.errors} errors, ${r.unanswered} unanswered)`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const { one, two } = await benchTwoInstances({
    conversations: num('BENCH_CONVERSATIONS', 50),
    concurrency: num('BENCH_CONCURRENCY', 16),
    turns: num('BENCH_TURNS', 1200),
    maxMs: num('BENCH_SECONDS', 12) * 1000,
  });
  console.log(instancesLine(one));
  console.log(instancesLine(two));
  console.log(`two ÷ one instance throughput: ${(two.turnsPerSecond / one.turnsPerSecond).toFixed(2)}`);
}

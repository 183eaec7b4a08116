/**
 * The sales side of the staff API on a store filled by a small demo-data run (four weeks, through
 * the real services): forecast as JSON and CSV, plans, objections, the home report, the callback
 * queue's duplicates, and the incremental roll-up — the same on lowdb and PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BusinessSchema } from '../../src/domain/business.js';
import { loadBusiness } from '../../src/knowledge/markdownLoader.js';
import { openLowdbStores } from '../../src/stores/lowdb/openLowdbStores.js';
import { openPgStores } from '../../src/stores/postgres/openPgStores.js';
import { createDailyRollup } from '../../src/staff/dailyRollup.js';
import { fillDemoData } from '../../src/staff/demoData.js';
import { REPO } from '../support/testBot.js';
import { startStaffBot, type StaffBot } from './staffSupport.js';

const NOW = new Date();

describe('staff sales API on demo data', () => {
  let s: StaffBot;

  beforeAll(async () => {
    s = await startStaffBot();
    const business = await loadBusiness(path.join(REPO, 'knowledge'));
    await fillDemoData(s.stores, business, { weeks: 4, perDay: 10, seed: 3, now: NOW });
  }, 120_000);
  afterAll(async () => {
    await s?.stop();
  });

  it('when the forecast is asked for 21 days, then every channel has 21 points with actual, forecast and an 80 % interval', async () => {
    const res = await s.call('/staff/api/forecast?days=21', s.viewer);
    expect(res.status).toBe(200);
    const report = (await res.json()) as {
      days: number;
      lastDay: string;
      interval: number;
      series: {
        dimension: string;
        key: string;
        metric: string;
        model: string;
        points: { actual: number | null; forecast: number; lo: number; hi: number }[];
      }[];
    };
    expect(report.days).toBe(21);
    expect(report.interval).toBe(0.8);
    const channels = report.series.filter((x) => x.dimension === 'channel' && x.metric === 'conversations').map((x) => x.key);
    expect(channels.sort()).toEqual(['email', 'phone', 'telegram', 'webchat']);
    expect(report.series.some((x) => x.dimension === 'source' && x.key === 'google / search' && x.metric === 'won')).toBe(true);
    for (const x of report.series) {
      expect(x.points).toHaveLength(21);
      for (const p of x.points) expect(p.lo <= p.forecast && p.forecast <= p.hi).toBe(true);
      // 14 closed days compared by default, the rest ahead.
      expect(x.points.filter((p) => p.actual !== null)).toHaveLength(14);
    }
  });

  it('when the forecast is asked as CSV (parameter or Accept), then it has one row per series and day', async () => {
    const json = (await (await s.call('/staff/api/forecast?days=7', s.viewer)).json()) as { series: unknown[] };
    const csv = await (await s.call('/staff/api/forecast?days=7&format=csv', s.viewer)).text();
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('dimension,key,metric,day,actual,forecast,lo80,hi80,plan,model,mase_model,mase_seasonal_naive');
    expect(lines).toHaveLength(json.series.length * 7 + 1);
    const accepted = await s.call('/staff/api/forecast?days=7', s.viewer, { headers: { accept: 'text/csv' } });
    expect(accepted.headers.get('content-type')).toContain('text/csv');
  });

  it('when the forecast is asked with bad parameters, then 400 says which', async () => {
    const res = await s.call('/staff/api/forecast?days=60&from=2026-02-30', s.viewer);
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/days|date/);
  });

  it('when a manager enters a monthly plan, then the channel series shows it spread over the month; a viewer may not', async () => {
    const month = new Date(NOW.getTime() - 86_400_000).toISOString().slice(0, 7);
    const body = { month, channel: 'webchat', conversations: 310 };
    expect((await s.call('/staff/api/plans', s.viewer, { method: 'PUT', body })).status).toBe(403);
    expect((await s.call('/staff/api/plans', s.manager, { method: 'PUT', body })).status).toBe(200);
    const report = (await (await s.call('/staff/api/forecast', s.viewer)).json()) as {
      series: { dimension: string; key: string; metric: string; points: { day: string; plan: number | null }[] }[];
    };
    const webchat = report.series.find((x) => x.dimension === 'channel' && x.key === 'webchat' && x.metric === 'conversations')!;
    const [y, m] = month.split('-').map(Number) as [number, number];
    const perDay = Math.round((310 / new Date(Date.UTC(y, m, 0)).getUTCDate()) * 100) / 100;
    expect(webchat.points.filter((p) => p.day.startsWith(month)).every((p) => p.plan === perDay)).toBe(true);
    const telegram = report.series.find((x) => x.key === 'telegram' && x.metric === 'conversations')!;
    expect(telegram.points.every((p) => p.plan === null)).toBe(true);
  });

  it('when objections are asked, then they are ranked by count with examples of real conversations', async () => {
    const report = (await (await s.call('/staff/api/objections', s.viewer)).json()) as {
      total: number;
      byKind: { kind: string; count: number; examples: { conversationId: string; evidence: string }[] }[];
      bySegment: { product: string; channel: string; count: number }[];
    };
    expect(report.total).toBeGreaterThan(10);
    const counts = report.byKind.map((k) => k.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(report.byKind.map((k) => k.kind)).toEqual(
      expect.arrayContaining(['price', 'no_answer', 'wanted_person', 'dietary_need']),
    );
    const example = report.byKind[0]!.examples[0]!;
    expect(await s.stores.conversations.get(example.conversationId)).toBeDefined();
    expect(report.bySegment[0]!.product).not.toBe('');
  });

  it('when the home report is read, then open callbacks past the grace time are listed and deviations name their series', async () => {
    await s.stores.callbacks.put({
      id: 'late-1',
      ref: 'LATE01',
      channelId: 'webchat',
      name: 'Late Customer',
      phone: '+61400000009',
      dueAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
      asap: false,
      topic: 'call me',
      status: 'open',
      createdAt: new Date(Date.now() - 4 * 3_600_000).toISOString(),
      updatedAt: new Date(Date.now() - 4 * 3_600_000).toISOString(),
    });
    const home = (await (await s.call('/staff/api/home', s.viewer)).json()) as {
      lateCallbacks: { ref: string; name: string; minutesLate: number }[];
      deviations: { key: string; days: number }[];
      sourceTrends: { source: string }[];
    };
    const late = home.lateCallbacks.find((c) => c.ref === 'LATE01')!;
    expect(late.minutesLate).toBeGreaterThanOrEqual(179);
    expect(late.name).toBe('Late Customer');
    for (const d of home.deviations) expect(d.days).toBeGreaterThanOrEqual(2);
    expect(home.sourceTrends.map((t) => t.source)).toContain('google');
  });

  it('when one customer booked the same slot twice, then the queue shows one card that names the duplicate', async () => {
    const due = new Date(Date.now() + 5 * 3_600_000).toISOString();
    const base = {
      channelId: 'webchat',
      name: 'Twice Booked',
      phone: '+61400000077',
      dueAt: due,
      asap: false,
      topic: 'twice',
      status: 'open' as const,
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    };
    await s.stores.callbacks.put({ ...base, id: 'dup-a', ref: 'DUPAAA' });
    await s.stores.callbacks.put({ ...base, id: 'dup-b', ref: 'DUPBBB' });
    const page = (await (await s.call('/staff/api/callbacks?limit=100', s.manager)).json()) as {
      items: { id: string; duplicateIds: string[] }[];
    };
    const cards = page.items.filter((c) => c.id === 'dup-a' || c.id === 'dup-b');
    expect(cards).toHaveLength(1);
    expect(cards[0]!.duplicateIds).toHaveLength(1);
  });

  it('when the roll-up runs again, then closed days are not rolled again', async () => {
    const before = await s.stores.dailyStats.query({ orderBy: 'day' });
    const rollup = createDailyRollup({ stores: s.stores, business: BusinessSchema.parse({}), clock: { now: () => new Date() } });
    expect(await rollup.catchUp()).toEqual([]);
    const after = await s.stores.dailyStats.query({ orderBy: 'day' });
    expect(after.items).toEqual(before.items);
  });
});

describe('daily roll-up on PostgreSQL', () => {
  const url = process.env.DATABASE_URL ?? `postgres://${process.env.PGUSER ?? 'postgres'}@127.0.0.1:5432/test`;
  const schema = `t_sales_${randomBytes(4).toString('hex')}`;

  it('when the same demo data is written to lowdb and PostgreSQL, then both roll up the same days and counts', async () => {
    const business = await loadBusiness(path.join(REPO, 'knowledge'));
    const dir = await mkdtemp(path.join(tmpdir(), 'isb-sales-'));
    const lowdb = await openLowdbStores(dir);
    const postgres = await openPgStores(url, { schema });
    try {
      const options = { weeks: 1, perDay: 6, seed: 5, now: NOW };
      await fillDemoData(lowdb, business, options);
      await fillDemoData(postgres, business, options);
      const strip = (items: { id: string; rolledAt: string }[]) =>
        items.map(({ rolledAt: _r, ...rest }) => rest).sort((a, b) => (a.id < b.id ? -1 : 1));
      const [a, b] = await Promise.all([
        lowdb.dailyStats.query({ orderBy: 'day' }),
        postgres.dailyStats.query({ orderBy: 'day' }),
      ]);
      expect(a.items.length).toBeGreaterThan(7);
      expect(strip(b.items)).toEqual(strip(a.items));
      expect(await postgres.objections.count()).toBe(await lowdb.objections.count());
    } finally {
      await lowdb.close();
      await postgres.close();
      await rm(dir, { recursive: true, force: true });
      const admin = new pg.Pool({ connectionString: url, max: 1 });
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    }
  }, 120_000);
});

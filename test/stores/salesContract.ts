/**
 * The sales collections (daily roll-up, plans, objections) in the stores contract: kept apart from
 * contract.ts so the two can change independently.
 */
import { expect, it } from 'vitest';
import type { DailyStat } from '../../src/domain/forecast/dailyStat.js';
import type { Stores } from '../../src/domain/ports.js';
import { ValidationError } from '../../src/domain/errors.js';

const stat = (day: string, channel: string, conversations: number): DailyStat => ({
  id: `${day}|${channel}|google|spring`,
  day,
  channel,
  source: 'google',
  campaign: 'spring',
  conversations,
  qualified: 1,
  callbacks: 0,
  orders: 0,
  won: 0,
  rolledAt: '2026-11-02T00:00:00.000Z',
});

export function salesCollectionsContract(current: () => Stores, reopen: () => Promise<Stores>): void {
  it('when daily stats, a plan and an objection are written, then they are read back by day and kept across reopen', async () => {
    const stores = current();
    await stores.dailyStats.put(stat('2026-11-02', 'webchat', 4));
    await stores.dailyStats.put(stat('2026-11-01', 'webchat', 3));
    await stores.dailyStats.put(stat('2026-11-01', 'telegram', 2));
    await stores.salesPlans.put({
      id: '2026-11|webchat',
      month: '2026-11',
      channel: 'webchat',
      conversations: 300,
      updatedBy: 'manny',
      updatedAt: '2026-11-01T00:00:00.000Z',
    });
    await stores.objections.put({
      id: 'v1|price',
      kind: 'price',
      conversationId: 'v1',
      product: 'Thing',
      channel: 'webchat',
      source: 'google',
      campaign: 'spring',
      at: '2026-11-01T03:00:00.000Z',
      evidence: 'too expensive',
      value: 80,
    });
    const page = await stores.dailyStats.query({
      where: { channel: 'webchat' },
      orderBy: 'day',
      from: '2026-11-01',
      to: '2026-11-03',
    });
    expect(page.items.map((s) => [s.day, s.conversations])).toEqual([
      ['2026-11-01', 3],
      ['2026-11-02', 4],
    ]);
    await expect(stores.dailyStats.put({ ...stat('2026-11-03', 'x', 1), conversations: -1 })).rejects.toBeInstanceOf(
      ValidationError,
    );
    const reopened = await reopen();
    expect(await reopened.dailyStats.count()).toBe(3);
    expect((await reopened.salesPlans.get('2026-11|webchat'))?.conversations).toBe(300);
    expect((await reopened.objections.findBy('kind', 'price')).map((o) => o.value)).toEqual([80]);
  });
}

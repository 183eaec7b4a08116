import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOrderService } from '../../src/domain/orders/orderService.js';
import { loadKnowledge } from '../../src/knowledge/markdownLoader.js';
import type { Collection } from '../../src/domain/ports.js';
import type { Customer, OrderRequest } from '../../src/domain/model.js';
import { REPO } from '../support/testBot.js';

const now = new Date('2026-11-23T10:00:00+11:00');
const customer: Customer = {
  id: 'cust-1',
  phones: ['+61412345678'],
  emails: [],
  channelAccounts: ['webchat|user-a'],
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
};

async function service() {
  const { business } = await loadKnowledge(join(REPO, 'knowledge'));
  const orders: OrderRequest[] = [];
  const collection = {
    put: async (o: OrderRequest) => void orders.push(o),
    findBy: async (field: keyof OrderRequest, value: string) => orders.filter((o) => o[field] === value),
  } as unknown as Collection<OrderRequest>;
  const customers = { get: async (id: string) => (id === customer.id ? customer : undefined) };
  let n = 0;
  const svc = createOrderService({ orders: collection, customers, business, clock: { now: () => now }, newId: () => `o${++n}` });
  const product = business.products[0]!.name;
  const order = await svc.request(
    { items: [{ product, quantity: 1 }], neededOn: '2026-12-10', fulfilment: 'pickup' },
    { customerId: customer.id, conversationId: 'conv-a' },
  );
  return { svc, order };
}

const caller = (over: Partial<{ userId: string; conversationId: string; phone: string }> = {}) => ({
  account: { channelId: 'webchat', userId: over.userId ?? 'stranger' },
  conversationId: over.conversationId ?? 'conv-x',
  phone: over.phone,
});

describe('order requests by reference', () => {
  it('when the caller is its conversation, account or phone, then it is found', async () => {
    const { svc, order } = await service();
    for (const c of [caller({ conversationId: 'conv-a' }), caller({ userId: 'user-a' }), caller({ phone: '+61412345678' })]) {
      expect(await svc.findByReference(order.ref, c)).toEqual({ ok: true, record: order });
    }
  });

  it('when a stranger asks, then the answer is the one for an unknown reference', async () => {
    const { svc, order } = await service();
    expect(await svc.findByReference(order.ref, caller({ phone: '+61400000000' }))).toEqual({ ok: false, reason: 'not_found' });
    expect(await svc.findByReference('ZZ9ZZ9', caller({ conversationId: 'conv-y' }))).toEqual({ ok: false, reason: 'not_found' });
  });

  it('when one conversation misses five times, then even its own reference is refused for a while', async () => {
    const { svc, order } = await service();
    for (let i = 0; i < 5; i++) await svc.findByReference(`${i + 2}AAAAB`, caller({ conversationId: 'conv-a' }));
    expect(await svc.findByReference(order.ref, caller({ conversationId: 'conv-a' }))).toEqual({
      ok: false,
      reason: 'too_many_attempts',
    });
  });
});

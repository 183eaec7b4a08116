import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entry, startStaffBot, type StaffBot } from './staffSupport.js';

/** Issue 14, item 5: erasure and export reach transcripts whose conversation record is missing. */
describe('a customer whose conversation record was never written', () => {
  let s: StaffBot;
  beforeAll(async () => {
    s = await startStaffBot();
    const now = new Date().toISOString();
    await s.stores.customers.put({
      id: 'cust-lost',
      name: 'Lou',
      phones: ['+61455000111'],
      emails: [],
      channelAccounts: [],
      createdAt: now,
      updatedAt: now,
    });
    // A booking and its transcript, but no conversation record (a kill before the record caught up).
    await s.stores.callbacks.put({
      id: 'cb-lost',
      ref: 'K7M2QD',
      customerId: 'cust-lost',
      conversationId: 'conv-lost',
      channelId: 'webchat',
      name: 'Lou',
      phone: '+61455000111',
      dueAt: now,
      asap: true,
      topic: 'a quote',
      status: 'open',
      createdAt: now,
      updatedAt: now,
    });
    await s.stores.transcripts.append(entry('conv-lost', 'in', "I'm Lou, call me on 0455 000 111"));
  });
  afterAll(() => s.stop());

  it('when a manager exports the customer, then the transcript is in the export', async () => {
    const res = await s.call('/staff/api/customers/cust-lost/export', s.manager);
    const body = (await res.json()) as { transcripts: Record<string, unknown[]> };
    expect(body.transcripts['conv-lost']).toHaveLength(1);
  });

  it('when a manager erases the customer, then the transcript goes too', async () => {
    const res = await s.call('/staff/api/customers/cust-lost', s.manager, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(await s.stores.transcripts.read('conv-lost')).toEqual([]);
    expect(await s.stores.callbacks.get('cb-lost')).toBeUndefined();
  });
});

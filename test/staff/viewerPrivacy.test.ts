import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversation, entry, seed, startStaffBot, type StaffBot } from './staffSupport.js';

/**
 * Issue 14, item 5: a viewer never sees a phone number or an e-mail address, in any field — SMS and
 * telephony use the caller's number as the user id, so it turns up in conversation ids, channel
 * accounts and lead ids too.
 */
const PHONE_ID = '+61455111222';
const SECRETS = ['455111222', '412345678', '498765432', 'anna.smith@example.com', 'sam.sms@example.org'];

/** Whether a body shows any of the secrets, however the digits are spaced. */
const leaks = (body: string): string[] => {
  const flat = body.replace(/[\s\-().]/g, '');
  return SECRETS.filter((s) => flat.includes(s.replace(/[\s\-().]/g, '')) || body.includes(s));
};

describe('what a viewer sees', () => {
  let s: StaffBot;
  beforeAll(async () => {
    s = await startStaffBot();
    await seed(s.stores);
    const now = new Date().toISOString();
    await s.stores.customers.put({
      id: 'cust-sms',
      name: 'Sam',
      phones: [PHONE_ID],
      emails: ['sam.sms@example.org'],
      channelAccounts: [`sms|${PHONE_ID}`],
      createdAt: now,
      updatedAt: now,
    });
    await s.stores.conversations.put(
      conversation(PHONE_ID, {
        channelId: 'sms',
        customerId: 'cust-sms',
        note: 'Rang back on 0455 111 222; wants a quote by mail to sam.sms@example.org',
        outcomes: ['callback_booked'],
      }),
    );
    await s.stores.transcripts.append(entry(PHONE_ID, 'in', 'call me on 0455 111 222'));
    await s.stores.leads.put({
      id: `lead:${PHONE_ID}`,
      conversationId: PHONE_ID,
      customerId: 'cust-sms',
      facts: {},
      productInterest: [],
      stage: 'ready',
      channelId: 'sms',
      createdAt: now,
      updatedAt: now,
    });
    await s.stores.callbacks.put({
      id: 'cb-sms',
      ref: 'K7M2QD',
      customerId: 'cust-sms',
      leadId: `lead:${PHONE_ID}`,
      conversationId: PHONE_ID,
      channelId: 'sms',
      name: 'Sam',
      phone: PHONE_ID,
      dueAt: now,
      asap: true,
      topic: 'a quote',
      status: 'open',
      note: 'left a message for sam.sms@example.org',
      createdAt: now,
      updatedAt: now,
    });
  });
  afterAll(() => s.stop());

  const paths = [
    '/staff/api/conversations',
    `/staff/api/conversations/${encodeURIComponent(PHONE_ID)}`,
    '/staff/api/conversations/conv-anna',
    '/staff/api/customers',
    '/staff/api/customers/cust-sms',
    '/staff/api/customers/cust-sms/export',
    '/staff/api/customers/cust-anna/export',
    '/staff/api/callbacks',
    '/staff/api/funnel',
    '/staff/api/export/customers.csv',
    '/staff/api/export/callbacks.csv',
  ];

  it('when a viewer reads any list, record, export or CSV, then no phone number or e-mail address is in it', async () => {
    const found: Record<string, string[]> = {};
    for (const path of paths) {
      const res = await s.call(path, s.viewer);
      const body = await res.text();
      if (res.status !== 200 && res.status !== 404) throw new Error(`${path}: ${res.status} ${body}`);
      const leaked = leaks(body);
      if (leaked.length) found[path] = leaked;
    }
    expect(found).toEqual({});
  });

  it('when a manager reads the same, then the details are there', async () => {
    const body = await (await s.call('/staff/api/customers/cust-sms/export', s.manager)).text();
    expect(leaks(body)).toEqual(expect.arrayContaining(['455111222', 'sam.sms@example.org']));
  });
});

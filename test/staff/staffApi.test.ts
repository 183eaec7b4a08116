import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { conversation, seed, startStaffBot, type StaffBot } from './staffSupport.js';

interface ConversationPage {
  items: { id: string; outcomes: string[]; customerName?: string }[];
  next?: string;
}

const ids = (page: ConversationPage): string[] => page.items.map((c) => c.id);

describe('staff API: reading', () => {
  let s: StaffBot;
  const get = async <T = ConversationPage>(path: string, as = s.manager): Promise<T> => {
    const res = await s.call(path, as);
    expect(res.status, `${path}: ${res.status}`).toBe(200);
    return (await res.json()) as T;
  };
  const status = async (path: string): Promise<{ status: number; issues?: string[] }> => {
    const res = await s.call(path, s.manager);
    return { status: res.status, issues: ((await res.json()) as { issues?: string[] }).issues };
  };

  beforeAll(async () => {
    s = await startStaffBot();
    await seed(s.stores);
  });
  afterAll(() => s.stop());

  describe('conversations', () => {
    it('when listed, then the newest activity comes first with derived outcomes and customer names', async () => {
      const page = await get('/staff/api/conversations');
      expect(ids(page)).toEqual(['conv-cleo', 'conv-anna', 'conv-ben']);
      expect(page.items[2]).toMatchObject({ customerName: 'Ben Jones', outcomes: ['unanswered', 'abandoned'] });
      expect(page.items[0]!.outcomes).toEqual(['answered', 'unanswered']);
      expect(page.next).toBeUndefined();
    });

    it('when paged one at a time, then the cursors walk every conversation once', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await get(`/staff/api/conversations?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...ids(page));
        cursor = page.next;
      } while (cursor);
      expect(seen).toEqual(['conv-cleo', 'conv-anna', 'conv-ben']);
    });

    it('when filtered by channel, outcome or dates, then only matching conversations come back', async () => {
      expect(ids(await get('/staff/api/conversations?channel=telegram'))).toEqual(['conv-ben']);
      expect(ids(await get('/staff/api/conversations?outcome=advice'))).toEqual(['conv-anna']);
      expect(ids(await get('/staff/api/conversations?outcome=callback_booked'))).toEqual(['conv-anna']);
      expect(ids(await get('/staff/api/conversations?outcome=abandoned'))).toEqual(['conv-ben']);
      expect(ids(await get('/staff/api/conversations?outcome=unanswered'))).toEqual(['conv-cleo', 'conv-ben']);
      expect(ids(await get('/staff/api/conversations?outcome=handed_off'))).toEqual([]);
      const from = new Date(Date.now() - 45 * 60_000).toISOString();
      expect(ids(await get(`/staff/api/conversations?from=${encodeURIComponent(from)}`))).toEqual(['conv-cleo', 'conv-anna']);
      expect(ids(await get(`/staff/api/conversations?to=${encodeURIComponent(from)}`))).toEqual(['conv-ben']);
      expect(ids(await get('/staff/api/conversations?from=2000-01-01&to=2000-01-02'))).toEqual([]);
    });

    it('when an outcome filter is paged, then pages fill across the store order', async () => {
      const first = await get('/staff/api/conversations?outcome=unanswered&limit=1');
      expect(ids(first)).toEqual(['conv-cleo']);
      expect(ids(await get(`/staff/api/conversations?outcome=unanswered&limit=1&cursor=${first.next}`))).toEqual(['conv-ben']);
    });

    it('when searching text, then metadata, unanswered questions and transcripts match', async () => {
      expect(ids(await get('/staff/api/conversations?q=SUNDAYS'))).toEqual(['conv-ben']);
      expect(ids(await get('/staff/api/conversations?q=spring'))).toEqual(['conv-anna']);
      expect(ids(await get('/staff/api/conversations?q=marzipan'))).toEqual(['conv-cleo']);
      expect(ids(await get('/staff/api/conversations?q=nothing-like-this'))).toEqual([]);
    });

    it('when parameters are invalid, then it answers 400 naming each problem', async () => {
      expect(await status('/staff/api/conversations?outcome=bought')).toMatchObject({
        status: 400,
        issues: [expect.stringMatching(/^outcome:/)],
      });
      expect((await status('/staff/api/conversations?limit=0')).status).toBe(400);
      expect((await status('/staff/api/conversations?limit=1000')).status).toBe(400);
      expect((await status('/staff/api/conversations?from=yesterday')).status).toBe(400);
      expect((await status('/staff/api/conversations?from=2025-02-30')).status).toBe(400);
      expect((await status('/staff/api/conversations?colour=red')).status).toBe(400);
      expect((await status('/staff/api/conversations?cursor=garbage')).status).toBe(400);
    });

    it('when a manager opens a transcript, then it reads in order with contact details as given', async () => {
      const detail = await get<{
        transcript: { direction: string; text: string }[];
        customer: { phones: string[] };
        callbacks: { phone: string }[];
        leads: unknown[];
      }>('/staff/api/conversations/conv-anna');
      expect(detail.transcript.map((e) => e.direction)).toEqual(['in', 'out', 'in']);
      expect(detail.transcript[2]!.text).toContain('0412 345 678');
      expect(detail.customer.phones).toEqual(['+61412345678']);
      expect(detail.callbacks[0]!.phone).toBe('+61412345678');
      expect(detail.leads).toHaveLength(1);
    });

    it('when a viewer opens a transcript, then phone numbers and e-mails are masked everywhere', async () => {
      const res = await s.call('/staff/api/conversations/conv-anna', s.viewer);
      const text = await res.text();
      expect(text).not.toMatch(/345.?678|anna\.smith@|412345678/);
      const detail = JSON.parse(text) as { transcript: { text: string }[]; customer: { phones: string[]; emails: string[] } };
      expect(detail.transcript[2]!.text).toBe('Please call me on •••••••678 or mail a•••@example.com');
      expect(detail.customer.phones).toEqual(['••••••••678']);
      expect(detail.customer.emails).toEqual(['a•••@example.com']);
    });

    it('when a conversation does not exist, then it answers 404', async () => {
      expect((await s.call('/staff/api/conversations/nope', s.manager)).status).toBe(404);
    });
  });

  describe('customers', () => {
    it('when listed or searched, then matches come back, masked for viewers', async () => {
      const all = await get<{ items: { id: string }[] }>('/staff/api/customers');
      expect(all.items.map((c) => c.id)).toEqual(['cust-anna', 'cust-ben']);
      const byName = await get<{ items: { id: string }[] }>('/staff/api/customers?q=jones');
      expect(byName.items.map((c) => c.id)).toEqual(['cust-ben']);
      const byPhone = await get<{ items: { id: string }[] }>('/staff/api/customers?q=0412%20345');
      expect(byPhone.items.map((c) => c.id)).toEqual(['cust-anna']);
      const masked = await get<{ items: { phones: string[] }[] }>('/staff/api/customers', s.viewerToken);
      expect(masked.items[0]!.phones).toEqual(['••••••••678']);
      expect((await status('/staff/api/customers?limit=x')).status).toBe(400);
    });

    it('when one customer is opened, then leads, callbacks, orders and conversations come with it', async () => {
      const file = await get<Record<string, { id: string }[]>>('/staff/api/customers/cust-anna');
      expect(file.leads!.map((l) => l.id)).toEqual(['lead:conv-anna']);
      expect(file.callbacks!.map((c) => c.id)).toEqual(['cb-anna']);
      expect(file.orders!.map((o) => o.id)).toEqual(['ord-anna']);
      expect(file.conversations!.map((c) => c.id)).toEqual(['conv-anna']);
      expect((await s.call('/staff/api/customers/nope', s.manager)).status).toBe(404);
    });

    it('when exported, then everything held comes as a JSON download including transcripts', async () => {
      const res = await s.call('/staff/api/customers/cust-anna/export', s.managerToken);
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="customer-cust-anna.json"');
      const data = (await res.json()) as { customer: { phones: string[] }; transcripts: Record<string, unknown[]> };
      expect(data.customer.phones).toEqual(['+61412345678']);
      expect(data.transcripts['conv-anna']).toHaveLength(3);
      const viewer = await (await s.call('/staff/api/customers/cust-anna/export', s.viewer)).text();
      expect(viewer).not.toMatch(/412345678|anna\.smith@/);
    });
  });

  describe('callbacks, funnel and exports', () => {
    it('when the queue is listed, then open callbacks come by due time with the overdue one flagged', async () => {
      const page = await get<{ items: { id: string; overdue: boolean; phone: string }[] }>('/staff/api/callbacks');
      expect(page.items.map((c) => [c.id, c.overdue])).toEqual([
        ['cb-anna', true],
        ['cb-later', false],
      ]);
      const viewer = await get<{ items: { phone: string }[] }>('/staff/api/callbacks', s.viewer);
      expect(viewer.items[0]!.phone).toBe('••••••••678');
      expect((await get<{ items: unknown[] }>('/staff/api/callbacks?status=done')).items).toEqual([]);
      expect((await status('/staff/api/callbacks?status=late')).status).toBe(400);
    });

    it('when the funnel is asked for, then stages, conversion, segments and knowledge gaps are counted', async () => {
      const funnel = await get<{
        overall: { counts: Record<string, number>; conversion: number | null };
        byChannel: { channel: string; counts: Record<string, number> }[];
        bySource: { source: string; campaign: string; counts: Record<string, number> }[];
        knowledgeGaps: { question: string; count: number }[];
      }>('/staff/api/funnel');
      expect(funnel.overall.counts).toEqual({
        conversations: 3,
        engaged: 3,
        questionsAnswered: 2,
        adviceRequested: 1,
        qualified: 1,
        callbackBooked: 2,
        reached: 0,
        won: 0,
      });
      expect(funnel.overall.conversion).toBe(0);
      expect(funnel.byChannel.map((c) => [c.channel, c.counts.conversations])).toEqual([
        ['webchat', 2],
        ['telegram', 1],
      ]);
      expect(funnel.bySource.find((x) => x.source === 'google')).toMatchObject({ campaign: 'spring', counts: { qualified: 1 } });
      expect(funnel.knowledgeGaps.map((g) => [g.question, g.count])).toEqual([
        ['do you deliver on sundays', 2],
        ['is there parking', 1],
      ]);
      expect(
        (await get<{ overall: { counts: { conversations: number } } }>('/staff/api/funnel?from=2000-01-01&to=2000-12-31')).overall
          .counts.conversations,
      ).toBe(0);
    });

    it('when funnel dates are invalid, then it answers 400', async () => {
      expect((await status('/staff/api/funnel?from=2025-05-01&to=2025-04-01')).status).toBe(400);
      expect((await status('/staff/api/funnel?from=soon')).status).toBe(400);
    });

    it('when exported as CSV, then there is a header and a row per record, masked for viewers', async () => {
      const res = await s.call('/staff/api/export/customers.csv', s.manager);
      expect(res.headers.get('content-type')).toContain('text/csv');
      const lines = (await res.text()).trim().split('\r\n');
      expect(lines[0]).toBe('id,name,phones,emails,consent_at,consent_channel,created_at,updated_at');
      expect(lines).toHaveLength(3);
      expect(lines.join()).toContain('+61412345678');
      const viewer = await (await s.call('/staff/api/export/callbacks.csv', s.viewer)).text();
      expect(viewer.split('\r\n')[0]).toMatch(/^id,ref,status,outcome,due_at/);
      expect(viewer).toContain('••••••••678');
      expect(viewer).not.toContain('+61412345678');
      expect((await s.call('/staff/api/export/callbacks.csv?x=1', s.manager)).status).toBe(400);
    });
  });
});

describe('staff API: changing', () => {
  let s: StaffBot;
  beforeEach(async () => {
    s = await startStaffBot();
    await seed(s.stores);
  });
  afterEach(() => s.stop());

  const send = (method: string, path: string, body?: unknown, as = s.manager) => s.call(path, as, { method, body });

  it('when a manager reviews a conversation, then tags, note, rating and reviewed are stored', async () => {
    const res = await send('PATCH', '/staff/api/conversations/conv-anna', {
      tags: ['vip', 'vip', 'cake'],
      note: 'Good advice',
      rating: 5,
      reviewed: true,
    });
    expect(res.status).toBe(200);
    expect(await s.stores.conversations.get('conv-anna')).toMatchObject({
      tags: ['vip', 'cake'],
      note: 'Good advice',
      rating: 5,
      reviewed: true,
    });
    await send('PATCH', '/staff/api/conversations/conv-anna', { note: null, rating: null });
    const after = await s.stores.conversations.get('conv-anna');
    expect([after?.note, after?.rating]).toEqual([undefined, undefined]);
    const viaToken = await send('PATCH', '/staff/api/conversations/conv-ben', { reviewed: true }, s.managerToken);
    expect(viaToken.status).toBe(200);
  });

  it('when a review is invalid or the conversation missing, then it answers 400 or 404', async () => {
    for (const body of [{ rating: 6 }, {}, { reviewed: 'yes' }, { colour: 'red' }, { tags: ['x'.repeat(41)] }]) {
      expect((await send('PATCH', '/staff/api/conversations/conv-anna', body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await send('PATCH', '/staff/api/conversations/nope', { reviewed: true })).status).toBe(404);
  });

  it('when a callback is marked order placed, then it is done, its lead is won and the funnel counts the sale', async () => {
    const res = await send('PATCH', '/staff/api/callbacks/cb-anna', { outcome: 'order_placed', note: 'Ordered the large cake' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { callback: { status: string; outcome: string }; lead: { stage: string } };
    expect(body.callback).toMatchObject({ status: 'done', outcome: 'order_placed' });
    expect(body.lead.stage).toBe('won');
    expect((await s.stores.leads.get('lead:conv-anna'))?.stage).toBe('won');
    const funnel = (await (await s.call('/staff/api/funnel', s.manager)).json()) as {
      overall: { counts: Record<string, number>; conversion: number };
      bySource: { source: string; counts: Record<string, number> }[];
      byChannel: { channel: string; counts: Record<string, number> }[];
    };
    expect(funnel.overall.counts).toMatchObject({ reached: 1, won: 1, qualified: 1 });
    expect(funnel.overall.conversion).toBe(1);
    expect(funnel.bySource.find((x) => x.source === 'google')!.counts.won).toBe(1);
    expect(funnel.byChannel.find((x) => x.channel === 'webchat')!.counts.won).toBe(1);
    const open = (await (await s.call('/staff/api/callbacks', s.manager)).json()) as { items: { id: string }[] };
    expect(open.items.map((c) => c.id)).toEqual(['cb-later']);
  });

  it('when a callback change is invalid or the callback missing, then it answers 400 or 404', async () => {
    for (const body of [
      { status: 'cancelled', outcome: 'order_placed' },
      { outcome: 'bought' },
      {},
      { status: 'open', extra: 1 },
    ]) {
      expect((await send('PATCH', '/staff/api/callbacks/cb-anna', body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await send('PATCH', '/staff/api/callbacks/nope', { status: 'no_answer' })).status).toBe(404);
    const noAnswer = await send('PATCH', '/staff/api/callbacks/cb-later', { status: 'no_answer' });
    expect(((await noAnswer.json()) as { callback: { status: string } }).callback.status).toBe('no_answer');
  });

  it('when a manager erases a customer, then leads, callbacks, orders, conversations and transcripts go too', async () => {
    const res = await send('DELETE', '/staff/api/customers/cust-anna');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { erased: unknown }).erased).toEqual({
      customers: 1,
      conversations: 1,
      transcripts: 1,
      leads: 1,
      callbacks: 1,
      orders: 1,
    });
    expect(await s.stores.customers.get('cust-anna')).toBeUndefined();
    expect(await s.stores.leads.get('lead:conv-anna')).toBeUndefined();
    expect(await s.stores.callbacks.get('cb-anna')).toBeUndefined();
    expect(await s.stores.orders.get('ord-anna')).toBeUndefined();
    expect(await s.stores.transcripts.read('conv-anna')).toEqual([]);
    expect(await s.stores.customers.get('cust-ben')).toBeDefined();
    expect((await send('DELETE', '/staff/api/customers/cust-anna')).status).toBe(404);
  });

  it('when many conversations do not match a search, then a page comes back short with a cursor to go on', async () => {
    for (let i = 0; i < 130; i++) {
      await s.stores.conversations.put(
        conversation(`filler-${String(i).padStart(3, '0')}`, { lastActivityAt: new Date(Date.now() - 100 * i).toISOString() }),
      );
    }
    const first = (await (await s.call('/staff/api/conversations?q=marzipan', s.manager)).json()) as ConversationPage & {
      scanned: number;
    };
    expect(first.items).toEqual([]);
    expect(first.next).toBeDefined();
    const second = (await (
      await s.call(`/staff/api/conversations?q=marzipan&cursor=${first.next}`, s.manager)
    ).json()) as ConversationPage;
    expect(ids(second)).toEqual(['conv-cleo']);
  });
});

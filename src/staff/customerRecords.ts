/**
 * Customers as staff see them: a searchable list, everything held about one customer (for the
 * detail view and for a data-subject export), and erasure.
 *
 * "Everything held" means the customer record, the conversations linked to it, and the leads,
 * callbacks and order requests linked to the customer or to one of those conversations, with the
 * transcripts. Erasure deletes all of it. Bot state kept per channel user is not included (its
 * keys belong to Bot Framework); it holds the dialog position, not the contact details.
 */
import type { Callback, Conversation, Customer, Lead, OrderRequest, TranscriptEntry } from '../domain/model.js';
import type { Clock } from '../domain/clock.js';
import type { Stores } from '../domain/ports.js';
import type { ErasureReport, ErasureService } from '../domain/customers/erasureService.js';
import { maskCallback, maskCustomer, maskEntry, maskLead, maskOrder, maskText } from './mask.js';
import { scanPage } from './scanPage.js';
import type { CustomerListQuery } from './staffParams.js';

export interface CustomerFile {
  customer: Customer;
  conversations: Conversation[];
  leads: Lead[];
  callbacks: Callback[];
  orders: OrderRequest[];
}

export interface CustomerExport extends CustomerFile {
  transcripts: Record<string, TranscriptEntry[]>;
  exportedAt: string;
}

/** Unique by id, in first-seen order. */
const unique = <T extends { id: string }>(lists: T[][]): T[] => [...new Map(lists.flat().map((r) => [r.id, r])).values()];

function matchesCustomer(customer: Customer, q: string): boolean {
  const needle = q.toLowerCase();
  // Leading zeros (a national trunk prefix such as 0412…) are dropped: numbers are stored in E.164.
  const digits = q.replace(/\D/g, '').replace(/^0+/, '');
  return (
    [customer.id, customer.name ?? '', ...customer.emails].some((v) => v.toLowerCase().includes(needle)) ||
    (digits.length >= 3 && customer.phones.some((p) => p.replace(/\D/g, '').includes(digits)))
  );
}

export function createCustomerRecords(deps: { stores: Stores; clock: Clock; erasure: ErasureService }) {
  const { customers, conversations, leads, callbacks, orders, transcripts } = deps.stores;

  async function gather(id: string): Promise<CustomerFile | undefined> {
    const customer = await customers.get(id);
    if (!customer) return undefined;
    const convs = await conversations.findBy('customerId', id);
    const byConversation = <T>(find: (conversationId: string) => Promise<T[]>): Promise<T[][]> =>
      Promise.all(convs.map((c) => find(c.id)));
    const [l1, l2, c1, c2, o1, o2] = await Promise.all([
      leads.findBy('customerId', id).then((r) => [r]),
      byConversation((cid) => leads.findBy('conversationId', cid)),
      callbacks.findBy('customerId', id).then((r) => [r]),
      byConversation((cid) => callbacks.findBy('conversationId', cid)),
      orders.findBy('customerId', id).then((r) => [r]),
      byConversation((cid) => orders.findBy('conversationId', cid)),
    ]);
    return {
      customer,
      conversations: convs.sort((a, b) => (a.lastActivityAt < b.lastActivityAt ? 1 : -1)),
      leads: unique([...l1, ...l2]),
      callbacks: unique([...c1, ...c2]).sort((a, b) => (a.dueAt < b.dueAt ? 1 : -1)),
      orders: unique([...o1, ...o2]),
    };
  }

  /**
   * Every conversation the customer's records name — their conversation records, and those that
   * leads, callbacks and orders point to — so a transcript whose record was never written (a crash
   * before the record caught up) is still exported and erased.
   */
  const conversationIdsOf = (file: CustomerFile): string[] => [
    ...new Set([
      ...file.conversations.map((c) => c.id),
      ...[...file.leads, ...file.callbacks, ...file.orders].flatMap((r) => (r.conversationId ? [r.conversationId] : [])),
    ]),
  ];

  const maskFile = (file: CustomerFile): CustomerFile => ({
    customer: maskCustomer(file.customer),
    conversations: file.conversations.map((c) => ({ ...c, unanswered: c.unanswered.map(maskText) })),
    leads: file.leads.map(maskLead),
    callbacks: file.callbacks.map(maskCallback),
    orders: file.orders.map(maskOrder),
  });

  return {
    async list(query: CustomerListQuery, options: { masked: boolean }) {
      const page = await scanPage(
        customers,
        { orderBy: 'updatedAt', descending: true, cursor: query.cursor, limit: query.limit },
        query.q ? (c) => matchesCustomer(c, query.q!) : undefined,
      );
      return { ...page, items: options.masked ? page.items.map(maskCustomer) : page.items };
    },

    async get(id: string, options: { masked: boolean }): Promise<CustomerFile | undefined> {
      const file = await gather(id);
      return file && (options.masked ? maskFile(file) : file);
    },

    async export(id: string, options: { masked: boolean }): Promise<CustomerExport | undefined> {
      const file = await gather(id);
      if (!file) return undefined;
      const shown = options.masked ? maskFile(file) : file;
      const entries: Record<string, TranscriptEntry[]> = Object.create(null) as Record<string, TranscriptEntry[]>; // keyed by conversation ids from outside
      for (const conversationId of conversationIdsOf(file)) {
        const read = await transcripts.read(conversationId);
        if (read.length) entries[conversationId] = options.masked ? read.map(maskEntry) : read;
      }
      return { ...shown, transcripts: entries, exportedAt: deps.clock.now().toISOString() };
    },

    /** Deletes the customer and everything linked (the erasure service); undefined when there is no such customer. */
    async erase(id: string): Promise<ErasureReport | undefined> {
      if (!(await customers.get(id))) return undefined;
      return deps.erasure.erase({ customerId: id });
    },
  };
}

export type CustomerRecords = ReturnType<typeof createCustomerRecords>;

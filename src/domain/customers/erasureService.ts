/**
 * Erasure, one way for everyone: "forget me" in a conversation and a manager's erase on the staff
 * page both come here. A customer's erasure takes the customer record, their conversations (records
 * and transcripts), and the leads, callbacks and order requests linked to the customer or to one of
 * those conversations. Linked records go first and the customer last, so an interrupted erasure can
 * simply be run again; transcripts are deleted even when a conversation record is missing.
 */
import type { Stores } from '../ports.js';

export type ErasureStores = Pick<Stores, 'customers' | 'leads' | 'callbacks' | 'orders' | 'conversations' | 'transcripts'>;

export interface ErasureReport {
  customers: number;
  conversations: number;
  transcripts: number;
  leads: number;
  callbacks: number;
  orders: number;
}

export interface ErasureService {
  /** Erases the customer (when given) with everything linked, and the named conversations' records. */
  erase(target: { customerId?: string; conversationIds?: string[] }): Promise<ErasureReport>;
}

export function createErasureService(deps: { stores: ErasureStores }): ErasureService {
  const { stores } = deps;
  const linked = [
    ['leads', stores.leads],
    ['callbacks', stores.callbacks],
    ['orders', stores.orders],
  ] as const;

  return {
    async erase({ customerId, conversationIds = [] }) {
      const report: ErasureReport = { customers: 0, conversations: 0, transcripts: 0, leads: 0, callbacks: 0, orders: 0 };
      const conversations = new Set(conversationIds);
      const doomed = { leads: new Set<string>(), callbacks: new Set<string>(), orders: new Set<string>() };
      if (customerId) {
        for (const c of await stores.conversations.findBy('customerId', customerId)) conversations.add(c.id);
        for (const [key, store] of linked) {
          for (const record of await store.findByCustomer(customerId)) {
            doomed[key].add(record.id);
            if (record.conversationId) conversations.add(record.conversationId);
          }
        }
      }
      for (const conversationId of conversations) {
        for (const [key, store] of linked) {
          for (const record of await store.findByConversation(conversationId)) doomed[key].add(record.id);
        }
      }
      for (const [key, store] of linked) {
        for (const id of doomed[key]) if (await store.delete(id)) report[key]++;
      }
      for (const conversationId of conversations) {
        if (await stores.transcripts.delete(conversationId)) report.transcripts++;
        if (await stores.conversations.delete(conversationId)) report.conversations++;
      }
      if (customerId && (await stores.customers.delete(customerId))) report.customers++;
      return report;
    },
  };
}

/**
 * The domain's role ports over a backend's generic collections: the named look-ups
 * (`findByPhone`, `findOpenByRef`, …) each backend answers with its own `findBy` (an index in
 * PostgreSQL, the in-memory records in lowdb). Both backends wrap their collections here, so the
 * ports mean the same everywhere.
 */
import type { Callback, Customer, Lead, OrderRequest } from '../domain/model.js';
import type { CallbackStore, Collection, CustomerStore, LeadStore, LinkedRecords, OrderStore } from '../domain/ports.js';

type Linked = { id: string; customerId?: string; conversationId?: string };

/** The collection's own methods, bound, so a role port adds look-ups without touching the adapter. */
function delegate<T extends { id: string }>(c: Collection<T>): Collection<T> {
  const refresh = c.refresh?.bind(c);
  return {
    get: (id) => c.get(id),
    findBy: (field, value) => c.findBy(field, value),
    put: (record) => c.put(record),
    update: (id, change) => c.update(id, change),
    delete: (id) => c.delete(id),
    query: (query) => c.query(query),
    count: (where) => c.count(where),
    ...(refresh ? { refresh } : {}),
  };
}

function linked<T extends Linked>(c: Collection<T>): Collection<T> & LinkedRecords<T> {
  return Object.assign(delegate(c), {
    findByCustomer: (customerId: string) => c.findBy('customerId' as keyof T & string, customerId),
    findByConversation: (conversationId: string) => c.findBy('conversationId' as keyof T & string, conversationId),
  });
}

export function customerStore(c: Collection<Customer>): CustomerStore {
  return Object.assign(delegate(c), {
    findByPhone: (phone: string) => c.findBy('phones', phone),
    findByEmail: (email: string) => c.findBy('emails', email.toLowerCase()),
    findByAccount: (key: string) => c.findBy('channelAccounts', key),
  });
}

export function callbackStore(c: Collection<Callback>): CallbackStore {
  return Object.assign(linked(c), {
    findByRef: (ref: string) => c.findBy('ref', ref),
    findOpenByRef: async (ref: string) => (await c.findBy('ref', ref)).find((cb) => cb.status === 'open'),
  });
}

export const leadStore = (c: Collection<Lead>): LeadStore => linked(c);
export const orderStore = (c: Collection<OrderRequest>): OrderStore => linked(c);

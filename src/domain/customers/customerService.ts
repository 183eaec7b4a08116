/**
 * Customers, entered only with their consent. A customer is found by phone, e-mail or channel
 * account and merged when one person turns out to be two records; "forget me" erases them with
 * everything linked to them.
 */
import type { Clock, IdSource } from '../clock.js';
import { accountKey, type ChannelAccount, type Consent, type Customer } from '../model.js';
import type { Stores } from '../ports.js';

export type CustomerStores = Pick<Stores, 'customers' | 'leads' | 'callbacks' | 'orders' | 'conversations' | 'transcripts'>;

export interface ContactDetails {
  name?: string;
  /** E.164. */
  phone?: string;
  email?: string;
  account: ChannelAccount;
  consent: Consent;
}

export interface ErasureReport {
  customers: number;
  leads: number;
  callbacks: number;
  orders: number;
  conversations: number;
}

export interface CustomerService {
  /** The consented customer behind this channel account, if any (a returning user). */
  recognize(account: ChannelAccount): Promise<Customer | undefined>;
  /** Finds or creates the customer these details belong to, merging duplicates; stores the consent. */
  enter(details: ContactDetails): Promise<Customer>;
  /** Erases the customer and everything linked to them, plus the given conversations' records. */
  forget(customerId: string | undefined, conversationIds?: string[]): Promise<ErasureReport>;
}

export function createCustomerService(deps: { stores: CustomerStores; clock: Clock; newId: IdSource }): CustomerService {
  const { stores, clock } = deps;

  async function candidates(details: ContactDetails): Promise<Customer[]> {
    const found = new Map<string, Customer>();
    const add = (list: Customer[]): void => list.forEach((c) => found.set(c.id, c));
    if (details.phone) add(await stores.customers.findBy('phones', details.phone));
    if (details.email) add(await stores.customers.findBy('emails', details.email.toLowerCase()));
    const byAccount = await findByAccount(details.account);
    if (byAccount) add([byAccount]);
    return [...found.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async function findByAccount(account: ChannelAccount): Promise<Customer | undefined> {
    const list = await stores.customers.findBy('channelAccounts', accountKey(account));
    return list[0];
  }

  /** Moves everything linked to `from` onto `to`. */
  async function relink(from: string, to: string): Promise<void> {
    for (const collection of [stores.leads, stores.callbacks, stores.orders, stores.conversations] as const) {
      const linked = await (collection as typeof stores.leads).findBy('customerId', from);
      for (const record of linked) {
        await (collection as typeof stores.leads).update(record.id, (r) => (r ? { ...r, customerId: to } : undefined));
      }
    }
  }

  return {
    recognize: findByAccount,

    async enter(details) {
      const now = clock.now().toISOString();
      const [primary, ...duplicates] = await candidates(details);
      const id = primary?.id ?? deps.newId();
      const merged = await stores.customers.update(id, (current) => {
        const base: Customer = current ?? {
          id,
          phones: [],
          emails: [],
          channelAccounts: [],
          createdAt: now,
          updatedAt: now,
        };
        const all = [base, ...duplicates];
        return {
          ...base,
          name: details.name ?? base.name ?? duplicates.find((d) => d.name)?.name,
          phones: unique([...(details.phone ? [details.phone] : []), ...all.flatMap((c) => c.phones)]),
          emails: unique([...(details.email ? [details.email.toLowerCase()] : []), ...all.flatMap((c) => c.emails)]),
          channelAccounts: unique([accountKey(details.account), ...all.flatMap((c) => c.channelAccounts)]),
          consent: details.consent,
          updatedAt: now,
        };
      });
      for (const duplicate of duplicates) {
        await relink(duplicate.id, id);
        await stores.customers.delete(duplicate.id);
      }
      return merged!;
    },

    async forget(customerId, conversationIds = []) {
      const report: ErasureReport = { customers: 0, leads: 0, callbacks: 0, orders: 0, conversations: 0 };
      const conversations = new Set(conversationIds);
      if (customerId) {
        for (const c of await stores.conversations.findBy('customerId', customerId)) conversations.add(c.id);
        for (const [key, collection] of [
          ['leads', stores.leads],
          ['callbacks', stores.callbacks],
          ['orders', stores.orders],
        ] as const) {
          for (const record of await (collection as typeof stores.leads).findBy('customerId', customerId)) {
            if (record.conversationId) conversations.add(record.conversationId);
            if (await collection.delete(record.id)) report[key]++;
          }
        }
        if (await stores.customers.delete(customerId)) report.customers++;
      }
      for (const conversationId of conversations) {
        for (const [key, collection] of [
          ['leads', stores.leads],
          ['callbacks', stores.callbacks],
          ['orders', stores.orders],
        ] as const) {
          for (const record of await (collection as typeof stores.leads).findBy('conversationId', conversationId)) {
            if (await collection.delete(record.id)) report[key]++;
          }
        }
        await stores.transcripts.delete(conversationId);
        if (await stores.conversations.delete(conversationId)) report.conversations++;
      }
      return report;
    },
  };
}

const unique = <T>(list: T[]): T[] => [...new Set(list)];

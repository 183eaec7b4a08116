/**
 * Customers, entered only with their consent. A customer is found by phone, e-mail or channel
 * account and merged when one person turns out to be two records; "forget me" erases them with
 * everything linked to them.
 */
import type { Clock, IdSource } from '../clock.js';
import { accountKey, type ChannelAccount, type Consent, type Customer } from '../model.js';
import type { Stores } from '../ports.js';
import type { ErasureReport, ErasureService } from './erasureService.js';

export type CustomerStores = Pick<Stores, 'customers' | 'leads' | 'callbacks' | 'orders' | 'conversations'>;

interface ContactDetails {
  name?: string;
  /** E.164. */
  phone?: string;
  email?: string;
  account: ChannelAccount;
  consent: Consent;
}

export interface CustomerService {
  /** The consented customer behind this channel account, if any (a returning user). */
  recognize(account: ChannelAccount): Promise<Customer | undefined>;
  /** Finds or creates the customer these details belong to, merging duplicates; stores the consent. */
  enter(details: ContactDetails): Promise<Customer>;
  /** Erases the customer and everything linked to them, plus the given conversations' records. */
  forget(customerId: string | undefined, conversationIds?: string[]): Promise<ErasureReport>;
}

export function createCustomerService(deps: {
  stores: CustomerStores;
  erasure: ErasureService;
  clock: Clock;
  newId: IdSource;
}): CustomerService {
  const { stores, clock } = deps;

  async function candidates(details: ContactDetails): Promise<Customer[]> {
    const found = new Map<string, Customer>();
    const add = (list: Customer[]): void => list.forEach((c) => found.set(c.id, c));
    if (details.phone) add(await stores.customers.findByPhone(details.phone));
    if (details.email) add(await stores.customers.findByEmail(details.email));
    const byAccount = await findByAccount(details.account);
    if (byAccount) add([byAccount]);
    return [...found.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async function findByAccount(account: ChannelAccount): Promise<Customer | undefined> {
    return (await stores.customers.findByAccount(accountKey(account)))[0];
  }

  /** Moves everything linked to `from` onto `to`. */
  async function relink(from: string, to: string): Promise<void> {
    const move = <T extends { customerId?: string }>(r: T | undefined): T | undefined =>
      r ? { ...r, customerId: to } : undefined;
    for (const r of await stores.leads.findByCustomer(from)) await stores.leads.update(r.id, move);
    for (const r of await stores.callbacks.findByCustomer(from)) await stores.callbacks.update(r.id, move);
    for (const r of await stores.orders.findByCustomer(from)) await stores.orders.update(r.id, move);
    for (const r of await stores.conversations.findBy('customerId', from)) await stores.conversations.update(r.id, move);
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

    forget: (customerId, conversationIds = []) => deps.erasure.erase({ customerId, conversationIds }),
  };
}

const unique = <T>(list: T[]): T[] => [...new Set(list)];

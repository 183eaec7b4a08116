/**
 * Order requests: what the customer wants, for when, delivered or picked up. A request is checked
 * against the business's rules (notice per product, delivery areas) before it is stored; a manager
 * then calls back to confirm it and take payment.
 */
import { DateTime } from 'luxon';
import type { Business } from '../business.js';
import type { Clock, IdSource } from '../clock.js';
import type { OrderRequest } from '../model.js';
import type { Collection, CustomerStore } from '../ports.js';
import { newReference, normalizeReference } from '../schedule/references.js';
import { idempotent } from '../idempotency.js';
import { createAttemptLimiter, type AttemptLimiter } from '../attemptLimiter.js';
import { REFERENCE_ATTEMPTS } from '../callbacks/callbackService.js';
import { createOwnershipCheck, type ByReference, type Caller, type LookupOptions } from '../callbacks/ownership.js';

export interface OrderDraft {
  items: { product: string; size?: string; options?: string[]; quantity: number }[];
  /** YYYY-MM-DD in the business time zone. */
  neededOn: string;
  fulfilment: 'delivery' | 'pickup';
  address?: string;
}

type OrderProblem =
  | { kind: 'unknown_product'; product: string }
  | { kind: 'too_soon'; product: string; leadTimeHours: number; earliest: string }
  | { kind: 'past'; neededOn: string }
  | { kind: 'area_not_served'; address: string; note?: string };

export interface OrderService {
  /** Problems with the draft; an empty list means it can be requested. */
  check(draft: OrderDraft): OrderProblem[];
  /** The delivery zone serving an address, when the business delivers there. */
  zoneOf(address: string): string | undefined;
  /** The product's options (e.g. flavours) the text names, by the names the business uses. */
  optionsIn(product: string, text: string): string[];
  /** Order requests not cancelled, of a customer or made in a conversation, soonest needed first. */
  openFor(who: { customerId?: string; conversationId?: string }): Promise<OrderRequest[]>;
  request(
    draft: OrderDraft,
    links: { customerId?: string; leadId?: string; conversationId?: string; callbackId?: string },
    /** The occasion (conversation, form, commit count): the same draft on it is requested once. */
    idempotencyKey?: string,
  ): Promise<OrderRequest>;
  /**
   * The caller's order request with this reference: made in this conversation, from an account of
   * its customer, or proven with a phone number of its customer. One refusal for every other case.
   */
  findByReference(ref: string, caller: Caller, options?: LookupOptions): Promise<ByReference<OrderRequest>>;
}

export function createOrderService(deps: {
  orders: Collection<OrderRequest>;
  customers: Pick<CustomerStore, 'get'>;
  business: Business;
  clock: Clock;
  newId: IdSource;
  /** Failed look-ups by reference; default REFERENCE_ATTEMPTS, per process. */
  attempts?: AttemptLimiter;
}): OrderService {
  const { business, clock } = deps;
  const ownership = createOwnershipCheck({
    customers: deps.customers,
    attempts: deps.attempts ?? createAttemptLimiter(REFERENCE_ATTEMPTS),
    now: () => clock.now(),
  });
  const productByName = new Map<string, Business['products'][number]>();
  for (const p of business.products) for (const n of [p.name, ...p.aliases]) productByName.set(n.toLowerCase(), p);

  const zoneOf = (address: string): string | undefined => {
    const text = address.toLowerCase();
    return business.delivery.zones.find((z) => z.areas.some((a) => new RegExp(`\\b${escape(a.toLowerCase())}\\b`).test(text)))
      ?.name;
  };

  const optionsIn = (product: string, text: string): string[] => {
    const lower = text.toLowerCase();
    const options = productByName.get(product.toLowerCase())?.options ?? [];
    return options
      .filter((o) => [o.name, ...o.words].some((w) => new RegExp(`\\b${escape(w.toLowerCase())}\\b`).test(lower)))
      .map((o) => o.name);
  };

  return {
    zoneOf,
    optionsIn,
    check(draft) {
      const problems: OrderProblem[] = [];
      const now = DateTime.fromJSDate(clock.now(), { zone: business.timeZone });
      const needed = DateTime.fromISO(draft.neededOn, { zone: business.timeZone });
      if (needed < now.startOf('day')) problems.push({ kind: 'past', neededOn: draft.neededOn });
      for (const item of draft.items) {
        const product = productByName.get(item.product.toLowerCase());
        if (!product) {
          problems.push({ kind: 'unknown_product', product: item.product });
          continue;
        }
        const lead = product.leadTimeHours ?? business.orderLeadHours;
        // Notice is counted to the end of the day the order is wanted, the latest it could be ready.
        const earliest = now.plus({ hours: lead });
        if (needed.endOf('day') < earliest && needed >= now.startOf('day')) {
          problems.push({ kind: 'too_soon', product: product.name, leadTimeHours: lead, earliest: earliest.toISODate()! });
        }
      }
      if (draft.fulfilment === 'delivery' && draft.address && !zoneOf(draft.address)) {
        problems.push({ kind: 'area_not_served', address: draft.address, note: business.delivery.unknownAreaNote });
      }
      return problems;
    },
    async openFor(who) {
      const found = [
        ...(who.customerId ? await deps.orders.findBy('customerId', who.customerId) : []),
        ...(who.conversationId ? await deps.orders.findBy('conversationId', who.conversationId) : []),
      ];
      const open = new Map(found.filter((o) => o.status !== 'cancelled').map((o) => [o.id, o]));
      return [...open.values()].sort((a, b) => a.neededOn.localeCompare(b.neededOn));
    },
    async request(draft, links, idempotencyKey) {
      const now = clock.now().toISOString();
      const once = idempotencyKey ? idempotent(idempotencyKey, draft) : undefined;
      const order: OrderRequest = {
        id: once?.id ?? deps.newId(),
        ref: newReference(),
        ...links,
        items: draft.items,
        neededOn: draft.neededOn,
        fulfilment: draft.fulfilment,
        address: draft.address,
        status: 'requested',
        ...(once ? { idempotencyKey: once.key } : {}),
        createdAt: now,
        updatedAt: now,
      };
      if (!once) {
        await deps.orders.put(order);
        return order;
      }
      // Insert-once: a request already made on this key is the answer (same reference).
      return (await deps.orders.update(order.id, (current) => (current ? undefined : order)))!;
    },
    async findByReference(ref, caller, options) {
      const candidates = await deps.orders.findBy('ref', normalizeReference(ref));
      const phonesOf = async (o: OrderRequest): Promise<string[]> =>
        o.customerId ? ((await deps.customers.get(o.customerId))?.phones ?? []) : [];
      return ownership.pick(caller, candidates, phonesOf, options);
    },
  };
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

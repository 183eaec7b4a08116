/**
 * Part of the composition root: the domain's services over one backend's stores, built once for
 * the bot and the staff side (src/container.ts) and for the staff CLI's demo data. Kept apart from
 * the bot's wiring so the CLI starts without loading the Bot Framework.
 */
import type { Business } from './domain/business.js';
import { createCallbackService, REFERENCE_ATTEMPTS } from './domain/callbacks/callbackService.js';
import type { Clock } from './domain/clock.js';
import { createCustomerService } from './domain/customers/customerService.js';
import { createErasureService } from './domain/customers/erasureService.js';
import { createLeadService } from './domain/leads/leadService.js';
import { createOrderService } from './domain/orders/orderService.js';
import type { Stores } from './domain/ports.js';
import { createAttemptLimiter } from './domain/attemptLimiter.js';
import type { AttemptLog } from './domain/sharedState.js';

/**
 * The domain's services over one backend's stores. `attemptLog` is where failed look-ups by
 * reference are counted: shared by every instance (src/domain/sharedState.ts), this process's
 * memory when unset.
 */
export function createDomainServices(
  business: Business,
  stores: Stores,
  clock: Clock,
  newId: () => string,
  attemptLog?: AttemptLog,
) {
  const erasure = createErasureService({ stores });
  // One count of failed look-ups by reference, for callbacks and orders alike.
  const attempts = createAttemptLimiter({ ...REFERENCE_ATTEMPTS, scope: 'reference' }, attemptLog);
  return {
    erasure,
    customers: createCustomerService({ stores, erasure, clock, newId }),
    leads: createLeadService({ leads: stores.leads, clock }),
    callbacks: createCallbackService({
      callbacks: stores.callbacks,
      leads: stores.leads,
      customers: stores.customers,
      business,
      clock,
      newId,
      attempts,
    }),
    orders: createOrderService({ orders: stores.orders, customers: stores.customers, business, clock, newId, attempts }),
  };
}
export type DomainServices = ReturnType<typeof createDomainServices>;

/**
 * Part of the composition root: the staff side's services, built here for the bot (src/container.ts)
 * and for the staff CLI alike, so both honour every STAFF_* setting. Kept apart from the bot's
 * wiring so the CLI starts without loading the Bot Framework.
 */
import type { Config } from './config.js';
import type { Clock } from './domain/clock.js';
import type { Stores } from './domain/ports.js';
import { createCallbackQueue } from './staff/callbackQueue.js';
import { createConversationReview } from './staff/conversationReview.js';
import { createCustomerRecords } from './staff/customerRecords.js';
import { createFunnelReport } from './staff/funnelReport.js';
import { createLoginThrottle } from './staff/loginThrottle.js';
import { createStaffAccounts } from './staff/staffAccounts.js';
import { createStaffExports } from './staff/staffExports.js';

/** The staff side's services: accounts (with every STAFF_* setting) and the views of the records. */
export function createStaffServices(
  config: Pick<Config, 'STAFF_SESSION_HOURS' | 'STAFF_LOCKOUT_ATTEMPTS' | 'STAFF_LOCKOUT_MINUTES'>,
  stores: Stores,
  clock: Clock,
) {
  const deps = { stores, clock };
  return {
    accounts: createStaffAccounts({
      users: stores.staffUsers,
      tokens: stores.staffTokens,
      sessions: stores.staffSessions,
      clock,
      throttle: createLoginThrottle({ attempts: config.STAFF_LOCKOUT_ATTEMPTS, minutes: config.STAFF_LOCKOUT_MINUTES }),
      sessionHours: config.STAFF_SESSION_HOURS,
    }),
    conversations: createConversationReview(deps),
    customers: createCustomerRecords(deps),
    callbacks: createCallbackQueue(deps),
    funnel: createFunnelReport(deps),
    exports: createStaffExports({ stores }),
  };
}
export type StaffServices = ReturnType<typeof createStaffServices>;

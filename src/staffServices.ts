/**
 * Part of the composition root: the staff side's services, built here for the bot (src/container.ts)
 * and for the staff CLI alike, so both honour every STAFF_* setting. Kept apart from the bot's
 * wiring so the CLI starts without loading the Bot Framework.
 */
import type { Config } from './config.js';
import type { Clock } from './domain/clock.js';
import type { Stores } from './domain/ports.js';
import type { AttemptLog } from './domain/sharedState.js';
import type { Business } from './domain/business.js';
import type { Embedder } from './domain/knowledge/embedder.js';
import { analyze } from './knowledge/analyzer.js';
import { createDailyRollup } from './staff/dailyRollup.js';
import { createForecastReport } from './staff/forecastReport.js';
import { createObjectionsReport } from './staff/objectionsReport.js';
import { createSalesPlans } from './staff/salesPlans.js';
import { createStaffHome } from './staff/staffHome.js';
import type { CallbackService } from './domain/callbacks/callbackService.js';
import type { ErasureService } from './domain/customers/erasureService.js';
import { createCallbackQueue } from './staff/callbackQueue.js';
import { createConversationReview } from './staff/conversationReview.js';
import { createCustomerRecords } from './staff/customerRecords.js';
import { createFunnelReport } from './staff/funnelReport.js';
import { createLoginThrottle } from './staff/loginThrottle.js';
import { createStaffAccounts } from './staff/staffAccounts.js';
import { createStaffExports } from './staff/staffExports.js';
import { createSignInLimit } from './staff/signInLimit.js';

type StaffConfig = Pick<Config, 'STAFF_SESSION_HOURS' | 'STAFF_LOCKOUT_ATTEMPTS' | 'STAFF_LOCKOUT_MINUTES'>;
type SalesConfig = StaffConfig & Pick<Config, 'STAFF_CALLBACK_GRACE_MINUTES' | 'STAFF_SIGNIN_PER_MINUTE'>;

/**
 * Staff accounts with every STAFF_* setting: the bot's sign-in and the staff CLI use this. Lock-outs
 * are counted in `attemptLog` (shared by every instance), this process's memory when unset.
 */
export function createStaffAccountsFor(config: StaffConfig, stores: Stores, clock: Clock, attemptLog?: AttemptLog) {
  return createStaffAccounts({
    users: stores.staffUsers,
    tokens: stores.staffTokens,
    sessions: stores.staffSessions,
    clock,
    throttle: createLoginThrottle({ attempts: config.STAFF_LOCKOUT_ATTEMPTS, minutes: config.STAFF_LOCKOUT_MINUTES }, attemptLog),
    sessionHours: config.STAFF_SESSION_HOURS,
  });
}

/** The staff side's services: accounts and the views of the records, over the domain's services. */
export function createStaffServices(
  config: SalesConfig,
  stores: Stores,
  clock: Clock,
  domain: { callbacks: CallbackService; erasure: ErasureService },
  business: Business,
  attemptLog?: AttemptLog,
  /** The sentence model once ready (the knowledge-gaps report groups questions by meaning with it). */
  sentenceModel?: { current: () => Embedder | undefined; onError: (err: unknown) => void },
) {
  const deps = { stores, clock };
  const rollup = createDailyRollup({ stores, business, clock });
  const forecast = createForecastReport({ stores, rollup, business, clock });
  return {
    accounts: createStaffAccountsFor(config, stores, clock, attemptLog),
    signIns: createSignInLimit(config.STAFF_SIGNIN_PER_MINUTE, clock, attemptLog),
    conversations: createConversationReview(deps),
    customers: createCustomerRecords({ ...deps, erasure: domain.erasure }),
    callbacks: createCallbackQueue({ ...deps, callbacks: domain.callbacks }),
    funnel: createFunnelReport({
      ...deps,
      terms: analyze,
      sentenceModel: sentenceModel?.current,
      onEmbedderError: sentenceModel?.onError,
    }),
    exports: createStaffExports({ stores }),
    /** How the page writes dates: the business's locale and time zone. */
    business: { locale: business.locale, timeZone: business.timeZone },
    forecast,
    plans: createSalesPlans(deps),
    objections: createObjectionsReport({ stores, rollup }),
    home: createStaffHome({ stores, forecast, clock, callbackGraceMinutes: config.STAFF_CALLBACK_GRACE_MINUTES }),
  };
}
export type StaffServices = ReturnType<typeof createStaffServices>;

/** What the dialogs may call: domain services only, behind their interfaces. */
import type { Business } from '../src/domain/business.js';
import type { CallbackService } from '../src/domain/callbacks/callbackService.js';
import type { Clock } from '../src/domain/clock.js';
import type { ConversationLog } from '../src/domain/conversations/conversationLog.js';
import type { CustomerService } from '../src/domain/customers/customerService.js';
import type { KnowledgeIndex } from '../src/domain/knowledge/passage.js';
import type { LeadService } from '../src/domain/leads/leadService.js';
import type { OrderService } from '../src/domain/orders/orderService.js';
import type { Sessions } from './session.js';
import type { Stores } from '../src/domain/ports.js';
import { createCustomerService } from '../src/domain/customers/customerService.js';
import { createLeadService } from '../src/domain/leads/leadService.js';
import { createCallbackService } from '../src/domain/callbacks/callbackService.js';
import { createOrderService } from '../src/domain/orders/orderService.js';
import { createAttemptLimiter } from '../src/domain/attemptLimiter.js';
import { REFERENCE_ATTEMPTS } from '../src/domain/callbacks/callbackService.js';
import { createOfflineAnswerComposer, type AnswerComposer } from '../src/domain/knowledge/answerComposer.js';
import { createOfflineLamaWriter, type LamaWriter } from '../src/domain/consulting/lamaWriter.js';

export interface DialogServices {
  business: Business;
  knowledge: KnowledgeIndex;
  minConfidence: number;
  conversationLog: ConversationLog;
  customers: CustomerService;
  leads: LeadService;
  callbacks: CallbackService;
  orders: OrderService;
  clock: Clock;
  sessions: Sessions;
  /** Words answers from the knowledge (offline: the extractive answer as it is). */
  answerComposer: AnswerComposer;
  /** Words the Acknowledge and Ask parts of advice turns (offline: the fixed copy). */
  lamaWriter: LamaWriter;
}

export interface ServiceWiring {
  business: Business;
  knowledge: KnowledgeIndex;
  minConfidence: number;
  stores: Stores;
  conversationLog: ConversationLog;
  sessions: Sessions;
  clock: Clock;
  newId: () => string;
  /** Language-model adapters; unset: the offline ones. */
  answerComposer?: AnswerComposer;
  lamaWriter?: LamaWriter;
}

/** Builds the domain services the dialogs use from one backend's stores. */
export function createDialogServices(w: ServiceWiring): DialogServices {
  const { business, stores, clock, newId } = w;
  // One count of failed look-ups by reference, for callbacks and orders alike.
  const attempts = createAttemptLimiter(REFERENCE_ATTEMPTS);
  return {
    business,
    knowledge: w.knowledge,
    minConfidence: w.minConfidence,
    conversationLog: w.conversationLog,
    customers: createCustomerService({ stores, clock, newId }),
    leads: createLeadService({ leads: stores.leads, clock }),
    callbacks: createCallbackService({
      callbacks: stores.callbacks,
      customers: stores.customers,
      business,
      clock,
      newId,
      attempts,
    }),
    orders: createOrderService({ orders: stores.orders, customers: stores.customers, business, clock, newId, attempts }),
    clock,
    sessions: w.sessions,
    answerComposer: w.answerComposer ?? createOfflineAnswerComposer(),
    lamaWriter: w.lamaWriter ?? createOfflineLamaWriter(),
  };
}

/** What the dialogs may call: domain services only, behind their interfaces. */
import type { Business } from '../src/domain/business.js';
import type { CallbackService } from '../src/domain/callbacks/callbackService.js';
import type { Clock } from '../src/domain/clock.js';
import type { ConversationLog } from '../src/domain/conversations/conversationLog.js';
import type { CustomerService } from '../src/domain/customers/customerService.js';
import type { KnowledgeIndex, KnowledgeRetriever } from '../src/domain/knowledge/passage.js';
import type { LeadService } from '../src/domain/leads/leadService.js';
import type { OrderService } from '../src/domain/orders/orderService.js';
import type { Sessions } from './session.js';
import type { Stores } from '../src/domain/ports.js';
import { createCustomerService } from '../src/domain/customers/customerService.js';
import { createLeadService } from '../src/domain/leads/leadService.js';
import { createCallbackService } from '../src/domain/callbacks/callbackService.js';
import { createOrderService } from '../src/domain/orders/orderService.js';
import { createOfflineAnswerComposer, type AnswerComposer } from '../src/domain/knowledge/answerComposer.js';
import { createOfflineLamaWriter, type LamaWriter } from '../src/domain/consulting/lamaWriter.js';

export interface DialogServices {
  business: Business;
  knowledge: KnowledgeIndex;
  /** Answers customers' questions (hybrid retrieval and the refusal model). */
  retriever: KnowledgeRetriever;
  /** Threshold on the retriever's confidence (ANSWER_MIN_CONFIDENCE). */
  answerMinConfidence: number;
  /** Threshold on the lexical index's own confidence (advice statements). */
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
  retriever: KnowledgeRetriever;
  answerMinConfidence: number;
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
  return {
    business,
    knowledge: w.knowledge,
    retriever: w.retriever,
    answerMinConfidence: w.answerMinConfidence,
    minConfidence: w.minConfidence,
    conversationLog: w.conversationLog,
    customers: createCustomerService({ stores, clock, newId }),
    leads: createLeadService({ leads: stores.leads, clock }),
    callbacks: createCallbackService({ callbacks: stores.callbacks, business, clock, newId }),
    orders: createOrderService({ orders: stores.orders, business, clock, newId }),
    clock,
    sessions: w.sessions,
    answerComposer: w.answerComposer ?? createOfflineAnswerComposer(),
    lamaWriter: w.lamaWriter ?? createOfflineLamaWriter(),
  };
}

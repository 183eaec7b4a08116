/** What the dialogs may call: domain services only, behind their interfaces (built in src/container.ts). */
import type { Business } from '../src/domain/business.js';
import type { CallbackService } from '../src/domain/callbacks/callbackService.js';
import type { Clock } from '../src/domain/clock.js';
import type { ConversationLog } from '../src/domain/conversations/conversationLog.js';
import type { CustomerService } from '../src/domain/customers/customerService.js';
import type { KnowledgeIndex, KnowledgeRetriever } from '../src/domain/knowledge/passage.js';
import type { LeadService } from '../src/domain/leads/leadService.js';
import type { OrderService } from '../src/domain/orders/orderService.js';
import type { AnswerComposer } from '../src/domain/knowledge/answerComposer.js';
import type { LamaWriter } from '../src/domain/consulting/lamaWriter.js';
import type { Sessions } from './session.js';

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

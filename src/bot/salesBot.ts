/**
 * The bot: greets new visitors, recognises each message once, runs the main dialog and saves state.
 * Everything the bot says comes from the dialogs; this class only wires the turn.
 */
import { ActivityHandler, type ConversationState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import type { Business } from '../domain/business.js';
import type { Clock } from '../domain/clock.js';
import type { CustomerService } from '../domain/customers/customerService.js';
import type { Recognizer } from '../domain/understanding/types.js';
import { greet } from '../../dialogs/greeting.js';
import { MAIN_DIALOG, type MainDialog } from '../../dialogs/mainDialog.js';
import { setUnderstanding } from '../../dialogs/turnUnderstanding.js';
import { MAX_TEXT_LENGTH } from './turnLimits.js';
import { dtmfDigitsOf } from '../channels/telephony/dtmf.js';
import { createTurnRecognizer, type TurnRecognizer } from './turnRecognizer.js';

import { withModelBudget } from '../llm/modelBudget.js';

export interface SalesBotDeps {
  conversationState: ConversationState;
  mainDialog: MainDialog;
  recognizer: Recognizer;
  business: Business;
  clock: Clock;
  customers: CustomerService;
  /** One budget for all of a turn's model calls (OPENAI_TIMEOUT_MS); unset: each call has its own deadline. */
  modelBudgetMs?: number;
}

export class SalesBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly dialogs: DialogSet;
  private readonly recognize: TurnRecognizer;

  constructor(private readonly deps: SalesBotDeps) {
    super();
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');
    this.dialogs = new DialogSet(this.dialogState).add(deps.mainDialog);
    this.recognize = createTurnRecognizer(deps.recognizer, deps.business, deps.clock);

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const joined = (context.activity.membersAdded ?? []).filter((m) => m.id !== botId);
      if (joined[0]) await greet(context, deps.customers, deps.business, joined[0].id);
      await next();
    });

    this.onMessage(async (context, next) => {
      const text = (context.activity.text ?? '').trim();
      if (text && text.length <= MAX_TEXT_LENGTH) {
        const understanding = await this.recognize(text);
        const keys = dtmfDigitsOf(context.activity);
        if (keys) understanding.entities.dtmf = keys;
        setUnderstanding(context, understanding);
      }
      await this.runDialog(context);
      await next();
    });

    this.onEvent(async (context, next) => {
      if (context.activity.name === 'handoff.status') await this.runDialog(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    const turn = (): Promise<void> => super.run(context);
    await (this.deps.modelBudgetMs ? withModelBudget(this.deps.modelBudgetMs, turn) : turn());
    await this.deps.conversationState.saveChanges(context, false);
  }

  private async runDialog(context: TurnContext): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(MAIN_DIALOG);
  }
}

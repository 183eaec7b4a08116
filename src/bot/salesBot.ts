/**
 * The bot: greets new visitors, recognises each message once, runs the main dialog and saves state.
 * Everything the bot says comes from the dialogs; this class only wires the turn.
 */
import {
  ActivityHandler,
  type ConversationState,
  type StatePropertyAccessor,
  type TurnContext,
  type UserState,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import type { Business } from '../domain/business.js';
import type { Recognizer, RecognizerContext } from '../domain/understanding/types.js';
import { copy } from '../../dialogs/copy.js';
import { MAIN_DIALOG, type MainDialog } from '../../dialogs/mainDialog.js';
import { setUnderstanding } from '../../dialogs/turnUnderstanding.js';
import { MAX_TEXT_LENGTH } from './turnLimits.js';

export interface SalesBotDeps {
  conversationState: ConversationState;
  userState: UserState;
  mainDialog: MainDialog;
  recognizer: Recognizer;
  business: Business;
  now?: () => Date;
}

export class SalesBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly dialogs: DialogSet;

  constructor(private readonly deps: SalesBotDeps) {
    super();
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');
    this.dialogs = new DialogSet(this.dialogState).add(deps.mainDialog);

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const joined = (context.activity.membersAdded ?? []).some((m) => m.id !== botId);
      if (joined) await context.sendActivity(copy.greeting(deps.business));
      await next();
    });

    this.onMessage(async (context, next) => {
      const text = (context.activity.text ?? '').trim();
      if (text && text.length <= MAX_TEXT_LENGTH) {
        setUnderstanding(context, await deps.recognizer.recognize(text, this.recognizerContext()));
      }
      await this.runDialog(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.deps.conversationState.saveChanges(context, false);
    await this.deps.userState.saveChanges(context, false);
  }

  private async runDialog(context: TurnContext): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(MAIN_DIALOG);
  }

  private recognizerContext(): RecognizerContext {
    const { business, now } = this.deps;
    return {
      timeZone: business.timeZone,
      defaultPhoneRegion: business.defaultPhoneRegion,
      products: business.products.flatMap((p) => [p.name, ...p.aliases]),
      now: now?.() ?? new Date(),
      locale: business.locale,
    };
  }
}

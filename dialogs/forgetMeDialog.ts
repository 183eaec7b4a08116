/**
 * "Forget me": after a confirmation, erases the customer's record, leads, callbacks, order requests
 * and transcripts (this conversation's and every linked one), and says so.
 */
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { yesNo } from './choices.js';
import { copy } from './copy.js';
import type { DialogServices } from './services.js';
import { getUnderstanding, turnInputOf } from './turnInput.js';

export const FORGET_ME_DIALOG = 'forgetMe';

/** Called after erasure so the bot can drop the conversation's state too. */
export type OnForgotten = (context: DialogContext['context']) => Promise<void>;

export class ForgetMeDialog extends Dialog {
  constructor(
    private readonly services: DialogServices,
    private readonly onForgotten: OnForgotten,
  ) {
    super(FORGET_ME_DIALOG);
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    dc.activeDialog!.state = { attempts: 0 };
    await dc.context.sendActivity(yesNo(copy.forgetConfirm(this.services.business)));
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: DialogContext['context']): Promise<void> {
    await context.sendActivity(yesNo(copy.forgetConfirm(this.services.business)));
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const u = getUnderstanding(dc.context);
    if (u.intent === 'affirm' || u.intent === 'forget_me') {
      const { activity } = dc.context;
      const session = await this.services.sessions.get(dc.context);
      const customer =
        (session.customerId ? { id: session.customerId } : undefined) ??
        (await this.services.customers.recognize(turnInputOf(dc.context).account));
      await this.services.conversationLog.flush();
      await this.services.customers.forget(customer?.id, [activity.conversation.id]);
      await this.onForgotten(dc.context);
      await dc.context.sendActivity(copy.forgotten());
      return dc.endDialog({ erased: true });
    }
    if (u.intent === 'deny' || u.intent === 'cancel') {
      await dc.context.sendActivity(copy.forgetKept());
      return dc.endDialog({ erased: false });
    }
    const state = dc.activeDialog!.state as { attempts: number };
    if (++state.attempts >= 3) {
      // Unsure is not yes: nothing is erased, and a person can take it from here.
      (await this.services.sessions.get(dc.context)).offer = 'human';
      await dc.context.sendActivity(yesNo(`${copy.forgetKept()} ${copy.stuck()}`));
      return dc.endDialog({ erased: false });
    }
    await dc.context.sendActivity(yesNo(`${copy.didNotCatch()} ${copy.forgetConfirm(this.services.business)}`));
    return Dialog.EndOfTurn;
  }
}

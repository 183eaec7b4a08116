/**
 * The conversation's router. It never ends: each turn it handles interruptions (help, cancel,
 * start over), lets an active child dialog continue, or answers from the knowledge base.
 * Consulting, booking and ordering live in their own dialogs; this one only decides who speaks.
 */
import { ComponentDialog, DialogTurnStatus, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { ActivityTypes } from 'botbuilder';
import type { Business } from '../src/domain/business.js';
import type { ConversationLog } from '../src/domain/conversations/conversationLog.js';
import { answerFromKnowledge, citation } from '../src/domain/knowledge/answer.js';
import type { KnowledgeIndex } from '../src/domain/knowledge/passage.js';
import { MAX_TEXT_LENGTH } from '../src/bot/turnLimits.js';
import { copy } from './copy.js';
import { getUnderstanding } from './turnUnderstanding.js';

export interface MainDialogDeps {
  business: Business;
  knowledge: KnowledgeIndex;
  conversationLog: ConversationLog;
  minConfidence: number;
}

export const MAIN_DIALOG = 'main';

export class MainDialog extends ComponentDialog {
  constructor(private readonly deps: MainDialogDeps) {
    super(MAIN_DIALOG);
  }

  protected override async onBeginDialog(inner: DialogContext): Promise<DialogTurnResult> {
    return this.onContinueDialog(inner);
  }

  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    const context = inner.context;
    const activity = context.activity;
    if (activity.type !== ActivityTypes.Message) return waiting;
    const text = (activity.text ?? '').trim();
    if (!text) {
      await context.sendActivity(activity.attachments?.length ? copy.unsupported() : copy.empty());
      return waiting;
    }
    if (text.length > MAX_TEXT_LENGTH) {
      await context.sendActivity(copy.tooLong(MAX_TEXT_LENGTH));
      return waiting;
    }
    if (inner.activeDialog) {
      const result = await inner.continueDialog();
      if (result.status !== DialogTurnStatus.complete) return waiting;
      return waiting;
    }
    await this.route(inner, text);
    return waiting;
  }

  private async route(inner: DialogContext, text: string): Promise<void> {
    const { context } = inner;
    const understanding = getUnderstanding(context);
    const { business } = this.deps;
    switch (understanding.intent) {
      case 'greeting':
        await context.sendActivity(copy.greeting(business));
        return;
      case 'help':
        await context.sendActivity(copy.help(business));
        return;
      case 'thanks':
        await context.sendActivity(copy.thanks());
        return;
      case 'goodbye':
        await context.sendActivity(copy.goodbye());
        return;
      case 'browsing':
        await context.sendActivity(copy.browsing());
        return;
      default:
        await this.answer(inner, text);
    }
  }

  private async answer(inner: DialogContext, question: string): Promise<void> {
    const { context } = inner;
    const conversationId = context.activity.conversation.id;
    const result = answerFromKnowledge(this.deps.knowledge, question, { minConfidence: this.deps.minConfidence });
    if (result.kind === 'answer') {
      await context.sendActivity(copy.answer(result.text, citation(result.source)));
      void this.deps.conversationLog.addOutcome(conversationId, 'answered');
    } else {
      await context.sendActivity(copy.unknown());
      void this.deps.conversationLog.addOutcome(conversationId, 'unanswered');
      void this.deps.conversationLog.addUnanswered(conversationId, question);
    }
  }
}

const waiting: DialogTurnResult = { status: DialogTurnStatus.waiting };

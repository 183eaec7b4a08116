/**
 * Shows a typing indicator when a reply is slow: if a message turn has sent nothing after `delayMs`,
 * a `typing` activity goes out, repeated every `repeatMs` until the first message. Only on channels
 * that show typing (never SMS or the phone).
 */
import type { Middleware, TurnContext } from 'botbuilder';
import { capabilitiesOf } from './capabilities.js';

export interface TypingOptions {
  delayMs?: number;
  /** Channels hide the indicator after a few seconds; it is sent again while the turn lasts. */
  repeatMs?: number;
  onError?: (error: unknown) => void;
}

export function typingMiddleware(options: TypingOptions = {}): Middleware {
  const delayMs = options.delayMs ?? 500;
  const repeatMs = options.repeatMs ?? 3_000;
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      if (context.activity.type !== 'message' || !capabilitiesOf(context.activity.channelId).typing) return next();
      let replied = false;
      let timer: NodeJS.Timeout | undefined;
      const stop = (): void => {
        replied = true;
        clearTimeout(timer);
      };
      const tick = (): void => {
        if (replied) return;
        context.sendActivity({ type: 'typing' }).catch((error: unknown) => options.onError?.(error));
        timer = setTimeout(tick, repeatMs);
      };
      context.onSendActivities(async (_ctx, activities, sendNext) => {
        if (activities.some((a) => a.type === 'message')) stop();
        return sendNext();
      });
      timer = setTimeout(tick, delayMs);
      try {
        await next();
      } finally {
        stop();
      }
    },
  };
}

/**
 * What the channel layer tells the bot about a turn before its words are understood: the channel's
 * capability flags, the caller's number on a call, a completed keypad entry, silence on a call, and
 * the marketing attribution. The bot puts these into the turn's TurnInput.
 */
import type { TurnContext } from 'botbuilder';
import { attributionOf } from '../domain/conversations/attribution.js';
import type { ChannelFacts } from '../domain/turn/turnInput.js';
import { capabilitiesOf } from './capabilities.js';
import { callerNumberOf } from './telephony/callerNumber.js';
import { dtmfDigitsOf } from './telephony/dtmf.js';

export function createChannelFacts(defaultPhoneRegion: string): (context: TurnContext) => ChannelFacts {
  return (context) => {
    const { activity } = context;
    const flags = capabilitiesOf(activity.channelId);
    const text = typeof activity.text === 'string' ? activity.text.trim() : '';
    // On a call, silence and unrecognised speech arrive as messages with nothing in them.
    const silent = flags.speech && activity.type === 'message' && !text && !activity.attachments?.length;
    return {
      flags,
      callerNumber: flags.speech ? callerNumberOf(activity, defaultPhoneRegion) : undefined,
      keypad: flags.keypad ? dtmfDigitsOf(activity) : undefined,
      signal: silent ? 'silence' : undefined,
      attribution: attributionOf(activity.channelData),
    };
  };
}

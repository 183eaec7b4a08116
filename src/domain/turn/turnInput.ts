/**
 * One turn as the dialogs see it, read once by the bot: what the customer said and what it means,
 * who and where they are, and what their channel can do. Dialogs read only this — never the raw
 * activity's channel — so a new channel is a new row of flags, not a new branch in every dialog.
 */
import type { Understanding } from '../understanding/types.js';

/** Longest message the bot reads; longer ones get a request for something shorter. */
export const MAX_TEXT_LENGTH = 2_000;

/** How a channel renders emphasis, lists and links. */
export type MarkdownStyle = 'markdown' | 'slack' | 'none';

/** What a channel can do, as capability flags. */
export interface ChannelFlags {
  /** Shows suggested actions as buttons; otherwise choices become numbered (or spoken) text. */
  buttons: boolean;
  /** Shows hero and Adaptive Cards; otherwise cards become text. */
  cards: boolean;
  markdown: MarkdownStyle;
  /** Longest text one message may carry; longer replies are split at sentence boundaries. */
  maxLength: number;
  /** Replies are spoken (SSML, input hints, choices read as prose). */
  speech: boolean;
  /** The customer can answer with a keypad (DTMF). */
  keypad: boolean;
  /** A person can take over by transferring the call to the staff number. */
  callTransfer: boolean;
  /** Shows a typing indicator. */
  typing: boolean;
  /**
   * A turn's replies go out as one message with an HTML body and a plain-text alternative (e-mail),
   * and the customer's next message may come minutes or days later.
   */
  letter: boolean;
}

/** Marketing attribution of the visit: utm parameters and the referrer. */
export interface Attribution {
  source?: string;
  medium?: string;
  campaign?: string;
  referrer?: string;
}

/**
 * Something the channel observed that is not words: on a call, nothing was heard. Channel middleware
 * sets it; the dialogs decide what to say.
 */
type TurnSignal = 'silence';

/** What the channel layer knows about a turn, before the words are understood. */
export interface ChannelFacts {
  flags: ChannelFlags;
  /** The caller's own number (E.164) on a phone channel; a proposal the customer must confirm. */
  callerNumber?: string;
  /** Digits keyed in on a keypad, when this message is a completed keypad entry. */
  keypad?: string;
  signal?: TurnSignal;
  attribution: Attribution;
}

export interface TurnInput extends ChannelFacts {
  /** The message text, trimmed ('' for activities that are not messages). */
  text: string;
  understanding: Understanding;
  /**
   * The customer's account on the channel. For records (customer accounts, consent, leads) only:
   * behaviour follows `flags`, never the channel's name.
   */
  account: { channelId: string; userId: string };
  conversationId: string;
  /**
   * The network address the turn's request came from (the TCP peer; the load balancer's behind one),
   * for limits that hold per address such as guessing references. Set by the bot from the request,
   * never from anything the client writes.
   */
  peer?: string;
  /** Members other than the bot joined the conversation (a new visitor to greet). */
  joined: boolean;
}

/** Where a lead came from: the channel and the marketing attribution. */
export const originOf = (input: Pick<TurnInput, 'account' | 'attribution'>) => ({
  channelId: input.account.channelId,
  ...input.attribution,
});

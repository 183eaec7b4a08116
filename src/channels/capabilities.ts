/**
 * What each channel can show, so one reply from the dialogs renders well everywhere. Unknown
 * channels get the most conservative row: plain text, numbered choices, no cards.
 */

/** How a channel renders emphasis, lists and links. */
export type MarkdownStyle = 'markdown' | 'slack' | 'none';

export interface ChannelCapabilities {
  /** Shows `suggestedActions` as buttons; otherwise choices become numbered (or spoken) text. */
  suggestedActions: boolean;
  /** Shows hero and Adaptive Cards; otherwise cards become text. */
  cards: boolean;
  markdown: MarkdownStyle;
  /** Longest text one message may carry; longer replies are split at sentence boundaries. */
  maxMessageLength: number;
  /** Replies are spoken: SSML `speak`, `inputHint`, choices read as prose. */
  speech: boolean;
  /** Shows a typing indicator. */
  typing: boolean;
}

const rich: ChannelCapabilities = {
  suggestedActions: true,
  cards: true,
  markdown: 'markdown',
  maxMessageLength: 10_000,
  speech: false,
  typing: true,
};

/** Conservative defaults for channels not in the table. */
export const PLAIN_TEXT: ChannelCapabilities = {
  suggestedActions: false,
  cards: false,
  markdown: 'none',
  maxMessageLength: 2_000,
  speech: false,
  typing: false,
};

/** Keyed by lower-case channel id; a Map, so ids such as "__proto__" or "constructor" find nothing. */
export const CAPABILITIES: ReadonlyMap<string, ChannelCapabilities> = new Map(
  Object.entries({
    webchat: rich,
    directline: rich,
    emulator: rich,
    // The test channel of the integration suites behaves like Web Chat.
    test: rich,
    msteams: { ...rich, suggestedActions: true, maxMessageLength: 25_000 },
    slack: { ...rich, suggestedActions: false, markdown: 'slack', maxMessageLength: 3_000 },
    facebook: { ...rich, markdown: 'none', maxMessageLength: 2_000, typing: true },
    sms: { ...PLAIN_TEXT, maxMessageLength: 320 },
    telephony: { ...PLAIN_TEXT, maxMessageLength: 5_000, speech: true },
  } satisfies Record<string, ChannelCapabilities>),
);

export function capabilitiesOf(channelId: string | undefined): ChannelCapabilities {
  return (typeof channelId === 'string' && CAPABILITIES.get(channelId.toLowerCase())) || PLAIN_TEXT;
}

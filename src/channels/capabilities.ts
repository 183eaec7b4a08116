/**
 * What each channel can do, as capability flags, so one reply from the dialogs renders well
 * everywhere and the dialogs never ask which channel they are on. Unknown channels get the most
 * conservative row: plain text, numbered choices, no cards.
 */
import type { ChannelFlags } from '../domain/turn/turnInput.js';

export type { ChannelFlags as ChannelCapabilities, MarkdownStyle } from '../domain/turn/turnInput.js';

const rich: ChannelFlags = {
  buttons: true,
  cards: true,
  markdown: 'markdown',
  maxLength: 10_000,
  speech: false,
  keypad: false,
  callTransfer: false,
  typing: true,
  letter: false,
};

/** Conservative defaults for channels not in the table. */
export const PLAIN_TEXT: ChannelFlags = {
  buttons: false,
  cards: false,
  markdown: 'none',
  maxLength: 2_000,
  speech: false,
  keypad: false,
  callTransfer: false,
  typing: false,
  letter: false,
};

/** Channel id (lower case) → flags. A Map: ids come from outside, so "__proto__" is just unknown. */
export const CAPABILITIES: ReadonlyMap<string, ChannelFlags> = new Map([
  ['webchat', rich],
  ['directline', rich],
  ['emulator', rich],
  // The test channel of the integration suites behaves like Web Chat.
  ['test', rich],
  ['msteams', { ...rich, maxLength: 25_000 }],
  ['slack', { ...rich, buttons: false, markdown: 'slack', maxLength: 3_000 }],
  ['facebook', { ...rich, markdown: 'none', maxLength: 2_000 }],
  ['sms', { ...PLAIN_TEXT, maxLength: 320 }],
  ['telephony', { ...PLAIN_TEXT, maxLength: 5_000, speech: true, keypad: true, callTransfer: true }],
  ['email', { ...PLAIN_TEXT, markdown: 'markdown', maxLength: 100_000, letter: true }],
]);

export function capabilitiesOf(channelId: string | undefined): ChannelFlags {
  return (typeof channelId === 'string' && CAPABILITIES.get(channelId.toLowerCase())) || PLAIN_TEXT;
}

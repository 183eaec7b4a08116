/**
 * Letters the bot must not answer: automatic replies, bounces, mailing lists (RFC 3834's
 * Auto-Submitted, Precedence, List-Id, delivery reports), and its own address — answering any of them
 * risks a mail loop or writing to a list.
 */
import type { Letter } from './letter.js';

/** Why the letter gets no reply, or undefined when a person wrote it to the bot. */
export function whyNoReply(letter: Letter, ownAddresses: readonly string[]): string | undefined {
  const h = letter.headers;
  if (ownAddresses.includes(letter.from.address)) return 'sent from the bot’s own address';
  const auto = h['auto-submitted']?.toLowerCase().trim();
  if (auto && auto !== 'no') return `Auto-Submitted: ${auto}`;
  if (/^(bulk|list|junk|auto_reply)\b/i.test(h['precedence']?.trim() ?? '')) return `Precedence: ${h['precedence']}`;
  if (h['list-id'] || h['list-unsubscribe']) return 'mailing list (List-Id)';
  if (h['x-autoreply'] || h['x-autorespond']) return 'automatic reply (X-Autoreply)';
  if (/multipart\/report/i.test(letter.contentType)) return 'delivery report';
  if (/^(mailer-daemon|postmaster|no-?reply|do-?not-?reply)@/i.test(letter.from.address)) return 'automatic sender';
  if (h['return-path']?.trim() === '<>') return 'bounce (empty Return-Path)';
  return undefined;
}

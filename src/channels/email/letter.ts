/**
 * One inbound letter, read from its raw RFC 5322 source with mailparser: who wrote it, the thread it
 * belongs to, its subject and body, and the headers that tell an automatic message from a person's.
 * A letter that cannot be read gives an UnreadableLetter with the reason, so staff can see it.
 */
import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject } from 'mailparser';

export interface Letter {
  /** The Message-ID without angle brackets (a stable digest of the source when the letter has none). */
  messageId: string;
  inReplyTo?: string;
  /** Oldest first, as the References header lists them. */
  references: string[];
  from: { address: string; name?: string };
  to: string[];
  subject: string;
  /** The plain-text body (mailparser derives it from the HTML when there is no text part). */
  text: string;
  html?: string;
  /** Lower-cased header names with their first value as text. */
  headers: Record<string, string>;
  contentType: string;
  date?: Date;
}

export interface UnreadableLetter {
  unreadable: true;
  reason: string;
  messageId: string;
}

/** Letters larger than this are not parsed (they are kept for staff instead). */
export const MAX_LETTER_BYTES = 2 * 1024 * 1024;

const bare = (id: string): string => id.trim().replace(/^<|>$/g, '');

export async function readLetter(raw: Buffer): Promise<Letter | UnreadableLetter> {
  const digest = `sha256-${createHash('sha256').update(raw).digest('hex').slice(0, 32)}`;
  if (raw.length > MAX_LETTER_BYTES)
    return { unreadable: true, reason: `larger than ${MAX_LETTER_BYTES} bytes`, messageId: digest };
  let parsed;
  try {
    parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  } catch (error) {
    return { unreadable: true, reason: `not a readable message: ${(error as Error).message}`, messageId: digest };
  }
  const messageId = parsed.messageId ? bare(parsed.messageId) : digest;
  const sender = firstAddress(parsed.replyTo) ?? firstAddress(parsed.from);
  if (!sender) return { unreadable: true, reason: 'no sender address (From)', messageId };
  const text = (parsed.text ?? '').replace(/\r\n/g, '\n');
  if (!text.trim() && !parsed.html) return { unreadable: true, reason: 'no text in the body', messageId };
  const references = (Array.isArray(parsed.references) ? parsed.references : parsed.references ? [parsed.references] : [])
    .flatMap((r) => r.split(/\s+/))
    .filter(Boolean)
    .map(bare);
  // From the raw header lines: mailparser folds List-* and others into structured values.
  // Keyed by header names the sender chose: null-prototype, so "__proto__" is just a header.
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const { key, line } of parsed.headerLines) {
    const name = key.toLowerCase();
    headers[name] ??= line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
  }
  return {
    messageId,
    inReplyTo: parsed.inReplyTo ? bare(parsed.inReplyTo.split(/\s+/)[0]!) : undefined,
    references,
    from: sender,
    to: [parsed.to, parsed.cc]
      .flatMap((a) => (Array.isArray(a) ? a : a ? [a] : []))
      .flatMap((a) => a.value.map((v) => v.address?.toLowerCase()))
      .filter((a): a is string => Boolean(a)),
    subject: (parsed.subject ?? '').trim(),
    text,
    html: parsed.html || undefined,
    headers,
    contentType: headers['content-type'] ?? 'text/plain',
    date: parsed.date,
  };
}

export const isUnreadable = (l: Letter | UnreadableLetter): l is UnreadableLetter => 'unreadable' in l;

function firstAddress(a: AddressObject | AddressObject[] | undefined): Letter['from'] | undefined {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  for (const entry of list)
    for (const v of entry.value) {
      if (v.address && /^[^\s@]+@[^\s@]+$/.test(v.address))
        return { address: v.address.toLowerCase(), name: v.name || undefined };
    }
  return undefined;
}

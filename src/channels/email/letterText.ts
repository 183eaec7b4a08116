/**
 * What the customer wrote in this letter, ready for understanding: quoted history and signatures
 * removed (email-reply-parser), the salutation and sign-off dropped (the reply brings its own), and
 * the rest cut into requests — each question with the statements around it — to be taken in order.
 */
import EmailReplyParser from 'email-reply-parser';
import { MAX_TEXT_LENGTH } from '../../bot/turnLimits.js';

/** At most this many requests of one letter are answered by the bot; the rest are left to a person. */
export const MAX_REQUESTS = 12;

const SALUTATION =
  /^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening|day)|greetings|g'day|to whom it may concern)\b[^.?!\n]{0,40}[,.!:]?$/i;
const CLOSING =
  /^(?:thanks|thank you|many thanks|thanks again|cheers|regards|kind regards|best regards|warm regards|best wishes|best|sincerely|yours(?: sincerely| truly| faithfully)?|all the best|talk soon|speak soon)\b[^?\n]{0,30}$/i;
const LIST_ITEM = /^\s*(?:[-*•]|\(?\d{1,2}[.)]|[a-z][.)])\s+/i;

/** The customer's own new text: no quoted history, no signature, no salutation or sign-off. */
export function visibleText(body: string): string {
  const text = new EmailReplyParser().parseReply(body.replace(/\r\n/g, '\n'));
  const lines = text.split('\n').map((l) => l.trimEnd());
  const first = lines.findIndex((l) => l.trim());
  if (first >= 0 && SALUTATION.test(lines[first]!.trim())) lines.splice(first, 1);
  const filled = lines.map((l, i) => [l, i] as const).filter(([l]) => l.trim());
  for (const [line, index] of filled.slice(-5)) {
    if (CLOSING.test(line.trim())) {
      lines.splice(index);
      break;
    }
  }
  return lines.join('\n').trim();
}

const sentences = (paragraph: string): string[] =>
  [...new Intl.Segmenter('en', { granularity: 'sentence' }).segment(paragraph)].map((s) => s.segment.trim()).filter(Boolean);

/**
 * The requests of a letter, in order. A paragraph is cut after each question; statements before a
 * question go with it ("We're 20 people. Can you cater?"), statements after the last question stay
 * with that question ("Can you call me on Friday? My number is …"). Each list item is a paragraph.
 */
export function letterRequests(text: string): string[] {
  const paragraphs: string[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    let current: string[] = [];
    for (const line of block.split('\n')) {
      if (LIST_ITEM.test(line)) {
        if (current.length) paragraphs.push(current.join(' '));
        current = [line.replace(LIST_ITEM, '')];
      } else if (line.trim()) current.push(line.trim());
    }
    if (current.length) paragraphs.push(current.join(' '));
  }
  const requests: string[] = [];
  for (const paragraph of paragraphs) {
    const parts: string[] = [];
    let pending: string[] = [];
    for (const sentence of sentences(paragraph)) {
      pending.push(sentence);
      if (sentence.endsWith('?')) {
        parts.push(pending.join(' '));
        pending = [];
      }
    }
    if (pending.length) {
      if (parts.length) parts[parts.length - 1] += ` ${pending.join(' ')}`;
      else parts.push(pending.join(' '));
    }
    requests.push(...parts.map((p) => fit(p)));
  }
  return requests.filter((r) => r.trim());
}

/** A request longer than one turn may carry is cut at its last sentence that fits. */
function fit(request: string): string {
  if (request.length <= MAX_TEXT_LENGTH) return request;
  let out = '';
  for (const s of sentences(request)) {
    if ((out ? out.length + 1 : 0) + s.length > MAX_TEXT_LENGTH) break;
    out = out ? `${out} ${s}` : s;
  }
  return out || request.slice(0, MAX_TEXT_LENGTH);
}

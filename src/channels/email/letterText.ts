/**
 * What the customer wrote in this letter, ready for understanding: quoted history and signatures
 * removed (email-reply-parser), the salutation and sign-off dropped (the reply brings its own), and
 * the rest cut into requests — each question with the statements around it — to be taken in order.
 */
import EmailReplyParser from 'email-reply-parser';
import { MAX_TEXT_LENGTH } from '../../domain/turn/turnInput.js';

/** At most this many requests of one letter are answered by the bot; the rest are left to a person. */
export const MAX_REQUESTS = 12;

const SALUTATION =
  /^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening|day)|greetings|g'day|to whom it may concern)(?:\s+[\p{L}'.-]+){0,3}\s*[,.!:]?$/iu;
const CLOSING =
  /^(?:thanks|thank you|many thanks|thanks again|cheers|regards|kind regards|best regards|warm regards|best wishes|best|sincerely|yours(?: sincerely| truly| faithfully)?|all the best|talk soon|speak soon)\b[^?\n]{0,30}$/i;
const LIST_ITEM = /^\s*(?:[-*•]|\(?\d{1,2}[.)]|[a-z][.)])\s+/i;
/** A salutation that opens the first line of text ("Hello, we're …"). */
const SALUTATION_START =
  /^(?:hi|hello|hey|dear (?:team|sir|madam|all)|good (?:morning|afternoon|evening))(?: there| team| all)?[,!]\s+(?=\S)/i;
/** A question that leans on what came before it ("do you deliver there?", "how much is it?"). */
const REFERS_BACK = /\b(?:there|it|its|that|this|those|these|they|them|one|ones|such)\b/i;
/** Contact details a request needs ("My number is … Could you call me on Friday?"). */
const CONTACT = /\+?\d[\d\s().-]{6,}\d|\bmy name is\b|\bi'?m called\b|\S@\S/i;

/** The customer's own new text: no quoted history, no signature, no salutation or sign-off. */
export function visibleText(body: string): string {
  const text = new EmailReplyParser().parseReply(body.replace(/\r\n/g, '\n'));
  const lines = text.split('\n').map((l) => l.trimEnd());
  const first = lines.findIndex((l) => l.trim());
  if (first >= 0 && SALUTATION.test(lines[first]!.trim())) lines.splice(first, 1);
  else if (first >= 0) lines[first] = lines[first]!.replace(SALUTATION_START, '');
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
 * The requests of a letter, in order. A paragraph is cut after each question. Statements before a
 * question go with it when the question leans on them ("We're in Ryde. Do you deliver there?") or
 * they carry contact details ("My number is … Can you call me?"), and are a request of their own otherwise (so they do not pull the answer off a question that stands
 * alone); statements after the last question stay with it ("Can you call me on Friday? My number
 * is …"). Each list item is a paragraph.
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
      if (sentence.endsWith('?')) {
        if (pending.length && !REFERS_BACK.test(sentence) && !pending.some((p) => CONTACT.test(p))) {
          parts.push(pending.join(' '));
          pending = [];
        }
        parts.push([...pending, sentence].join(' '));
        pending = [];
      } else pending.push(sentence);
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

/**
 * The separate questions of one message ("how much are cupcakes and do you do vegan ones and can
 * you deliver to parramatta?"): split at question marks, and at "and"/"also"/"plus" or a comma when
 * what follows starts a new question. A leading greeting is dropped. One part when there is nothing
 * to split.
 */
const STARTS_QUESTION =
  /^(?:how|what|whats|when|where|wheres|why|which|who|can|could|do|does|did|is|are|will|would|should|have|has|any)\b/i;
const GREETING = /^(?:hi|hello|hey|hiya|g'?day|good (?:morning|afternoon|evening))\b[\s!,.]*/i;

/** Asks without a question word: "tell me about …", "show me …", "explain …". */
const ASKS = /^(?:tell|show|give|list|explain|describe|send)\b/i;
/** Asks inside a statement, as letters do: "… and wondered whether you make tiered cakes". */
export const ASKS_WITHIN =
  /\b(?:wonder(?:ed|ing)? (?:if|whether)|could you (?:please )?tell me|(?:i'?d|i would) like to know)\b/i;

export function questionParts(message: string): string[] {
  return readParts(message).parts;
}

/**
 * The message without the clauses that ask nothing ("my daughter turns five, how much is the small
 * cake" → "how much is the small cake"), for when the whole reading finds nothing; undefined when
 * every clause asks.
 */
export function questionsOnly(message: string): string | undefined {
  const { asked } = readParts(message);
  const text = asked.join(' ');
  return text && text !== questionParts(message).join(' ') ? text : undefined;
}

function readParts(message: string): { parts: string[]; asked: string[] } {
  const out: { text: string; asked: boolean }[] = [];
  for (const [, sentence = '', end = ''] of message
    .replace(GREETING, '')
    .matchAll(/([^?.!]*(?:[.!](?=\S)[^?.!]*)*)(\?+|[.!]+|$)/g)) {
    let current: string[] = [];
    const words = sentence.trim().split(/\s+/).filter(Boolean);
    const close = (last: boolean): void => {
      let text = current.join(' ');
      // "I am planning a wedding and wondered whether you make tiered cakes": the question is what
      // follows the asking words; the statement before it tells no more about what is asked.
      const within = ASKS_WITHIN.exec(text);
      if (within && within.index > 0) text = text.slice(within.index);
      out.push({
        text,
        asked: (last && end.startsWith('?')) || STARTS_QUESTION.test(text) || ASKS.test(text) || ASKS_WITHIN.test(text),
      });
      current = [];
    };
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      const joiner = /^(?:and|also|plus)$/i.test(w) || w.endsWith(',');
      // What follows is joined only at a joiner (STARTS_QUESTION reads the first word of it).
      if (joiner && current.length >= 2 && STARTS_QUESTION.test(words.slice(i + 1).join(' '))) {
        if (w.endsWith(',') && !/^(?:and|also|plus),$/i.test(w)) current.push(w.slice(0, -1));
        close(false);
        continue;
      }
      current.push(w);
    }
    if (current.length > 0) close(true);
  }
  const tidy = (p: string): string => p.trim().replace(/^[\s,.;!]+|[\s,.;!]+$/g, '');
  // A clause that asks nothing ("my chain keeps slipping, how much to fix") is what the question
  // next to it is about, not a question of its own: it is read with the question after it (or,
  // at the end, the one before).
  const joined: { text: string; asked: boolean }[] = [];
  let pending = '';
  for (const part of out) {
    const text = tidy(part.text);
    if (!text) continue;
    if (!part.asked) pending = pending ? `${pending} ${text}` : text;
    else {
      joined.push({ text: pending ? `${pending} ${text}` : text, asked: true });
      pending = '';
    }
  }
  if (pending) {
    const last = joined[joined.length - 1];
    if (last) last.text = `${last.text} ${pending}`;
    else joined.push({ text: pending, asked: false });
  }
  const parts = joined.map((p) => p.text).filter((p) => p.split(/\s+/).length >= 2);
  const asked = out
    .filter((p) => p.asked)
    .map((p) => tidy(p.text))
    .filter(Boolean);
  return { parts: parts.length > 0 ? parts : [message.trim()], asked };
}

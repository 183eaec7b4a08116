/**
 * The separate questions of one message ("how much are cupcakes and do you do vegan ones and can
 * you deliver to parramatta?"): split at question marks, and at "and"/"also"/"plus" or a comma when
 * what follows starts a new question. A leading greeting is dropped. One part when there is nothing
 * to split.
 */
const STARTS_QUESTION =
  /^(?:how|what|whats|when|where|wheres|why|which|who|can|could|do|does|did|is|are|will|would|should|have|has|any)\b/i;
const GREETING = /^(?:hi|hello|hey|hiya|g'?day|good (?:morning|afternoon|evening))\b[\s!,.]*/i;

export function questionParts(message: string): string[] {
  const out: string[] = [];
  for (const sentence of message.replace(GREETING, '').split(/\?+|(?<=[.!])\s+/)) {
    let current: string[] = [];
    const words = sentence.trim().split(/\s+/).filter(Boolean);
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      const joiner = /^(?:and|also|plus)$/i.test(w) || w.endsWith(',');
      const rest = words.slice(i + 1).join(' ');
      if (joiner && current.length >= 2 && STARTS_QUESTION.test(rest)) {
        if (w.endsWith(',') && !/^(?:and|also|plus),$/i.test(w)) current.push(w.slice(0, -1));
        out.push(current.join(' '));
        current = [];
        continue;
      }
      current.push(w);
    }
    if (current.length > 0) out.push(current.join(' '));
  }
  const parts = out.map((p) => p.trim().replace(/^[\s,.;!]+|[\s,.;!]+$/g, '')).filter((p) => p.split(/\s+/).length >= 2);
  return parts.length > 0 ? parts : [message.trim()];
}

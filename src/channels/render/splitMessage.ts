/**
 * Splits a long reply into messages of at most `max` characters: at paragraph breaks first, then
 * at sentence ends, then at spaces; a word longer than `max` is cut as a last resort.
 */
export function splitMessage(text: string, maxLength: number): string[] {
  // The limit comes from a table keyed by the channel id; whatever it says, the loops below end.
  const max = Number.isFinite(maxLength) && maxLength >= MIN_LENGTH ? Math.floor(maxLength) : FALLBACK_LENGTH;
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed ? [trimmed] : [];
  const parts: string[] = [];
  let current = '';
  for (const piece of pieces(trimmed, max)) {
    const joiner = current ? piece.joiner : '';
    if (current && current.length + joiner.length + piece.text.length > max) {
      parts.push(current);
      current = piece.text;
    } else {
      current += joiner + piece.text;
    }
  }
  if (current) parts.push(current);
  return parts.length > MAX_PARTS ? [...parts.slice(0, MAX_PARTS - 1), `${parts[MAX_PARTS - 1]!.slice(0, max - 1)}…`] : parts;
}

/** Shortest limit honoured, the limit used when none is usable, and most messages one reply becomes. */
const MIN_LENGTH = 16;
const FALLBACK_LENGTH = 2_000;
const MAX_PARTS = 20;

interface Piece {
  text: string;
  /** What separated it from the previous piece in the original: a paragraph break, a line break or a space. */
  joiner: string;
}

function pieces(text: string, max: number): Piece[] {
  const out: Piece[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    let joiner = '\n\n';
    for (const line of paragraph.trim().split(/\n+/)) {
      for (const sentence of sentences(line)) {
        for (const chunk of sentence.length <= max ? [sentence] : words(sentence, max)) {
          out.push({ text: chunk, joiner });
          joiner = ' ';
        }
      }
      joiner = '\n';
    }
  }
  return out;
}

/** Sentence ends: ".", "!", "?" or "…" followed by white space and a capital, digit, bullet or quote. */
function sentences(line: string): string[] {
  return line
    .split(/(?<=[.!?…])\s+(?=["'“(\p{Lu}\p{N}•])/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

function words(sentence: string, max: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of sentence.split(/\s+/)) {
    for (let w = word; w; w = w.slice(max)) {
      const head = w.slice(0, max);
      if (current && current.length + 1 + head.length > max) {
        out.push(current);
        current = head;
      } else current = current ? `${current} ${head}` : head;
    }
  }
  if (current) out.push(current);
  return out;
}

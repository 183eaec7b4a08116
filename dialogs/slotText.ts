/** Small readers for answers to a specific question, shared by the form dialogs. */

const ORDINALS: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, last: -1 };

/** "2", "the second one", "option 3", "the last" → index into a list of `count` choices. */
export function pickChoice(text: string, count: number): number | undefined {
  const t = text.toLowerCase().trim();
  const digit = /^(?:option|number|no\.?|#)?\s*(\d)\b/.exec(t);
  if (digit) {
    const n = Number(digit[1]);
    return n >= 1 && n <= count ? n - 1 : undefined;
  }
  for (const [word, n] of Object.entries(ORDINALS)) {
    if (new RegExp(`\\b${word}\\b`).test(t)) return n === -1 ? count - 1 : n <= count ? n - 1 : undefined;
  }
  return undefined;
}

/** Accepts a plain answer to "who should we ask for?": one to four words of letters. */
export function plainName(text: string): string | undefined {
  const t = text.trim().replace(/[.!]+$/, '');
  if (!/^[\p{L}][\p{L}'’-]*(?:\s+[\p{L}][\p{L}'’-]*){0,3}$/u.test(t)) return undefined;
  if (/^(yes|no|yeah|nope|ok|okay|sure|hi|hello|thanks|why|what|cancel|help|stop)\b/i.test(t)) return undefined;
  return t.replace(/\b\p{Ll}/gu, (c) => c.toUpperCase());
}

/** A callback time kept in a dialog's state (ISO instants). */
export interface StoredSlot {
  start: string;
  end: string;
  asap: boolean;
}

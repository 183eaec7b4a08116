/**
 * Finds the customer's name in self-introductions: "I'm Dana", "my name is Dana Smith",
 * "this is Dana", "Dana here", "name's Dana", "call me Dana".
 *
 * The hard part is what is *not* a name ("I'm looking", "this is great"). A candidate word must not
 * be in a stop list of common words, and a lower-case candidate must also not look like an
 * adjective or verb form (-ing, -ous, -ful, -able). "this is"/"it's" additionally need a capital
 * letter unless the whole message is lower case. A second word is kept as a surname only when it
 * passes the same checks.
 */
import { NAME_STOP_WORDS } from './nameStopWords.js';

const LEADS: Array<{ re: RegExp; needsCapital: boolean }> = [
  {
    re: /\b(?:my\s+name\s+is|my\s+names|my\s+name's|name's|names|name\s+is|name:)\s+([a-z][a-z'-]*)(?:\s+([a-z][a-z'-]*))?/gi,
    needsCapital: false,
  },
  { re: /\b(?:i\s+am|i'm|i’m|im)\s+([a-z][a-z'-]*)(?:\s+([a-z][a-z'-]*))?/gi, needsCapital: false },
  { re: /\b(?:this\s+is|it's|it’s|its|it\s+is)\s+([a-z][a-z'-]*)(?:\s+([a-z][a-z'-]*))?/gi, needsCapital: true },
  { re: /\b(?:call\s+me|people\s+call\s+me)\s+([a-z][a-z'-]*)(?:\s+([a-z][a-z'-]*))?/gi, needsCapital: true },
  { re: /(?:^|[,.!;]\s*|\b(?:hi|hello|hey)\s+)([a-z][a-z'-]*)(?:\s+([a-z][a-z'-]*))?\s+here\b/gi, needsCapital: false },
];

export interface NameMatch {
  name?: string;
  span?: [number, number];
}

export function extractName(text: string): NameMatch {
  const allLower = text === text.toLowerCase();
  for (const { re, needsCapital } of LEADS) {
    for (const m of text.matchAll(re)) {
      const first = m[1];
      if (!first || !plausible(first, needsCapital && !allLower)) continue;
      const second = m[2];
      const hereForm = re === LEADS[4]!.re;
      // In "Dana here" the second group is "here"'s neighbour only when two words precede it.
      const parts = [first];
      if (second && plausible(second, !allLower) && isCapitalised(second) === isCapitalised(first)) {
        parts.push(second);
      } else if (hereForm && second) {
        continue;
      }
      const name = parts.map(titleCase).join(' ');
      const start = m.index ?? 0;
      return { name, span: [start, start + m[0].length] };
    }
  }
  return {};
}

function plausible(word: string, needsCapital: boolean): boolean {
  const lower = word.toLowerCase().replace(/['’]s$/, '');
  if (lower.length < 2 || NAME_STOP_WORDS.has(lower)) return false;
  if (needsCapital && !isCapitalised(word)) return false;
  if (!isCapitalised(word) && lower.length >= 6 && /(ing|ous|ful|able|ible|ive|ness)$/.test(lower)) return false;
  return true;
}

function isCapitalised(word: string): boolean {
  return /^[A-Z]/.test(word);
}

function titleCase(word: string): string {
  return word
    .split(/([-'])/)
    .map((p) => (p.length ? p[0]!.toUpperCase() + p.slice(1).toLowerCase() : p))
    .join('');
}

/**
 * Choices offered as `suggestedActions`, for channels that cannot show buttons: as a numbered list
 * to read, or as prose to hear. The values are remembered so that a reply "2" can be mapped back.
 */
import type { CardAction } from 'botbuilder';

export interface OfferedChoice {
  /** What the customer sees or hears. */
  title: string;
  /** What the bot receives when it is chosen (the button's value). */
  value: string;
}

export function choicesOf(actions: readonly CardAction[] | undefined): OfferedChoice[] {
  return (actions ?? [])
    .filter((a) => a.type === 'imBack' || a.type === 'postBack' || a.type === 'messageBack' || !a.type)
    .map((a) => {
      const title = (a.title ?? (typeof a.value === 'string' ? a.value : '') ?? '').trim();
      const value = typeof a.value === 'string' && a.value.trim() ? a.value.trim() : (a.text ?? title);
      return { title: title || value, value };
    })
    .filter((c) => c.title);
}

/** "1. Yes\n2. No", to append after the reply's text. */
export function numberedChoices(choices: readonly OfferedChoice[]): string {
  return choices.map((c, i) => `${i + 1}. ${c.title}`).join('\n');
}

/** "A, B or C". */
function proseList(items: readonly string[], conjunction = 'or'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/** "You can say: A, B or C." */
export function spokenChoices(choices: readonly OfferedChoice[]): string {
  return `You can say: ${proseList(choices.map((c) => c.title))}.`;
}

const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/**
 * The choice a reply names: its number ("2", "2.", "number two", "the second"), or its title typed
 * out exactly. Undefined when the reply is anything else, so ordinary answers pass untouched.
 */
export function pickOffered(text: string, choices: readonly OfferedChoice[]): OfferedChoice | undefined {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/[.!)]+$/, '');
  const byTitle = choices.find((c) => c.title.toLowerCase() === t);
  if (byTitle) return byTitle;
  const m = /^(?:(?:number|option|choice)\s+|the\s+)?(\d{1,2}|[a-z]+)(?:\s+(?:one|option))?$/.exec(t);
  if (!m) return undefined;
  const word = m[1]!;
  const index = /^\d+$/.test(word) ? Number(word) - 1 : Math.max(NUMBER_WORDS.indexOf(word), ORDINALS.indexOf(word));
  return index >= 0 ? choices[index] : undefined;
}

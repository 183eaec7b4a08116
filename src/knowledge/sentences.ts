/**
 * Splits passage text into answer units: sentences, except that a sentence ending in ":" and the
 * list items under it stay together as one unit ("We deliver to three zones:\n- Zone 1 …\n- Zone 2 …"),
 * so an answer never ends at the colon; a Markdown table is kept whole the same way, its rows as
 * items. Items are kept as "- " lines; answerFit.ts fits them to the channel.
 */
export function splitUnits(text: string): string[] {
  const out: string[] = [];
  let list: string[] | undefined;
  const close = (): void => {
    if (list) out.push(list.join('\n'));
    list = undefined;
  };
  for (const line of text.split('\n')) {
    // A table is a list too: its rows are the items, under the sentence that introduces it or, with
    // none, under its header row.
    if (/^\s*\|/.test(line)) {
      const row = splitSentences(line).join(' ');
      if (!row) continue;
      if (list) list.push(`- ${row}`);
      else list = [`${row}:`];
      continue;
    }
    // A blank line between an introduction and its list does not part them.
    if (!line.trim() && list?.length === 1) continue;
    const isItem = /^\s*(?:[-+*•]|\d+[.)])\s+/.test(line);
    const parts = splitSentences(line);
    if (isItem && list) {
      list.push(...parts.map((p) => `- ${p}`));
      continue;
    }
    close();
    for (const [i, p] of parts.entries()) {
      if (i === parts.length - 1 && p.endsWith(':') && !isItem) list = [p];
      else out.push(p);
    }
  }
  close();
  return out;
}

/** Splits passage text into sentences and list items, without Markdown decoration. */
function splitSentences(text: string): string[] {
  const plain = text
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]+/g, '')
    .replace(/^\s*\|?\s*[-:| ]+\|\s*$/gm, '');
  const out: string[] = [];
  for (const line of plain.split('\n')) {
    const item = line
      .replace(/^\s*(?:[-+•]|\d+[.)])\s+/, '')
      .replace(/^\s*\|\s*|\s*\|\s*$/g, '')
      .replace(/\s*\|\s*/g, ' — ')
      .trim();
    if (!item) continue;
    for (const s of item.split(/(?<=[.!?])\s+(?=[A-Z0-9"(])/)) if (s.trim()) out.push(s.trim());
  }
  return out;
}

/**
 * The passage's most relevant sentences (up to `max`, in passage order): the best one, plus others
 * only when they come close to its relevance. Falls back to the opening sentences.
 */
export function pickSentences(
  sentences: readonly { text: string; terms: Set<string> }[],
  score: (terms: Set<string>) => number,
  max = 2,
): string[] {
  const chosen = sentences
    .map((s, i) => ({ i, text: s.text, score: score(s.terms) }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, max);
  if (chosen.length === 0) return sentences.slice(0, max).map((s) => s.text);
  const first = chosen[0]!;
  const kept = chosen.filter((s) => s === first || s.score >= first.score * 0.5);
  return kept.sort((a, b) => a.i - b.i).map((s) => s.text);
}

/**
 * Loads the understanding corpus (test/understanding/corpus/*.json): customer phrasings with the
 * value each slot type should read from them, a reference clock (wall-clock time in the business's
 * zone) and a split ("tune" or "heldout"). See the corpus README for sources and rules.
 */
import { readdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';

export const CORPUS_DIR = resolve(import.meta.dirname, '../../understanding/corpus');

const TimeSchema = z.object({
  date: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  asap: z.boolean().optional(),
});
export type ExpectedTime = z.infer<typeof TimeSchema>;

const Base = z.object({
  text: z.string(),
  now: z.string().default('2026-12-01T10:00:00'),
  source: z.string(),
  split: z.enum(['tune', 'heldout']),
  /** en-US entries read 8/10 as August 10; the rest (the business's own locale, en-AU) as 8 October. */
  locale: z.string().default('en-AU'),
});

export const CorpusEntrySchema = z.discriminatedUnion('type', [
  Base.extend({ type: z.literal('date'), expect: z.object({ date: z.string() }) }),
  Base.extend({ type: z.literal('time'), expect: TimeSchema }),
  Base.extend({
    type: z.literal('phone'),
    expect: z.object({ phone: z.string().nullable().optional(), invalid: z.boolean().optional() }),
  }),
  Base.extend({ type: z.literal('name'), expect: z.object({ name: z.string().nullable() }) }),
  Base.extend({ type: z.literal('yesno'), expect: z.object({ yes: z.boolean().nullable() }) }),
  Base.extend({
    type: z.literal('choice'),
    choices: z.array(z.string()),
    expect: z.object({ choice: z.number().int().nullable() }),
  }),
  Base.extend({
    type: z.literal('correction'),
    slots: z.array(z.string()),
    expect: TimeSchema.extend({ slot: z.string(), value: z.union([z.string(), z.number()]).optional() }),
  }),
  Base.extend({
    type: z.literal('several'),
    expect: z.object({ name: z.string().optional(), phone: z.string().optional(), time: TimeSchema.optional() }),
  }),
]);
export type CorpusEntry = z.infer<typeof CorpusEntrySchema>;
export type SlotType = CorpusEntry['type'];
export const SLOT_TYPES: SlotType[] = ['date', 'time', 'phone', 'name', 'yesno', 'choice', 'correction', 'several'];

const FILE_TYPES: Record<string, SlotType> = {
  dates: 'date',
  times: 'time',
  phones: 'phone',
  names: 'name',
  yesno: 'yesno',
  choices: 'choice',
  corrections: 'correction',
  several: 'several',
};

/** The slot type of a file: "times.usage.json" → time. */
function typeOf(file: string): SlotType {
  const type = FILE_TYPES[file.split('.')[0]!];
  if (!type) throw new Error(`corpus file ${file}: unknown slot type`);
  return type;
}

export async function loadCorpus(): Promise<CorpusEntry[]> {
  const files = (await readdir(CORPUS_DIR)).filter((f) => f.endsWith('.json')).sort();
  const entries: CorpusEntry[] = [];
  for (const file of files) {
    const raw = JSON.parse(await readFile(resolve(CORPUS_DIR, file), 'utf8')) as unknown[];
    for (const [i, item] of raw.entries()) {
      const parsed = CorpusEntrySchema.safeParse({ type: typeOf(file), ...(item as object) });
      if (!parsed.success) throw new Error(`${file}[${i}]: ${parsed.error.message}`);
      entries.push(parsed.data);
    }
  }
  return entries;
}

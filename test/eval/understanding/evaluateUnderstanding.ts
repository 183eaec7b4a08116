/**
 * Runs every corpus entry through a set of slot readers at the entry's own clock and counts passes
 * per slot type, over the whole corpus and over the held-out split alone.
 */
import { resolve } from 'node:path';
import { DateTime } from 'luxon';
import { openIntervalsOn } from '../../../src/domain/schedule/openingHours.js';
import { loadBusiness } from '../../../src/knowledge/markdownLoader.js';
import { loadCorpus, SLOT_TYPES, type CorpusEntry, type SlotType } from './corpus.js';
import { timeMatches, type EvalContext, type SlotReaders } from './readers.js';

export interface Tally {
  n: number;
  pass: number;
}
export interface UnderstandingResult {
  perType: Record<SlotType, { all: Tally; heldout: Tally }>;
  total: { all: Tally; heldout: Tally };
  misses: { type: SlotType; split: string; text: string; now: string; expected: unknown; got: unknown }[];
}

export const EVAL_TIME_ZONE = 'Australia/Sydney';
export const EVAL_REGION = 'AU';

function check(entry: CorpusEntry, r: SlotReaders, ctx: EvalContext): { ok: boolean; got: unknown } {
  switch (entry.type) {
    case 'date': {
      const got = r.date(entry.text, ctx);
      return { ok: got === entry.expect.date, got };
    }
    case 'time': {
      const got = r.time(entry.text, ctx);
      return { ok: timeMatches(entry.expect, got), got };
    }
    case 'phone': {
      const got = r.phone(entry.text, ctx);
      const e = entry.expect;
      const ok = e.invalid ? !got.phone && got.invalid === true : (got.phone ?? null) === (e.phone ?? null);
      return { ok, got };
    }
    case 'name': {
      const got = r.person(entry.text, ctx);
      return { ok: (got ?? null) === entry.expect.name, got };
    }
    case 'yesno': {
      const got = r.yesno(entry.text, ctx);
      return { ok: (got ?? null) === entry.expect.yes, got };
    }
    case 'choice': {
      const got = r.choice(entry.text, entry.choices, ctx);
      return { ok: (got ?? null) === entry.expect.choice, got };
    }
    case 'correction': {
      const got = r.correction(entry.text, entry.slots, ctx);
      const { slot, value, ...time } = entry.expect;
      if (!got || got.slot !== slot) return { ok: false, got };
      const ok = slot === 'time' || slot === 'date' ? timeMatches(time, got) : got.value === value;
      return { ok, got };
    }
    case 'several': {
      const got = r.several(entry.text, ctx);
      const e = entry.expect;
      const ok =
        (got.name ?? undefined) === e.name &&
        (got.phone ?? undefined) === e.phone &&
        (e.time ? timeMatches(e.time, got.time) : !got.time);
      return { ok, got };
    }
  }
}

export async function evaluateUnderstanding(readers: SlotReaders): Promise<UnderstandingResult> {
  const corpus = await loadCorpus();
  const business = await loadBusiness(resolve(import.meta.dirname, '../../../knowledge'));
  const openingOn = (isoDate: string): Array<{ from: string; to: string }> =>
    openIntervalsOn(business, isoDate).map((i) => ({
      from: DateTime.fromJSDate(i.start, { zone: business.timeZone }).toFormat('HH:mm'),
      to: DateTime.fromJSDate(i.end, { zone: business.timeZone }).toFormat('HH:mm'),
    }));
  const empty = (): { all: Tally; heldout: Tally } => ({ all: { n: 0, pass: 0 }, heldout: { n: 0, pass: 0 } });
  const perType = Object.fromEntries(SLOT_TYPES.map((t) => [t, empty()])) as UnderstandingResult['perType'];
  const total = empty();
  const misses: UnderstandingResult['misses'] = [];
  for (const entry of corpus) {
    const now = DateTime.fromISO(entry.now, { zone: EVAL_TIME_ZONE }).toJSDate();
    const ctx: EvalContext = {
      now,
      timeZone: EVAL_TIME_ZONE,
      region: EVAL_REGION,
      openingOn,
      dayFirst: entry.locale !== 'en-US',
    };
    let result: { ok: boolean; got: unknown };
    try {
      result = check(entry, readers, ctx);
    } catch (err) {
      result = { ok: false, got: `threw ${String(err)}` };
    }
    for (const t of [perType[entry.type], total]) {
      t.all.n++;
      if (result.ok) t.all.pass++;
      if (entry.split === 'heldout') {
        t.heldout.n++;
        if (result.ok) t.heldout.pass++;
      }
    }
    if (!result.ok) {
      misses.push({
        type: entry.type,
        split: entry.split,
        text: entry.text,
        now: entry.now,
        expected: entry.expect,
        got: result.got,
      });
    }
  }
  return { perType, total, misses };
}

const rate = (t: Tally): string => (t.n ? (t.pass / t.n).toFixed(2) : '-');

/** Lines for `npm run eval`: one per slot type (all and held-out), then `understanding: 0.NN`. */
export function formatUnderstanding(r: UnderstandingResult, verbose: boolean): string[] {
  const lines = ['slot type    all          held-out'];
  for (const t of SLOT_TYPES) {
    const { all, heldout } = r.perType[t];
    lines.push(
      `${t.padEnd(12)} ${rate(all)} (${all.pass}/${all.n})`.padEnd(26) + ` ${rate(heldout)} (${heldout.pass}/${heldout.n})`,
    );
  }
  lines.push(`held-out understanding: ${rate(r.total.heldout)} (${r.total.heldout.pass}/${r.total.heldout.n})`);
  lines.push(`understanding: ${rate(r.total.all)} (${r.total.all.pass}/${r.total.all.n})`);
  if (verbose) {
    for (const m of r.misses) {
      lines.push(`  miss [${m.type}${m.split === 'heldout' ? ', held-out' : ''}] "${m.text}" @${m.now}`);
      lines.push(`       expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.got)}`);
    }
  }
  return lines;
}

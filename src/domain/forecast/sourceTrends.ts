/**
 * Marketing's result against sales' result per source (all its campaigns together): enquiries (conversations) in the last
 * `windowDays` against the window before, and conversion (won ÷ qualified) in each. A source is
 * flagged when its enquiries rose by at least a fifth while its conversion fell by at least
 * `conversionDrop` (absolute), both windows holding enough qualified leads to tell: marketing is
 * bringing people sales cannot convert.
 */
import { ALL, type DailyStat } from './dailyStat.js';

export interface SourceTrend {
  source: string;
  /** The campaigns seen for the source in either window. */
  campaigns: string[];
  enquiries: { previous: number; recent: number };
  qualified: { previous: number; recent: number };
  won: { previous: number; recent: number };
  conversion: { previous: number | null; recent: number | null };
  flagged: boolean;
}

export interface SourceTrendOptions {
  /** The last closed day (YYYY-MM-DD). */
  lastDay: string;
  windowDays?: number;
  /** Least rise in enquiries, as a share of the previous window. Default 0.2. */
  enquiryRise?: number;
  /** Least fall in conversion, absolute. Default 0.1 (ten percentage points). */
  conversionDrop?: number;
  /** Least qualified leads in each window for its conversion to count. Default 5. */
  minQualified?: number;
}

const addDays = (day: string, days: number): string => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

export function sourceTrends(stats: readonly DailyStat[], options: SourceTrendOptions): SourceTrend[] {
  const windowDays = options.windowDays ?? 14;
  const recentFrom = addDays(options.lastDay, -windowDays + 1);
  const previousFrom = addDays(recentFrom, -windowDays);
  const trends = new Map<string, SourceTrend>();
  for (const s of stats) {
    if (s.channel === ALL || s.day < previousFrom || s.day > options.lastDay) continue;
    const key = s.source;
    const t = trends.get(key) ?? {
      source: s.source,
      campaigns: [],
      enquiries: { previous: 0, recent: 0 },
      qualified: { previous: 0, recent: 0 },
      won: { previous: 0, recent: 0 },
      conversion: { previous: null, recent: null },
      flagged: false,
    };
    const part = s.day >= recentFrom ? 'recent' : 'previous';
    if (!t.campaigns.includes(s.campaign)) t.campaigns.push(s.campaign);
    t.enquiries[part] += s.conversations;
    t.qualified[part] += s.qualified;
    t.won[part] += s.won;
    trends.set(key, t);
  }
  const rise = options.enquiryRise ?? 0.2;
  const drop = options.conversionDrop ?? 0.1;
  const minQualified = options.minQualified ?? 5;
  for (const t of trends.values()) {
    for (const part of ['previous', 'recent'] as const) {
      t.conversion[part] = t.qualified[part] === 0 ? null : t.won[part] / t.qualified[part];
    }
    const { previous, recent } = t.conversion;
    t.flagged =
      t.enquiries.recent >= t.enquiries.previous * (1 + rise) &&
      t.enquiries.recent - t.enquiries.previous >= 5 &&
      t.qualified.previous >= minQualified &&
      t.qualified.recent >= minQualified &&
      previous !== null &&
      recent !== null &&
      previous - recent >= drop;
  }
  return [...trends.values()].sort((a, b) => Number(b.flagged) - Number(a.flagged) || b.enquiries.recent - a.enquiries.recent);
}

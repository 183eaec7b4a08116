/**
 * What the staff home page lists: forecast deviations (actual outside the 80 % interval two days
 * running), callbacks not reached within the grace time after they were due, and sources whose
 * enquiries rise while their conversion falls.
 */
import type { Clock } from '../domain/clock.js';
import type { Deviation } from '../domain/forecast/deviations.js';
import { sourceTrends, type SourceTrend } from '../domain/forecast/sourceTrends.js';
import type { Stores } from '../domain/ports.js';
import { addDays } from './businessDays.js';
import type { ForecastReportService } from './forecastReport.js';
import { maskCallback } from './mask.js';

export interface HomeReport {
  deviations: (Deviation & { dimension: string; key: string; metric: string; ongoing: boolean })[];
  lateCallbacks: { id: string; ref: string; name: string; dueAt: string; minutesLate: number }[];
  sourceTrends: SourceTrend[];
  lastDay: string | null;
  callbackGraceMinutes: number;
}

export function createStaffHome(deps: {
  stores: Pick<Stores, 'callbacks' | 'dailyStats'>;
  forecast: ForecastReportService;
  clock: Clock;
  /** Minutes after its due time an open callback counts as not reached in time. */
  callbackGraceMinutes: number;
}) {
  return async (options: { masked: boolean }): Promise<HomeReport> => {
    const report = await deps.forecast.build({});
    const deviations = report.series
      .filter((s) => s.dimension !== 'source' || s.metric === 'conversations')
      .flatMap((s) =>
        s.deviations.map((d) => ({
          ...d,
          dimension: s.dimension,
          key: s.key,
          metric: s.metric,
          ongoing: d.to === report.lastDay,
        })),
      )
      .sort((a, b) => Number(b.ongoing) - Number(a.ongoing) || (a.to < b.to ? 1 : -1));

    const now = deps.clock.now();
    const cutoff = new Date(now.getTime() - deps.callbackGraceMinutes * 60_000).toISOString();
    const late = await deps.stores.callbacks.query({ where: { status: 'open' }, orderBy: 'dueAt', to: cutoff, limit: 50 });
    // Duplicate bookings (same phone and slot) are one call to make, as in the queue.
    const seen = new Set<string>();
    const unique = late.items.filter((c) => !seen.has(`${c.phone}|${c.dueAt}`) && Boolean(seen.add(`${c.phone}|${c.dueAt}`)));
    const lateCallbacks = unique.map((c) => {
      const shown = options.masked ? maskCallback(c) : c;
      return {
        id: c.id,
        ref: c.ref,
        name: shown.name,
        dueAt: c.dueAt,
        minutesLate: Math.round((now.getTime() - Date.parse(c.dueAt)) / 60_000),
      };
    });

    let trends: SourceTrend[] = [];
    if (report.lastDay) {
      const stats = await deps.stores.dailyStats.query({ orderBy: 'day', from: addDays(report.lastDay, -27) });
      trends = sourceTrends(stats.items, { lastDay: report.lastDay });
    }
    return {
      deviations,
      lateCallbacks,
      sourceTrends: trends,
      lastDay: report.lastDay,
      callbackGraceMinutes: deps.callbackGraceMinutes,
    };
  };
}

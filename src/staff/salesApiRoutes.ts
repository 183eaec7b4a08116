/**
 * The sales side of the staff API: `GET /staff/api/forecast` (JSON, or CSV with `format=csv` or
 * `Accept: text/csv`), `GET|PUT /staff/api/plans`, `GET /staff/api/objections` and
 * `GET /staff/api/home`. Plans are changed by managers only.
 */
import type restify from 'restify';
import type { ForecastReportService } from './forecastReport.js';
import type { createObjectionsReport } from './objectionsReport.js';
import type { SalesPlans } from './salesPlans.js';
import { ForecastQuery, ObjectionsQuery, PlanBody, PlanQuery } from './salesParams.js';
import type { createStaffHome } from './staffHome.js';
import { parse, queryOf, sendBody } from './staffHttp.js';
import type { Guard } from './staffHttp.js';

export interface SalesApiDeps {
  guard: Guard;
  forecast: ForecastReportService;
  plans: SalesPlans;
  objections: ReturnType<typeof createObjectionsReport>;
  home: ReturnType<typeof createStaffHome>;
}

export function registerSalesApi(server: restify.Server, deps: SalesApiDeps): void {
  const { guard } = deps;
  const masked = (role: string) => ({ masked: role !== 'manager' });

  server.get(
    '/staff/api/forecast',
    guard(async (req, res) => {
      const { format, ...query } = parse(ForecastQuery, queryOf(req));
      const wantsCsv = format === 'csv' || (format === undefined && (req.headers.accept ?? '').includes('text/csv'));
      if (!wantsCsv) return void res.send(200, await deps.forecast.build(query));
      sendBody(res, 200, 'text/csv; charset=utf-8', await deps.forecast.csv(query), {
        'Content-Disposition': 'attachment; filename="forecast.csv"',
      });
    }),
  );

  server.get(
    '/staff/api/plans',
    guard(async (req, res) => {
      res.send(200, { items: await deps.plans.list(parse(PlanQuery, queryOf(req)).month) });
    }),
  );

  server.put(
    '/staff/api/plans',
    guard(
      async (req, res, who) => {
        const body = parse(PlanBody, req.body ?? {});
        res.send(200, { plan: (await deps.plans.set(body, who.name)) ?? null });
      },
      { managers: true },
    ),
  );

  server.get(
    '/staff/api/objections',
    guard(async (req, res, who) => {
      res.send(200, await deps.objections(parse(ObjectionsQuery, queryOf(req)), masked(who.role)));
    }),
  );

  server.get(
    '/staff/api/home',
    guard(async (_req, res, who) => {
      res.send(200, await deps.home(masked(who.role)));
    }),
  );
}

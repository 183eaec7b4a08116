/** Parameters of the forecast, plan and objections routes, validated at the edge. */
import { z } from 'zod';
import { MAX_HORIZON, MIN_HORIZON } from '../domain/forecast/forecastSeries.js';
import { FunnelQuery } from './staffParams.js';

const realDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d, 'not a real date');

export const ForecastQuery = z
  .object({
    /** The forecast's origin: the first day forecast, a local date. */
    from: realDay.optional(),
    days: z.coerce.number().int().min(MIN_HORIZON).max(MAX_HORIZON).optional(),
    format: z.enum(['json', 'csv']).optional(),
  })
  .strict();

const count = z.number().int().min(0).max(10_000_000).nullable().optional();

export const PlanBody = z
  .object({
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM'),
    channel: z.string().trim().min(1).max(128),
    conversations: count,
    won: count,
  })
  .strict()
  .refine((p) => p.conversations !== undefined || p.won !== undefined, 'give conversations or won (null clears)');

export const PlanQuery = z
  .object({
    month: z
      .string()
      .regex(/^\d{4}-\d{2}$/)
      .optional(),
  })
  .strict();

export const ObjectionsQuery = FunnelQuery;

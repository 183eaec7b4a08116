/**
 * The parameters of the staff API, validated at the edge. Dates are given as `YYYY-MM-DD` (a whole
 * day, UTC) or as ISO date-times with an offset; both become ISO UTC strings.
 */
import { z } from 'zod';
import { CallbackOutcome, CallbackStatus, ConversationOutcome } from '../domain/model.js';

const day = /^\d{4}-\d{2}-\d{2}$/;
/** A date or date-time; `endOfDay` turns a bare date into the start of the next day (exclusive end). */
const dateParam = (endOfDay: boolean) =>
  z.union([z.string().regex(day), z.iso.datetime({ offset: true })]).transform((value, ctx) => {
    const date = new Date(day.test(value) ? `${value}T00:00:00Z` : value);
    // Date rolls 2025-02-30 over to March: the calendar day written must exist.
    const written = value.slice(0, 10);
    const real = new Date(`${written}T00:00:00Z`);
    if (Number.isNaN(date.getTime()) || Number.isNaN(real.getTime()) || real.toISOString().slice(0, 10) !== written) {
      ctx.addIssue({ code: 'custom', message: 'not a real date' });
      return z.NEVER;
    }
    if (endOfDay && day.test(value)) date.setUTCDate(date.getUTCDate() + 1);
    return date.toISOString();
  });

const paging = {
  cursor: z.string().min(1).max(512).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
};
const text = z.string().trim().min(1).max(200);

/** For routes that take no query parameters: anything given is an error. */
export const NoParams = z.object({}).strict();

export const IdParam = z.object({ id: z.string().min(1).max(512) });

export const ConversationListQuery = z
  .object({
    channel: z.string().min(1).max(128).optional(),
    outcome: ConversationOutcome.optional(),
    from: dateParam(false).optional(),
    to: dateParam(true).optional(),
    q: text.optional(),
    ...paging,
  })
  .strict();
export type ConversationListQuery = z.infer<typeof ConversationListQuery>;

const nonEmpty = (value: object): boolean => Object.keys(value).length > 0;

export const ConversationPatch = z
  .object({
    tags: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
    /** null removes the note. */
    note: z.string().max(2000).nullable().optional(),
    /** null removes the rating. */
    rating: z.number().int().min(1).max(5).nullable().optional(),
    reviewed: z.boolean().optional(),
  })
  .strict()
  .refine(nonEmpty, 'give at least one of tags, note, rating, reviewed');
export type ConversationPatch = z.infer<typeof ConversationPatch>;

export const CustomerListQuery = z.object({ q: text.optional(), ...paging }).strict();
export type CustomerListQuery = z.infer<typeof CustomerListQuery>;

export const CallbackListQuery = z
  .object({ status: z.union([CallbackStatus, z.literal('all')]).default('open'), ...paging })
  .strict();
export type CallbackListQuery = z.infer<typeof CallbackListQuery>;

export const CallbackPatch = z
  .object({
    status: CallbackStatus.optional(),
    /** Setting an outcome without a status marks the callback done; null removes it. */
    outcome: CallbackOutcome.nullable().optional(),
    note: z.string().max(2000).optional(),
  })
  .strict()
  .refine(nonEmpty, 'give at least one of status, outcome, note')
  .refine((p) => !p.outcome || p.status === undefined || p.status === 'done', {
    message: 'an outcome needs status "done"',
    path: ['outcome'],
  });
export type CallbackPatch = z.infer<typeof CallbackPatch>;

export const FunnelQuery = z
  .object({ from: dateParam(false).optional(), to: dateParam(true).optional() })
  .strict()
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: '"from" must be before "to"', path: ['to'] });
export type FunnelQuery = z.infer<typeof FunnelQuery>;

export const SignInBody = z.object({
  name: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});

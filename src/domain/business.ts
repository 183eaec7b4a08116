/**
 * The business's settings (knowledge/business.yaml): who it is, when it is open, and the rules for
 * callbacks. Every field has a default so a knowledge folder without the file still works.
 */
import { z } from 'zod';
import { ConsultationSchema } from './consulting/consultationSchema.js';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24-hour)');

/** One opening interval in local time, e.g. { open: "09:00", close: "17:00" }. */
const IntervalSchema = z
  .object({ open: hhmm, close: hhmm })
  .refine((i) => i.open < i.close, { message: 'open must be before close' });

const day = z.array(IntervalSchema).default([]);

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

export const BusinessSchema = z.object({
  name: z.string().min(1).default('Our business'),
  /** IANA time zone in which opening hours, holidays and customers' times are read. */
  timeZone: z
    .string()
    .default('UTC')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'unknown IANA time zone'),
  /** BCP 47 language tag for replies and speech, e.g. en-AU. */
  locale: z.string().default('en-US'),
  /** ISO 3166 region used to read phone numbers written without a country code. */
  defaultPhoneRegion: z.string().length(2).toUpperCase().default('US'),
  currency: z.string().length(3).default('USD'),
  openingHours: z
    .object({
      monday: day,
      tuesday: day,
      wednesday: day,
      thursday: day,
      friday: day,
      saturday: day,
      sunday: day,
    })
    .default({
      monday: [{ open: '09:00', close: '17:00' }],
      tuesday: [{ open: '09:00', close: '17:00' }],
      wednesday: [{ open: '09:00', close: '17:00' }],
      thursday: [{ open: '09:00', close: '17:00' }],
      friday: [{ open: '09:00', close: '17:00' }],
      saturday: [],
      sunday: [],
    }),
  /** Dates (YYYY-MM-DD, local) on which the business is closed. */
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')).default([]),
  /** A callback may be booked no sooner than this many minutes from now. */
  callbackLeadMinutes: z.number().int().nonnegative().default(60),
  /** Length of a callback window offered to the customer. */
  callbackWindowMinutes: z.number().int().positive().default(30),
  /**
   * What the business sells, as customers name it: used to recognise products in messages and to
   * record product interest and order requests. Facts about each product stay in the Markdown.
   */
  products: z
    .array(
      z.object({
        name: z.string().min(1),
        aliases: z.array(z.string()).default([]),
        /** Minimum notice for an order of this product, in hours (default: orderLeadHours). */
        leadTimeHours: z.number().int().nonnegative().optional(),
        /** Sizes or variants a customer can choose, as written in the knowledge. */
        sizes: z.array(z.string()).default([]),
        /**
         * Options a customer names with an order (flavours, colours…): each is a name and the words
         * that pick it, e.g. { name: Double chocolate, words: [chocolate] }.
         */
        options: z.array(z.object({ name: z.string().min(1), words: z.array(z.string()).default([]) })).default([]),
      }),
    )
    .default([]),
  /** Default minimum notice for an order request, in hours. */
  orderLeadHours: z.number().int().nonnegative().default(48),
  /**
   * Where the business delivers: named areas (suburbs, towns, postcodes) grouped in zones. Empty
   * means the business does not deliver; order requests are then pickup only.
   */
  delivery: z
    .object({
      zones: z.array(z.object({ name: z.string(), areas: z.array(z.string()).min(1) })).default([]),
      /** Said when an address is in no known area. */
      unknownAreaNote: z.string().optional(),
    })
    .default({ zones: [] }),
  /** Number to transfer phone calls to when a caller asks for a person (E.164). */
  staffPhone: z.string().optional(),
  /**
   * What to learn before advising and what each product offers (see consultationSchema.ts). Absent:
   * the bot still answers questions, and offers a person or a callback when asked for advice.
   */
  consultation: ConsultationSchema.optional(),
});
export type Business = z.infer<typeof BusinessSchema>;

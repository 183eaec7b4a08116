/**
 * The shape of an activity the bot accepts at /api/messages, checked once at the edge. The fields
 * the bot needs to answer are required and a request without them is a 400. Extras a channel may
 * send oddly (null entities, a date that is not one, members that are not a list, lone UTF-16
 * surrogates) are repaired or dropped here, so a well-formed message with odd extras still gets an
 * answer and nothing downstream meets a type it did not expect.
 */
import { z } from 'zod';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as well-formed Unicode: a lone surrogate becomes U+FFFD. */
const text = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => s.replace(LONE_SURROGATE, '\uFFFD'));

/** An id: printable, well-formed, bounded. */
const id = (max: number) =>
  text(max)
    .pipe(z.string().min(1))
    .refine((s) => !/\p{Cc}/u.test(s), 'control characters are not allowed')
    // "." and ".." would change the path of the reply URL the id is put into.
    .refine((s) => s !== '.' && s !== '..', 'not a valid id');

const account = z.looseObject({ id: id(512), name: z.string().max(256).optional().catch(undefined) });

/** Kept when valid; dropped (undefined) otherwise. */
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const date = z
  .string()
  .max(64)
  .refine((s) => !Number.isNaN(Date.parse(s)));

/** A list whose invalid members are left out; a value that is not a list is dropped. */
const listOf = <T extends z.ZodType>(item: T, max: number) =>
  z
    .unknown()
    .transform((v) =>
      Array.isArray(v)
        ? v.slice(0, max).flatMap((x) => {
            const r = item.safeParse(x);
            return r.success ? [r.data as z.output<T>] : [];
          })
        : undefined,
    )
    .optional();

export const InboundActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: optional(id(256)),
  channelId: id(128),
  serviceUrl: z.url().max(2048),
  conversation: z.looseObject({ id: id(512) }),
  from: account,
  recipient: optional(account),
  text: z
    .union([text(100_000), z.null()])
    .optional()
    .transform((v) => v ?? undefined),
  speak: optional(text(100_000)),
  locale: optional(z.string().regex(/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,4}$/)),
  timestamp: optional(date),
  localTimestamp: optional(date),
  localTimezone: optional(z.string().max(64)),
  replyToId: optional(id(256)),
  name: optional(text(256)),
  entities: listOf(z.looseObject({ type: z.string().max(128) }), 64),
  attachments: listOf(z.looseObject({ contentType: z.string().max(256) }), 32),
  membersAdded: listOf(account, 64),
  membersRemoved: listOf(account, 64),
  channelData: optional(z.looseObject({})),
  suggestedActions: optional(z.looseObject({})),
});

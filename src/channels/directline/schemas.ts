/** What clients may send to the embedded Direct Line, validated once at the edge. */
import { z } from 'zod';

const id = z.string().min(1).max(128);

/** POST /tokens/generate and /conversations: an optional user (honoured only with the secret). */
export const StartBodySchema = z
  .object({
    user: z.object({ id: id.regex(/^[\w.:@-]+$/).optional(), name: z.string().max(200).optional() }).optional(),
    locale: z.string().max(20).optional(),
  })
  .passthrough()
  .optional();

/**
 * POST /conversations/:id/activities. Only these fields reach the bot; the server sets id, from,
 * recipient, conversation, channelId, serviceUrl and timestamp itself.
 */
export const PostActivitySchema = z.object({
  type: z.enum(['message', 'event', 'typing']),
  text: z.string().max(20_000).optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  locale: z.string().max(20).optional(),
  name: z.string().max(256).optional(),
  value: z.unknown().optional(),
  from: z
    .object({ id: z.string().max(128).optional(), name: z.string().max(200).optional() })
    .passthrough()
    .optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
  entities: z
    .array(z.object({ type: z.string().max(100) }).passthrough())
    .max(20)
    .optional(),
  attachments: z.array(z.unknown()).max(0, 'attachments are not supported').optional(),
  localTimestamp: z.string().max(64).optional(),
  localTimezone: z.string().max(64).optional(),
  replyToId: z.string().max(256).optional(),
});

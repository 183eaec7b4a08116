/**
 * The `consultation` section of business.yaml: what the business wants to learn before it advises
 * (needs), and the products with the attributes those needs filter on. The engine
 * (consultTurn.ts) reads only this, so a second business consults about its own trade with no code.
 */
import { z } from 'zod';

/** Entities a need can be recognised by (the understanding layer's, plus consulting's own). */
const NEED_ENTITIES = ['servings', 'quantity', 'budget', 'date', 'height', 'age'] as const;

const words = z.array(z.string().min(1)).default([]);

const NeedValueSchema = z.object({
  /** The value as the business names it, e.g. "gluten-free"; products list these names. */
  name: z.string().min(1),
  /** What customers say for it anywhere in a message ("gf", "coeliac"); the name itself counts too. */
  words,
  /** Words that mean this value only as a reply to the need's own question ("no" → regular bike). */
  replies: words,
  /** Heading of the passage that tells customers about this value (stated when it is heard). */
  passage: z.string().optional(),
  /** How the acknowledgement names it (default: the name; '' to leave it out). */
  ack: z.string().optional(),
});

const NeedSchema = z
  .object({
    /** Stable key, used in products' attributes and lead facts. */
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and _'),
    /** The question the bot asks for it (one open question). */
    question: z.string().min(3),
    /** Recognised by an entity… */
    entity: z.enum(NEED_ENTITIES).optional(),
    /** …or by a list of values and the words customers use. */
    values: z.array(NeedValueSchema).default([]),
    /** Phrases meaning "nothing to consider" for this need ("no allergies"). */
    none: words,
    /** A hard constraint is never broken: a product without a fitting attribute is never suggested. */
    hard: z.boolean().default(false),
    /** Acknowledgement of an entity value: "{value}" and "{text}" (as said) are filled in. */
    ack: z.string().optional(),
    /** Heading of a passage about this need in general (stated when no product sentence fits). */
    passage: z.string().optional(),
    /** Words that mark a product sentence as being about this need ("notice", "flavour"). */
    cue: words,
    /** Words that show a question is about this need (for checking a language model's wording). */
    keywords: words,
  })
  .refine((n) => (n.entity === undefined) !== (n.values.length === 0), {
    message: 'a need is recognised either by an entity or by a list of values',
  });
export type Need = z.infer<typeof NeedSchema>;

/** A range ({min, max}, either open) or a single number. */
const RangeSchema = z.union([
  z.number(),
  z
    .object({ min: z.number().optional(), max: z.number().optional() })
    .refine((r) => r.min !== undefined || r.max !== undefined, 'give min, max or both'),
]);

const ConsultProductSchema = z.object({
  name: z.string().min(1),
  /** Heading of the passage that describes it; recommendations cite it. */
  passage: z.string().min(1),
  /** How the passage names it, when not by its name ("three-tier cake"). */
  mention: z.string().optional(),
  /** Other names customers use for it ("metro 3"). */
  aliases: words,
  /** The product an order request for it is for (a business.yaml `products` name). */
  order: z.string().optional(),
  /**
   * Per need id: a range or number for entity needs (servings covered, price, notice hours, rider
   * height or age), or the value names it offers for value needs.
   */
  attributes: z.record(z.string(), z.union([RangeSchema, z.array(z.string().min(1))])).default({}),
});
export type ConsultProduct = z.infer<typeof ConsultProductSchema>;

export const ConsultationSchema = z
  .object({
    needs: z.array(NeedSchema).min(1),
    products: z.array(ConsultProductSchema).min(1),
  })
  .superRefine((c, ctx) => {
    const ids = new Set(c.needs.map((n) => n.id));
    for (const [i, p] of c.products.entries()) {
      for (const [key, value] of Object.entries(p.attributes)) {
        const need = c.needs.find((n) => n.id === key);
        if (!ids.has(key))
          ctx.addIssue({ code: 'custom', path: ['products', i, 'attributes', key], message: 'no need has this id' });
        else if (need && Array.isArray(value) !== need.values.length > 0)
          ctx.addIssue({
            code: 'custom',
            path: ['products', i, 'attributes', key],
            message: need.values.length ? 'expected a list of value names' : 'expected a number or {min, max}',
          });
        else if (need && Array.isArray(value))
          for (const v of value)
            if (!need.values.some((nv) => nv.name === v))
              ctx.addIssue({ code: 'custom', path: ['products', i, 'attributes', key], message: `unknown value "${v}"` });
      }
    }
  });
export type Consultation = z.infer<typeof ConsultationSchema>;

/** Every passage heading the consultation cites, to check against the Markdown when loading. */
export function citedHeadings(c: Consultation): string[] {
  return [...c.products.map((p) => p.passage), ...c.needs.flatMap((n) => [n.passage, ...n.values.map((v) => v.passage)])].filter(
    (h): h is string => h !== undefined,
  );
}

/**
 * Offline entity extraction. Extractors run from the most to the least specific, and each masks
 * (blanks out, keeping offsets) the text it used, so that later ones do not read the same
 * characters again: e-mail → reference code → phone → date/time → money → head count → quantity.
 * Names and products read the original text.
 */
import { extractBudget, extractQuantity, extractServings } from './extractAmounts.js';
import { extractName } from './extractName.js';
import { extractWhen } from './extractWhen.js';
import { readPhone } from './readPhone.js';
import { whenEntity } from './whenEntity.js';
import { matchProducts } from './matchProducts.js';
import { mayHoldNumber } from './numberWords.js';
import type { Entities, RecognizerContext } from './types.js';

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/i;
/** Six letters/digits with at least one of each; unit-like tokens ("12inch", "1230pm") excluded. */
const REF_CODE = /(?<![\w@.-])(?=[a-z]*\d)(?=\d*[a-z])[a-z0-9]{6}(?![\w@-])/gi;
const REF_CUE = /\b(?:cancel|move|reschedule|reference|ref|booking|code|callback|call back|order number)\b/i;
const NOT_REF =
  /^\d+(?:am|pm|inch|in|cm|mm|kg|g|gr|ml|pcs|pc|th|st|nd|rd|hrs|hr|min|mins|yo|yrs|kids|ppl|pax|x)$|^[a-z]+\d{1,2}$/i;

export function extractEntities(text: string, context: RecognizerContext): Entities {
  const entities: Entities = {};
  let rest = text;
  const mask = (span: [number, number] | undefined): void => {
    if (span) rest = rest.slice(0, span[0]) + ' '.repeat(span[1] - span[0]) + rest.slice(span[1]);
  };

  const email = EMAIL.exec(rest);
  if (email) {
    entities.email = email[0].toLowerCase();
    mask([email.index, email.index + email[0].length]);
  }

  for (const m of rest.matchAll(REF_CODE)) {
    // "size10" and "CAKES2" are words; after "cancel" or "reference", "HJSWJ5" is a reference.
    if (NOT_REF.test(m[0]) && !REF_CUE.test(text)) continue;
    entities.refCode = m[0].toUpperCase();
    mask([m.index ?? 0, (m.index ?? 0) + 6]);
    break;
  }

  const phone = readPhone(rest, context.defaultPhoneRegion);
  if (phone.phone) entities.phone = phone.phone;
  if (phone.invalidPhone) entities.invalidPhone = phone.invalidPhone;
  phone.spans.forEach(mask);

  // Recognizers-Text with the own rules reads the time; chrono's span tells which characters to mask.
  const when = whenEntity(rest, context);
  if (when) entities.when = when;
  // The mask only keeps the amounts below from reading the time's numbers: with no digit or number
  // word left, they find nothing either way, and chrono's parse is skipped.
  if (mayHoldNumber(rest)) mask(extractWhen(rest, context.timeZone, context.now, context.locale, { spanOnly: true }).span);

  const budget = extractBudget(rest);
  if (budget) entities.budget = budget.value;
  mask(budget?.span);

  const servings = extractServings(rest);
  if (servings) entities.servings = servings.value;
  mask(servings?.span);

  const quantity = extractQuantity(rest, context.products);
  if (quantity) entities.quantity = quantity.value;

  const name = extractName(text);
  if (name.name) entities.name = name.name;

  const products = matchProducts(text, context.products);
  if (products.length) entities.products = products;

  return entities;
}

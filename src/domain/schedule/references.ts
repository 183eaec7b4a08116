/**
 * Short references read back to customers ("your reference is K7M2QD") and typed or spoken back
 * later. The alphabet leaves out characters that are easily confused in print or speech.
 */
import { AppError } from '../errors.js';

/** Digits 2–9 and A–Z without I, L and O: no 0/O or 1/I/L look-alikes. 31 characters. */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const REFERENCE_LENGTH = 6;

/** Fills a byte array with random values, like `crypto.getRandomValues`. */
export type RandomBytes = (bytes: Uint8Array) => Uint8Array;

const defaultRandom: RandomBytes = (bytes) => globalThis.crypto.getRandomValues(bytes);
const VALID = new RegExp(`^[${REFERENCE_ALPHABET}]{${REFERENCE_LENGTH}}$`);
const MAX_ATTEMPTS = 1000;
/**
 * Codes the message reader takes for something else — a word with a number ("TIER22") or a
 * quantity with a unit ("12PCS", "3PM") — and would not find when a customer quotes them back.
 */
const READS_AS_WORD = /^[A-Z]+\d{1,2}$|^\d+[A-Z]{1,4}$/;

/**
 * A new reference: {@link REFERENCE_LENGTH} characters from {@link REFERENCE_ALPHABET}, with at
 * least one letter and one digit (so it never reads as a number or a word). Uniform over such codes:
 * bytes that would bias the alphabet and codes without both kinds are drawn again.
 */
export function newReference(random: RandomBytes = defaultRandom): string {
  // 248 = 8 × 31: bytes from 248 up would make the first 8 characters more likely.
  const limit = 256 - (256 % REFERENCE_ALPHABET.length);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    let code = '';
    while (code.length < REFERENCE_LENGTH) {
      for (const byte of random(new Uint8Array(REFERENCE_LENGTH * 2))) {
        if (byte < limit && code.length < REFERENCE_LENGTH) code += REFERENCE_ALPHABET[byte % REFERENCE_ALPHABET.length];
      }
    }
    if (/\d/.test(code) && /[A-Z]/.test(code) && !READS_AS_WORD.test(code)) return code;
  }
  throw new AppError('random_source', `no usable reference after ${MAX_ATTEMPTS} attempts; is the random source random?`);
}

/**
 * A reference as a customer typed or said it, in canonical form: upper case, without spaces,
 * dashes or dots. No look-alikes are mapped: 0, O, 1, I and L never occur in a reference, so there is
 * no right character to map them to — the result then fails {@link isReference} and the bot asks again.
 */
export function normalizeReference(text: string): string {
  return text.toUpperCase().replace(/[\s\-_.·/#]+/g, '');
}

/** Whether `text` (already normalised) could be a reference. */
export function isReference(text: string): boolean {
  return VALID.test(text) && /\d/.test(text) && /[A-Z]/.test(text);
}

import { describe, expect, it } from 'vitest';
import { isReference, newReference, normalizeReference, REFERENCE_ALPHABET } from '../../src/domain/schedule/references.js';

/** A random source that hands out the given bytes in order, over and over. */
function scripted(bytes: number[]) {
  let i = 0;
  return (array: Uint8Array) => {
    for (let j = 0; j < array.length; j++) array[j] = bytes[i++ % bytes.length] ?? 0;
    return array;
  };
}

describe('newReference', () => {
  it('when references are made, then each has 6 characters from the alphabet with a letter and a digit', () => {
    for (let n = 0; n < 500; n++) {
      const ref = newReference();
      expect(ref).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);
      expect(ref).toMatch(/\d/);
      expect(ref).toMatch(/[A-Z]/);
      expect(isReference(ref)).toBe(true);
    }
  });

  it('when the alphabet is inspected, then it has none of 0, O, 1, I or L', () => {
    expect(REFERENCE_ALPHABET).not.toMatch(/[0O1IL]/);
    expect(new Set(REFERENCE_ALPHABET).size).toBe(REFERENCE_ALPHABET.length);
  });

  it('when the random source is injected, then the reference is deterministic', () => {
    // Indices 0..5 → "234567" has no letter and is drawn again; 8..13 → "ABCDEF" has no digit either.
    const random = scripted([0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13, 0, 8, 1, 9, 2, 10]);
    expect(newReference(random)).toBe('2A3B4C');
  });

  it('when a byte would bias the alphabet, then it is skipped', () => {
    expect(newReference(scripted([255, 248, 0, 8, 1, 9, 2, 10]))).toBe('2A3B4C');
  });

  it('when the random source never yields a digit, then an error is thrown instead of looping', () => {
    expect(() => newReference(scripted([8]))).toThrow(/random source/);
  });
});

describe('normalizeReference', () => {
  it('when a reference is typed in lower case with spaces or dashes, then it is canonical', () => {
    expect(normalizeReference(' k7m-2qd ')).toBe('K7M2QD');
    expect(normalizeReference('K 7 M 2 Q D')).toBe('K7M2QD');
    expect(isReference(normalizeReference('k7m.2qd'))).toBe(true);
  });

  it('when it contains a character never used (0, O, 1, I, L), then it is kept and is not a reference', () => {
    expect(normalizeReference('k7m2q0')).toBe('K7M2Q0');
    for (const text of ['K7M2Q0', 'K7M2QO', 'K7M2Q1', 'K7M2QI', 'K7M2QL']) expect(isReference(text)).toBe(false);
  });

  it('when it has the wrong length or only letters or only digits, then it is not a reference', () => {
    expect(isReference('K7M2Q')).toBe(false);
    expect(isReference('K7M2QDX')).toBe(false);
    expect(isReference('ABCDEF')).toBe(false);
    expect(isReference('234567')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { CHAT_SHORTHAND } from '../../src/domain/understanding/chatShorthand.js';
import { normaliseForIntent } from '../../src/domain/understanding/normaliseForIntent.js';
import { analyze } from '../../src/knowledge/analyzer.js';

describe('the one table of chat shorthand', () => {
  const entries = Object.entries(CHAT_SHORTHAND);

  it('when the table is read, then it has the common shorthand', () => {
    expect(entries.length).toBeGreaterThan(20);
    expect(CHAT_SHORTHAND).toMatchObject({ u: 'you', pls: 'please', tmrw: 'tomorrow' });
  });

  it.each(entries)('when "%s" is read for intent, then it is "%s"', (short, long) => {
    expect(normaliseForIntent(`${short} ok`).text).toBe(`${long} okay`);
  });

  it.each(entries)('when "%s" is analysed for the knowledge, then it is read as "%s"', (short, long) => {
    expect(analyze(`${short} delivery`)).toEqual(analyze(`${long} delivery`));
    expect(analyze(`${short} delivery`)).not.toContain(short);
  });
});

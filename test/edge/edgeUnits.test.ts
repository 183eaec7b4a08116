import { describe, expect, it } from 'vitest';
import { isLoopback } from '../../src/server.js';
import { capabilitiesOf, PLAIN_TEXT } from '../../src/channels/capabilities.js';
import { splitMessage } from '../../src/channels/render/splitMessage.js';

describe('reply addresses without an app id', () => {
  it.each([
    ['http://127.0.0.1:3978/', true],
    ['http://127.1.2.3/', true],
    ['https://localhost/', true],
    ['http://[::1]:80/', true],
    ['http://127.0.0.1.attacker.example/', false],
    ['http://127.attacker.example/', false],
    ['http://localhost.attacker.example/', false],
    ['ftp://127.0.0.1/', false],
    ['file:///etc/passwd', false],
    ['http://10.0.0.1/', false],
    ['http://[::ffff:7f00:1]/', false],
  ])('when the address is %s, then loopback is %s', (url, expected) => {
    expect(isLoopback(new URL(url))).toBe(expected);
  });
});

describe('channel capabilities keyed by outside input', () => {
  it.each(['__proto__', 'constructor', 'Constructor', 'toString', 'valueOf', 'hasOwnProperty'])(
    'when the channel is %s, then it gets the plain-text row',
    (id) => {
      expect(capabilitiesOf(id)).toEqual(PLAIN_TEXT);
    },
  );
});

describe('message splitting has a bound', () => {
  it('when the limit is not a positive number, then it still ends', () => {
    for (const max of [Number.NaN, 0, -5, undefined as unknown as number]) {
      const parts = splitMessage('word '.repeat(500), max);
      expect(parts.length).toBeGreaterThan(0);
      expect(parts.length).toBeLessThan(10_000);
    }
  });
});

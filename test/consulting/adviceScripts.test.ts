import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADVICE_SCRIPTS } from './adviceScripts.js';
import { openShop, runScript } from './adviceRules.js';

for (const shopName of ['bakery', 'bikes'] as const) {
  describe(`scripted consultations over HTTP: ${shopName}`, () => {
    let shop: Awaited<ReturnType<typeof openShop>>;
    beforeAll(async () => {
      shop = await openShop(shopName);
    });
    afterAll(async () => {
      await shop.bot.stop();
    });
    for (const script of ADVICE_SCRIPTS.filter((s) => s.shop === shopName)) {
      it(`when ${script.name}, then every rule holds`, async () => {
        const result = await runScript(shop, script);
        expect(result.failures, result.transcript.join('\n')).toEqual([]);
      });
    }
  });
}

describe('the scripted consultations', () => {
  it('when counted, then there are at least 30 across both shops', () => {
    expect(ADVICE_SCRIPTS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(ADVICE_SCRIPTS.map((s) => s.shop))).toEqual(new Set(['bakery', 'bikes']));
  });
});

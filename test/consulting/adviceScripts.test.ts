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
    if (shopName === 'bakery') {
      it('when a suggestion breaks what the script allows or a booking starts unasked, then the checker reports it', async () => {
        const wrong = await runScript(shop, {
          name: 'checker',
          shop: 'bakery',
          turns: ['which cake should I get for a birthday for 20 people on Saturday? no allergies', 'yes'],
          recommends: ['Small celebration cake'],
        });
        expect(wrong.failures).toEqual([
          'turn 1: a booking nobody asked for',
          'recommended Large celebration cake, which does not fit every constraint',
        ]);
      });
    }
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

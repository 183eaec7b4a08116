import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { priceOrder } from '../../src/domain/consulting/priceOrder.js';
import { loadBusiness } from '../../src/knowledge/markdownLoader.js';

const REPO = join(import.meta.dirname, '../..');
const bakery = (await loadBusiness(join(REPO, 'knowledge'))).consultation;
const bikes = (await loadBusiness(join(REPO, 'test/fixtures/knowledge-bikes'))).consultation;
const names = (r: ReturnType<typeof priceOrder>): string[] | undefined => r?.products.map((p) => p.product.name);

describe('priceOrder', () => {
  it('when the cheapest of a kind is asked, then that kind in rising price, three at most', () => {
    expect(names(priceOrder(bakery, 'whats your cheapest cake'))).toEqual([
      'Small celebration cake',
      'Medium celebration cake',
      'Large celebration cake',
    ]);
    expect(names(priceOrder(bikes, 'cheapest mountain bike?'))).toEqual(['Cascadia Ridge hardtail', 'Cascadia Ridge FS']);
  });

  it('when the most expensive is asked, then the dearest first, and "e-bike" is read as the kind', () => {
    const r = priceOrder(bikes, 'what is the most expensive e-bike');
    expect(r?.order).toBe('dearest');
    expect(r?.products[0]).toMatchObject({ product: { name: 'Cascadia Ridge E mountain' }, price: 4299 });
    expect(r?.products.every((p) => p.product.passage === 'Which e-bikes do you carry?')).toBe(true);
  });

  it('when no kind is named, then every priced product counts', () => {
    expect(priceOrder(bakery, 'cheapest option?')?.products[0]?.product.name).toBe('Cookie box');
  });

  it('when the kind is not sold, when nothing is about price order, or with no consultation, then nothing', () => {
    expect(priceOrder(bakery, 'cheapest bike')).toBeUndefined();
    expect(priceOrder(bikes, 'is it cheap')).toBeUndefined();
    expect(priceOrder(bikes, 'how much is a tune up')).toBeUndefined();
    expect(priceOrder(undefined, 'whats your cheapest cake')).toBeUndefined();
  });
});

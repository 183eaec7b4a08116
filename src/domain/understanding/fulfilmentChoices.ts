/** Pickup or delivery, as customers say them; the order dialog offers these two choices. */
import type { ChoiceOption } from './readChoice.js';

export const FULFILMENT_CHOICES: ChoiceOption[] = [
  {
    label: 'Pickup',
    synonyms: [
      'pick up',
      'pick it up',
      'picking up',
      'collect',
      'collection',
      'click and collect',
      'come and get',
      'come in',
      'come by',
      'grab it',
    ],
  },
  {
    label: 'Delivery',
    synonyms: ['deliver', 'delivered', 'delivering', 'bring it', 'bring them', 'send it', 'send them', 'drop it off', 'drop off'],
  },
];

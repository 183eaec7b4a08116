/** Opening hours, callback slots and references: the scheduling rules of the domain. */
export * from './openingHours.js';
export * from './callbackSlots.js';
export * from './references.js';

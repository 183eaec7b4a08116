/**
 * CSV exports of customers and callbacks (every record, masked for viewers). They read whole
 * collections: meant for the occasional spreadsheet, not for syncing.
 */
import type { Callback, Customer } from '../domain/model.js';
import type { Stores } from '../domain/ports.js';
import { maskCallback, maskCustomer } from './mask.js';
import { toCsv } from './toCsv.js';

export function createStaffExports(deps: { stores: Stores }) {
  const { customers, callbacks } = deps.stores;
  return {
    async customersCsv(options: { masked: boolean }): Promise<string> {
      const { items } = await customers.query({ orderBy: 'createdAt' });
      return toCsv<Customer>(options.masked ? items.map(maskCustomer) : items, [
        ['id', (c) => c.id],
        ['name', (c) => c.name],
        ['phones', (c) => c.phones.join(' ')],
        ['emails', (c) => c.emails.join(' ')],
        ['consent_at', (c) => c.consent?.at],
        ['consent_channel', (c) => c.consent?.channelId],
        ['created_at', (c) => c.createdAt],
        ['updated_at', (c) => c.updatedAt],
      ]);
    },

    async callbacksCsv(options: { masked: boolean }): Promise<string> {
      const { items } = await callbacks.query({ orderBy: 'dueAt' });
      return toCsv<Callback>(options.masked ? items.map(maskCallback) : items, [
        ['id', (c) => c.id],
        ['ref', (c) => c.ref],
        ['status', (c) => c.status],
        ['outcome', (c) => c.outcome],
        ['due_at', (c) => c.dueAt],
        ['asap', (c) => c.asap],
        ['name', (c) => c.name],
        ['phone', (c) => c.phone],
        ['topic', (c) => c.topic],
        ['channel', (c) => c.channelId],
        ['customer_id', (c) => c.customerId],
        ['lead_id', (c) => c.leadId],
        ['conversation_id', (c) => c.conversationId],
        ['note', (c) => c.note],
        ['created_at', (c) => c.createdAt],
        ['updated_at', (c) => c.updatedAt],
      ]);
    },
  };
}

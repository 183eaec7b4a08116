/**
 * Contact details as viewers see them: phone numbers keep their last 3 digits, e-mail addresses
 * their first letter and domain. Applied to whole records and, by pattern, to free text.
 */
import type { Callback, Customer, Lead, OrderRequest, TranscriptEntry } from '../domain/model.js';
import { maskDeep, maskEmail, maskPhone, maskText } from '../domain/maskText.js';

export { maskDeep, maskEmail, maskPhone, maskText };

export function maskCustomer(customer: Customer): Customer {
  return {
    ...customer,
    phones: customer.phones.map(maskPhone),
    emails: customer.emails.map(maskEmail),
    consent: customer.consent && { ...customer.consent, text: maskText(customer.consent.text) },
  };
}

export function maskCallback<C extends Callback>(callback: C): C {
  return {
    ...callback,
    phone: maskPhone(callback.phone),
    topic: maskText(callback.topic),
    note: callback.note === undefined ? undefined : maskText(callback.note),
  };
}

export function maskEntry(entry: TranscriptEntry): TranscriptEntry {
  return {
    ...entry,
    text: entry.text === undefined ? undefined : maskText(entry.text),
    activity: maskDeep(entry.activity) as Record<string, unknown>,
  };
}

export function maskLead(lead: Lead): Lead {
  return {
    ...lead,
    need: lead.need === undefined ? undefined : maskText(lead.need),
    facts: Object.fromEntries(Object.entries(lead.facts).map(([k, v]) => [k, typeof v === 'string' ? maskText(v) : v])),
  };
}

export function maskOrder(order: OrderRequest): OrderRequest {
  return { ...order, address: order.address === undefined ? undefined : maskText(order.address) };
}

/**
 * Takes an order request from a customer who is ready to buy: items, the date, delivery or pickup
 * (and the address), and who to call to confirm. The request is checked against the business's
 * rules (notice per product, delivery areas), stored with the customer's consent, and a callback to
 * confirm payment is booked at the next open slot.
 */
import type { DialogContext } from 'botbuilder-dialogs';
import { DateTime } from 'luxon';
import { formatPhone } from '../src/domain/phone.js';
import type { OrderDraft } from '../src/domain/orders/orderService.js';
import type { Understanding } from '../src/domain/understanding/types.js';
import { absorbContact, commitContact, contactNeedsConsent } from './contact.js';
import { originOf } from '../src/domain/turn/turnInput.js';
import { copy, dates } from './copy.js';
import { turnInputOf } from './turnInput.js';
import { FormDialog, type Absorbed, type FormState } from './formDialog.js';
import { FULFILMENT_CHOICES } from '../src/domain/understanding/fulfilmentChoices.js';
import { matchProducts } from '../src/domain/understanding/matchProducts.js';
import { readChoice } from '../src/domain/understanding/readChoice.js';
import type { Correction, CorrectionSlot } from '../src/domain/understanding/readCorrection.js';
import { readContextOf, type Expectation } from './promptReading.js';

/** Pickup or delivery named anywhere ("I'll collect it"); "the first" or "2" only when that was asked. */
function fulfilmentIn(text: string, asked: boolean): 'pickup' | 'delivery' | undefined {
  const i = readChoice(text, FULFILMENT_CHOICES, undefined, !asked);
  return i === undefined ? undefined : i === 0 ? 'pickup' : 'delivery';
}

export const ORDER_DIALOG = 'order';

interface OrderState extends FormState {
  product?: string;
  /** Options named for the product (a variant the business lists). */
  options?: string[];
  quantity: number;
  neededOn?: string;
  /** The date was "as soon as possible" / "whenever": the earliest the notice allows is taken. */
  soonest?: boolean;
  fulfilment?: 'delivery' | 'pickup';
  address?: string;
  name?: string;
  phone?: string;
}

export class OrderDialog extends FormDialog<OrderState> {
  protected async start(dc: DialogContext): Promise<OrderState> {
    const session = await this.services.sessions.get(dc.context);
    const { facts } = session;
    return {
      attempts: 0,
      phase: 'collect',
      product: facts.products?.[0],
      quantity: facts.quantity ?? 1,
      neededOn: facts.date,
      fulfilment: facts.fulfilment,
      address: facts.fulfilment === 'delivery' && facts.area && /\d/.test(facts.area) ? facts.area : undefined,
      name: session.contact.name,
      phone: session.contact.phone,
    };
  }

  protected async absorb(dc: DialogContext, state: OrderState, u: Understanding): Promise<Absorbed> {
    const { business, orders } = this.services;
    const session = await this.services.sessions.get(dc.context);
    const filled: string[] = [];
    let notice: string | undefined;
    const e = u.entities;

    if (state.asking === 'change') {
      const which = /product|item|date|day|when|deliver|pick|address|name|number|phone/i.exec(u.text)?.[0]?.toLowerCase();
      if (which === 'product' || which === 'item') state.product = undefined;
      else if (which === 'date' || which === 'day' || which === 'when') state.neededOn = undefined;
      else if (which === 'deliver' || which === 'pick') state.fulfilment = state.address = undefined;
      else if (which === 'address') state.address = undefined;
      else if (which === 'name') state.name = undefined;
      else if (which === 'number' || which === 'phone') state.phone = undefined;
      if (which) filled.push('change');
    }
    if (e.products?.length) {
      state.product = e.products[0];
      filled.push('product');
    } else if (state.asking === 'product' && !state.product) {
      // The answer to "what would you like to order?" is read as one of the products listed ("medium
      // chocolate" → the medium one), by its own words only: "2" is a quantity, not the second.
      const products = business.products;
      const names = products.map((p) => p.name);
      const sized = matchProducts(u.text, names, { headImplied: true });
      const chosen =
        sized.length === 1
          ? undefined
          : readChoice(
              u.text,
              products.map((p) => ({ label: p.name, synonyms: p.aliases })),
              undefined,
              true,
            );
      const picked = sized.length === 1 ? sized[0] : chosen !== undefined ? names[chosen] : undefined;
      if (picked) {
        state.product = picked;
        filled.push('product');
      }
    }
    if (state.product) {
      const options = orders.optionsIn(state.product, u.text);
      if (options.length) {
        state.options = options;
        if (!filled.includes('product')) filled.push('options');
      }
    }
    if (
      e.quantity &&
      e.quantity !== state.quantity &&
      (e.products?.length || state.asking === 'product' || state.asking === 'change')
    ) {
      state.quantity = e.quantity;
      filled.push('quantity');
    }
    if (e.when) {
      state.neededOn = DateTime.fromISO(e.when.start, { zone: business.timeZone }).toISODate() ?? undefined;
      state.soonest = e.when.asap === true;
      filled.push('date');
    }
    const how = fulfilmentIn(u.text, state.asking === 'fulfilment');
    if (how) {
      state.fulfilment = how;
      if (how === 'pickup') state.address = undefined;
      filled.push('fulfilment');
    }
    // An address said along the way is one with a street number ("22 Church St Parramatta"); "delivery
    // to Parramatta" names the area only, and the street address is still asked for.
    if (state.fulfilment === 'delivery' && (state.asking === 'address' || orders.zoneOf(u.text)) && !filled.includes('date')) {
      const address = u.text.trim().slice(0, 300);
      if (state.asking === 'address' || (orders.zoneOf(address) && /\d/.test(address))) {
        state.address = address;
        filled.push('address');
      }
    }
    const contact = absorbContact(state, u, session, readContextOf(this.services));
    filled.push(...contact.filled);
    notice = contact.notice;
    if (state.asking === 'product' && !state.product && u.text.trim() && filled.length === 0) {
      notice = copy.unknownProduct(u.text.trim().slice(0, 60), this.productNames());
    }
    return { filled, notice: notice ?? this.problems(state) };
  }

  /** Checks what is known so far against the rules; clears the slot at fault and explains. */
  private problems(state: OrderState): string | undefined {
    if (!state.product || !state.neededOn) return undefined;
    const draft = this.draft(state);
    for (const problem of this.services.orders.check(draft)) {
      switch (problem.kind) {
        case 'past':
          state.neededOn = undefined;
          return copy.orderPastDate();
        case 'too_soon':
          // "whenever" / "asap": the earliest date is the answer, said back, not asked again.
          if (state.soonest) {
            state.neededOn = problem.earliest;
            state.soonest = false;
            return copy.earliestTaken(this.dateText(problem.earliest));
          }
          state.neededOn = undefined;
          return copy.orderTooSoon(problem.product, problem.leadTimeHours, this.dateText(problem.earliest));
        case 'area_not_served':
          state.address = undefined;
          state.fulfilment = undefined;
          return copy.areaNotServed(problem.note);
        case 'unknown_product':
          state.product = undefined;
          return copy.unknownProduct(problem.product, this.productNames());
      }
    }
    return undefined;
  }

  protected override correctionSlots(): CorrectionSlot[] {
    return ['name', 'phone', 'date', 'time', 'quantity', 'fulfilment'];
  }

  protected override async correct(dc: DialogContext, state: OrderState, c: Correction): Promise<Absorbed | undefined> {
    const session = await this.services.sessions.get(dc.context);
    const { business } = this.services;
    switch (c.slot) {
      case 'name':
        if (!c.name) return undefined;
        state.name = session.contact.name = c.name;
        return { filled: ['name'] };
      case 'phone':
        if (!c.phone) return undefined;
        state.phone = session.contact.phone = c.phone;
        return { filled: ['phone'] };
      case 'quantity':
        if (!c.quantity) return undefined;
        state.quantity = c.quantity;
        return { filled: ['quantity'] };
      case 'fulfilment':
        if (!c.fulfilment) return undefined;
        state.fulfilment = c.fulfilment;
        if (c.fulfilment === 'pickup') state.address = undefined;
        return { filled: ['fulfilment'] };
      default: {
        if (!c.when?.date) return undefined;
        state.neededOn = DateTime.fromISO(c.when.date, { zone: business.timeZone }).toISODate() ?? undefined;
        return { filled: ['date'], notice: this.problems(state) };
      }
    }
  }

  protected expectation(_state: OrderState, slot: string): Expectation {
    switch (slot) {
      case 'date':
        return { kind: 'date' };
      case 'fulfilment':
        return { kind: 'choice', options: FULFILMENT_CHOICES };
      case 'name':
        return { kind: 'name' };
      case 'phone':
        return { kind: 'phone' };
      default:
        return { kind: 'text' };
    }
  }

  protected missing(state: OrderState): string | undefined {
    if (!state.product) return 'product';
    if (!state.neededOn) return 'date';
    if (!state.fulfilment) return 'fulfilment';
    if (state.fulfilment === 'delivery' && !state.address) return 'address';
    if (!state.name) return 'name';
    if (!state.phone) return 'phone';
    return undefined;
  }

  protected question(_state: OrderState, slot: string): string {
    switch (slot) {
      case 'product':
        return copy.askProduct(this.productNames());
      case 'date':
        return copy.askDate();
      case 'fulfilment':
        return copy.askFulfilment();
      case 'address':
        return copy.askAddress();
      case 'name':
        return copy.askName();
      default:
        return copy.askPhone();
    }
  }

  protected override changed(before: OrderState, after: OrderState): string | undefined {
    if (before.neededOn && after.neededOn && before.neededOn !== after.neededOn)
      return copy.changedTo(this.dateText(after.neededOn));
    if (before.product && after.product && (before.product !== after.product || String(before.options) !== String(after.options)))
      return copy.changedTo(this.itemText(after));
    return undefined;
  }

  protected summary(state: OrderState): string {
    const { business } = this.services;
    const items = this.itemText(state);
    const how = copy.fulfilment(state.fulfilment ?? 'pickup', state.address);
    return copy.orderSummary(
      items,
      this.dateText(state.neededOn!),
      how,
      state.name!,
      formatPhone(state.phone!, business.defaultPhoneRegion),
    );
  }

  protected needsConsent(dc: DialogContext): Promise<boolean> {
    return contactNeedsConsent(dc.context, this.services);
  }

  protected async commit(dc: DialogContext, state: OrderState): Promise<void> {
    const { services } = this;
    const input = turnInputOf(dc.context);
    const { conversationId } = input;
    const { customer, lead } = await commitContact(dc.context, services, {
      name: state.name,
      phone: state.phone,
      email: (await services.sessions.get(dc.context)).contact.email,
    });
    const commits = (await services.sessions.get(dc.context)).commits ?? 0;
    const occasion = `${conversationId}|order|${commits}`;
    const asap = services.callbacks.checkTime('asap');
    const slot = asap.ok ? asap.slot : undefined;
    const callback = slot
      ? await services.callbacks.book({
          idempotencyKey: `${occasion}|callback`,
          name: state.name!,
          phone: state.phone!,
          slot: { start: slot.start, asap: true },
          topic: copy.orderCallbackTopic(this.itemText(state), state.neededOn!),
          channelId: input.account.channelId,
          conversationId,
          customerId: customer.id,
          leadId: lead.id,
        })
      : undefined;
    const order = await services.orders.request(
      this.draft(state),
      { customerId: customer.id, leadId: lead.id, conversationId, callbackId: callback?.id },
      occasion,
    );
    await services.leads.note(conversationId, originOf(input), { products: [state.product!] });
    const session = await services.sessions.get(dc.context);
    if (callback) session.lastCallbackRef = callback.ref;
    session.commits = commits + 1;
    void services.conversationLog.addOutcome(conversationId, 'order_request');
    if (callback) void services.conversationLog.addOutcome(conversationId, 'callback_booked');
    const when =
      slot && dates.callbackWhen(services.business, { start: slot.start.toISOString(), end: slot.end.toISOString(), asap: true });
    await dc.context.sendActivity(copy.orderPlaced(order.ref, when));
  }

  private draft(state: OrderState): OrderDraft {
    return {
      items: [
        { product: state.product!, quantity: state.quantity, ...(state.options?.length ? { options: state.options } : {}) },
      ],
      neededOn: state.neededOn!,
      fulfilment: state.fulfilment ?? 'pickup',
      address: state.address,
    };
  }

  /** The item as the read-back and the team's callback name it. */
  private itemText(state: OrderState): string {
    return copy.orderItems([{ quantity: state.quantity, product: state.product!, options: state.options }]);
  }

  private productNames(): string[] {
    return this.services.business.products.map((p) => p.name);
  }

  private dateText(isoDate: string): string {
    return dates.day(this.services.business, isoDate);
  }
}

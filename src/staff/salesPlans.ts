/** Staff's own monthly plan per channel (`*` for the whole business), shown beside the forecast. */
import type { Clock } from '../domain/clock.js';
import type { SalesPlan } from '../domain/forecast/dailyStat.js';
import type { Stores } from '../domain/ports.js';

export interface PlanInput {
  month: string;
  channel: string;
  conversations?: number | null;
  won?: number | null;
}

export function createSalesPlans(deps: { stores: Pick<Stores, 'salesPlans'>; clock: Clock }) {
  const { salesPlans } = deps.stores;
  return {
    async list(month?: string): Promise<SalesPlan[]> {
      const page = await salesPlans.query({ where: month ? { month } : undefined, orderBy: 'id' });
      return page.items;
    },
    /** Sets the plan; null clears a figure, and a plan with no figure left is removed. */
    async set(input: PlanInput, by: string): Promise<SalesPlan | undefined> {
      const id = `${input.month}|${input.channel}`;
      const updatedAt = deps.clock.now().toISOString();
      const saved = await salesPlans.update(id, (current) => {
        const next: SalesPlan = { ...(current ?? { id, month: input.month, channel: input.channel }), updatedBy: by, updatedAt };
        for (const metric of ['conversations', 'won'] as const) {
          const value = input[metric];
          if (value === null) delete next[metric];
          else if (value !== undefined) next[metric] = value;
        }
        return next;
      });
      if (saved && saved.conversations === undefined && saved.won === undefined) {
        await salesPlans.delete(id);
        return undefined;
      }
      return saved;
    },
  };
}

export type SalesPlans = ReturnType<typeof createSalesPlans>;

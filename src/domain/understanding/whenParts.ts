/** Parts of the day and clock times as the time readers share them (HH:MM wall-clock strings). */
export type Part = 'morning' | 'afternoon' | 'evening' | 'night';

/** A part of the day as a window; readWhen clips it to the opening hours when they overlap. */
export function partWindow(part: Part): { from: string; to: string } {
  return {
    morning: { from: '06:00', to: '12:00' },
    afternoon: { from: '12:00', to: '17:00' },
    evening: { from: '17:00', to: '21:00' },
    night: { from: '17:00', to: '21:00' },
  }[part];
}

export const hhmm = (h: number, m = 0): string => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;

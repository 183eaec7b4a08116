/**
 * Where actual left the forecast: runs of at least two days in a row with the actual value above
 * the interval's top or below its bottom. One day out is noise an 80 % interval expects (one day
 * in five); two in a row is the signal staff should react to.
 */
export interface ComparedDay {
  day: string;
  actual?: number;
  lo: number;
  hi: number;
}

export interface Deviation {
  from: string;
  to: string;
  days: number;
  direction: 'above' | 'below';
}

const DEVIATION_MIN_DAYS = 2;

export function findDeviations(days: readonly ComparedDay[], minDays = DEVIATION_MIN_DAYS): Deviation[] {
  const found: Deviation[] = [];
  let run: Deviation | undefined;
  const close = (): void => {
    if (run && run.days >= minDays) found.push(run);
    run = undefined;
  };
  for (const d of days) {
    const direction = d.actual === undefined ? undefined : d.actual > d.hi ? 'above' : d.actual < d.lo ? 'below' : undefined;
    if (!direction) {
      close();
      continue;
    }
    if (run && run.direction === direction) {
      run.to = d.day;
      run.days += 1;
    } else {
      close();
      run = { from: d.day, to: d.day, days: 1, direction };
    }
  }
  close();
  return found;
}

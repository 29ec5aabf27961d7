/**
 * "Now" for everything the plugin dates: reports (stale cut-off, KPI periods, path windows), jobs (the
 * daily snapshot, cleanup), ingestion (the day an event counts for) and the demo seed. One source, so a
 * test or a demo can move the whole plugin to another instant at once.
 *
 * Production reads the system clock. `JOURNEY_MAP_NOW=<ISO instant>` starts the clock at that instant
 * when the process boots and lets it run on (a demo or a browser test on a chosen day); tests in the
 * same process `freeze()` it at an exact instant. Durations that are not calendar time (cache lifetimes,
 * retry waits) keep reading the process time: a frozen clock must not stop a cache from expiring.
 */
export interface Clock {
  now(): Date;
  /** Holds "now" at `at` until `reset()` (tests). */
  freeze(at: Date | string): void;
  /** Back to the system clock (or to the JOURNEY_MAP_NOW start, running). */
  reset(): void;
}

const parseInstant = (value: string | Date, what: string): number => {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`[journey-map] ${what}: "${String(value)}" is not an ISO 8601 instant`);
  return ms;
};

export function createClock(start: string | undefined, system: () => number = Date.now): Clock {
  // A start instant from the environment becomes an offset, so the clock keeps running from it.
  const offset = start ? parseInstant(start, 'JOURNEY_MAP_NOW') - system() : 0;
  let frozen: number | null = null;
  return {
    now: () => new Date(frozen ?? system() + offset),
    freeze(at) {
      frozen = parseInstant(at, 'clock.freeze');
    },
    reset() {
      frozen = null;
    },
  };
}

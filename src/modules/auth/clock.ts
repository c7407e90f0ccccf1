/** The time source of authentication and audit, injectable so tests move time instead of sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until told to move (tests). */
export interface ManualClock extends Clock {
  advanceMinutes(minutes: number): void;
  set(at: Date | string): void;
}

export function manualClock(start: Date | string): ManualClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    advanceMinutes(minutes) {
      current += minutes * 60_000;
    },
    set(at) {
      current = new Date(at).getTime();
    },
  };
}

/**
 * All time comes from one injectable clock, so that tests can move time (publication after 60 days,
 * reply deadlines, the turn of a year) instead of waiting for it.
 */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** The clock of a running installation: the system's time. */
export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that stands still until told to move; tests use it.
 *
 * @example const clock = new ManualClock('2022-01-18T09:00:00Z'); clock.advanceDays(61);
 */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: string | Date) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Sets the clock to an instant. */
  set(to: string | Date): void {
    this.current = new Date(to).getTime();
  }

  /** Moves the clock forward by whole days (24 hours each). */
  advanceDays(days: number): void {
    this.current += days * 86_400_000;
  }

  /** Moves the clock forward by hours. */
  advanceHours(hours: number): void {
    this.current += hours * 3_600_000;
  }

  /** Moves the clock forward by seconds. */
  advanceSeconds(seconds: number): void {
    this.current += seconds * 1000;
  }
}

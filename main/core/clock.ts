// The one place main reads the wall clock. Everything else takes the time from the clock the ledger was opened with
// (`ledger.clock`, and `ctx.now` in a handler), so tests, faketime runs and the bench can set the date.
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

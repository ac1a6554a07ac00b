/** Today's date (UTC) as YYYY-MM-DD, or the date of SOURCE_DATE_EPOCH when set, for reproducible builds. */
export function defaultLetterDate(now: Date, sourceDateEpoch: string | undefined): string {
  if (sourceDateEpoch !== undefined && /^\d+$/.test(sourceDateEpoch.trim())) {
    return new Date(Number(sourceDateEpoch.trim()) * 1000).toISOString().slice(0, 10);
  }
  return now.toISOString().slice(0, 10);
}

/** Whether an action's deadline has passed for a letter written on `letterDate` and sent on `today`. */
export function isPastDeadline(deadline: string, letterDate: string, today: string): boolean {
  // Appeals are useful up to and including the deadline day.
  return deadline < today || deadline < letterDate;
}

/**
 * RateWindow enforces a per-operation limit of N calls a second over a sliding one-second window, as the clouds
 * document their limits ("5 requests per second").
 */
export class RateWindow {
  private readonly calls = new Map<string, number[]>();

  /** admit records a call and says whether it is within `perSecond`. */
  admit(key: string, perSecond: number, now: number): boolean {
    const recent = (this.calls.get(key) ?? []).filter((t) => now - t < 1000);
    if (recent.length >= perSecond) {
      this.calls.set(key, recent);
      return false;
    }
    recent.push(now);
    this.calls.set(key, recent);
    return true;
  }
}

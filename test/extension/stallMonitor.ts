/** Records how long the extension host's event loop was held: the longest gap between ticks of a timer. */
export class StallMonitor {
  private last = performance.now();
  private readonly started = performance.now();
  /** The longest stall so far (ms beyond the tick). */
  longest = 0;
  /** When the longest stall ended, in ms since monitoring began (to line it up with the log). */
  longestEndedAt = 0;
  /** Stalls over 50 ms. */
  over50 = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly tickMs = 10) {
    this.timer = setInterval(() => {
      const now = performance.now();
      const stall = now - this.last - this.tickMs;
      if (stall > 50) this.over50++;
      if (stall > this.longest) {
        this.longest = stall;
        this.longestEndedAt = now - this.started;
      }
      this.last = now;
    }, this.tickMs);
  }

  /** Stops monitoring; returns the longest stall. */
  stop(): number {
    clearInterval(this.timer);
    return this.longest;
  }
}

/** Writes a suite's figures as one JSON line on stderr (the issue note quotes them). */
export function report(suite: string, figures: Record<string, unknown>): void {
  process.stderr.write(`[resilience] ${JSON.stringify({ suite, ...figures })}\n`);
}

/** Polls `probe` until it returns something truthy; fails naming `what` after `limitMs`. */
export async function waitUntil<T>(what: string, probe: () => Promise<T | undefined | null | false | ''>, limitMs = 20_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${limitMs / 1000} s waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message ?? lastError})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

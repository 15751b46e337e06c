/**
 * Resolves on a later turn of the event loop, after the callbacks already queued (setImmediate ones
 * included): what long synchronous work awaits first, so that answers already made are sent before
 * it (the language server's writer sends from a setImmediate callback).
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

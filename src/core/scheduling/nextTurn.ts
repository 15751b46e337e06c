/**
 * Resolves on a later turn of the event loop (a timer): after the setImmediate callbacks queued in
 * this turn, which is where the language server's writer sends answers. What long synchronous work
 * awaits first, so that answers already made are sent before it.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

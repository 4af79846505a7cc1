/**
 * Shows `states` as the element's custom states (`:host(:state(dark))` in its styles), in place of
 * the ones shown before. An element that reflected its properties to attributes would write
 * attributes the page never set: a hydration mismatch for a server-rendered page.
 */
export function showStates(internals: ElementInternals, states: readonly string[]): void {
  try {
    internals.states.clear();
    for (const state of states) internals.states.add(state);
  } catch {
    // Browsers before custom states (or before their `:state()` form): the default look.
  }
}

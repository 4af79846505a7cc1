/**
 * A controller's trigger, as `@lit/task` has one (its `args`): `args` is read at each host update,
 * and the reading is returned when any of its values differs (`!==`) from the last one — the first
 * reading always does. The controller calls it from `hostUpdate` (before render) or `hostUpdated`.
 * Lit's `Task` itself is more than the script tag's first load has room for.
 */
export function changedArgs<Args extends readonly unknown[]>(args: () => Args): () => Args | undefined {
  let last: Args | undefined;
  return () => {
    const next = args();
    const same = last?.length === next.length && next.every((value, index) => value === last![index]);
    if (same) return undefined;
    last = next;
    return next;
  };
}

/** Transition is a state change scheduled at an absolute time, so it survives a restart of localcloud. */
export interface Transition {
  at: number;
  set: Record<string, unknown>;
}

/** Scheduled is any stored object that carries pending transitions. */
export interface Scheduled {
  schedule?: Transition[];
}

/** schedule appends transitions `afterMs` from `now` (already scaled), in order. */
export function schedule(obj: Scheduled, now: number, steps: Array<{ afterMs: number; set: Record<string, unknown> }>): void {
  obj.schedule = [...(obj.schedule ?? []), ...steps.map((s) => ({ at: now + s.afterMs, set: s.set }))];
  obj.schedule.sort((a, b) => a.at - b.at);
}

/** advance applies every transition that is due and reports whether anything changed. */
export function advance(obj: Scheduled, now: number): boolean {
  const due = (obj.schedule ?? []).filter((t) => t.at <= now);
  if (due.length === 0) return false;
  for (const t of due) Object.assign(obj, t.set);
  obj.schedule = (obj.schedule ?? []).filter((t) => t.at > now);
  return true;
}

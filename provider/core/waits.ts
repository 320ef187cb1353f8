import type { DriverContext } from "./driver";
import { CloudError } from "./errors";
import type { Watched, WaitSpec } from "./poller";
import type { CloudName, InstanceView, Phase } from "./types";

/**
 * WaitDeclaration states one wait the way terraform-provider-aws's `wait<Resource><State>` does: a state probe, the
 * states that mean "keep waiting", the states that mean "done", and how long and how many polls it may take. A state
 * in neither list fails the wait at once, naming the id and the state.
 */
export interface WaitDeclaration<V extends Watched = InstanceView, S extends string = Phase> {
  /** What is waited for, for progress and timeout messages ("instances in the recycle bin"). */
  what: string;
  /**
   * The state probe: one id's state, `gone` when the cloud no longer lists it; the view's phase when absent. It
   * throws to fail the wait with the cloud's own detail (e.g. an operation the cloud reports as failed).
   */
  status?(view: V | undefined, id: string): S | "gone";
  pending: readonly (S | "gone")[];
  target: readonly (S | "gone")[];
  /** The longest the wait may take in ms; the operation's own deadline applies as well. */
  timeoutMs?: number;
  /** The most describe rounds the wait may take. */
  polls?: number;
}

/** PRESENT are the phases of an instance or snapshot the cloud still lists. */
export const PRESENT: readonly Phase[] = ["pending", "ready", "stopped", "deleting", "failed"];

/** statesBut lists a cloud's states other than the given ones: the pending states of a wait for those. */
export function statesBut<S extends string>(states: readonly S[], targets: readonly (S | "gone")[]): S[] {
  return states.filter((s) => !targets.includes(s));
}

/** phaseOf is the default probe: the view's phase, `gone` when absent. */
function phaseOf<V extends Watched>(view: V | undefined): string {
  return view ? view.phase : "gone";
}

/** declaredWait turns a declaration into the poller's wait for `ids`, ending at `deadline` at the latest. */
export function declaredWait<V extends Watched, S extends string>(
  cloud: CloudName,
  ids: string[],
  decl: WaitDeclaration<V, S>,
  now: number,
  deadline: number,
): WaitSpec<V> {
  const status: (view: V | undefined, id: string) => string = decl.status ?? phaseOf;
  const target = new Set<string>(decl.target);
  const pending = new Set<string>(decl.pending);
  return {
    ids,
    what: decl.what,
    polls: decl.polls,
    deadline: decl.timeoutMs === undefined ? deadline : Math.min(deadline, now + decl.timeoutMs),
    reached: (view, id) => {
      const state = status(view, id);
      if (target.has(state)) return true;
      if (pending.has(state)) return false;
      throw new CloudError({
        cloud,
        operation: "wait",
        code: "UnexpectedState",
        message: `${id} is ${state} while waiting for ${decl.what}; expected ${[...pending, ...target].join(", ")}`,
        instanceIds: [id],
      });
    },
  };
}

/** waitInstancesIn waits on the shared poller until every instance reaches one of the declaration's targets. */
export function waitInstancesIn<S extends string>(
  ctx: DriverContext,
  ids: string[],
  decl: WaitDeclaration<InstanceView, S>,
): Promise<Map<string, InstanceView | undefined>> {
  return ctx.waitFor(declaredWait(ctx.cloud, ids, decl, ctx.clock.now(), ctx.deadline));
}

/** instancesGone declares the last wait of every delete: the cloud lists none of the instances any more. */
export const instancesGone: WaitDeclaration = { what: "instances to be deleted", pending: PRESENT, target: ["gone"] };

/** waitInstancesGone waits until the cloud lists none of the instances; a timeout names those still listed. */
export async function waitInstancesGone(ctx: DriverContext, ids: string[]): Promise<void> {
  if (ids.length > 0) await waitInstancesIn(ctx, ids, instancesGone);
}

/** describeFleet reads a fleet's instances in fleet order through the shared poller; gone ones are left out. */
export async function describeFleet(ctx: DriverContext, ids: string[]): Promise<InstanceView[]> {
  if (ids.length === 0) return [];
  const views = await ctx.waitFor({ ids, what: "a describe", check: () => "done" });
  return ids.map((id) => views.get(id)).filter((v): v is InstanceView => !!v);
}

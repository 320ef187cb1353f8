import type { CloudDriver, CreateResult, DriverContext } from "./driver";
import type { CommonArgs } from "./commonSchema";
import { timeoutFor } from "./commonSchema";
import { CloudError, isCloudError } from "./errors";
import { contextFor } from "./context";
import { createAdmission } from "./admission";
import { shortDigest } from "./digest";
import { getPath, pickPaths, setPath, withoutPaths } from "./paths";
import { encodeResourceId } from "./ids";
import { backoffDelay, defaultRetryPolicy } from "./retry";
import { mayHaveBeenPerformed, withoutBlindRepeats } from "./transport";
import { endGrowth, endLifetime, growthNonce, lifetimeNonce, renewGrowth, renewLifetime } from "./lifetimes";
import { summarize, type InstanceOutputs } from "./outputs";
import { fingerprintOf, ownerTagsOf, FLEET_TAG, OWNER_TAG } from "./ownership";
import { listedOwnedBy } from "./listing";
import { describeFleet } from "./waits";
import type { InstanceView, Phase } from "./types";
import { freeNames, noteCreated, supersededOf, takeBack } from "./strays";

/** How long an instance the cloud accepted may stay unlisted before it counts as failed (eventual consistency). */
const UNLISTED_GRACE_MS = 30_000;

/** CREATE_RECOVERIES bounds how often a CreateInstances whose answer was lost is looked into and asked again. */
const CREATE_RECOVERIES = 8;

/**
 * outputsOf builds the recorded outputs of a fleet. They keep nothing derivable: `args` leaves out the cloud and region
 * (recorded beside it) and the secrets (in `secretInputs`, absent when there are none: the engine would store even an
 * empty one encrypted); the fingerprint is computed again from the args.
 */
export function outputsOf(driver: CloudDriver, args: CommonArgs, views: InstanceView[]): InstanceOutputs {
  const { cloud: _cloud, region: _region, ...rest } = withoutPaths(args, driver.secretPaths) as Record<string, unknown>;
  const secretInputs = pickPaths(args, driver.secretPaths);
  return {
    cloud: args.cloud,
    region: args.region,
    args: rest,
    ...(Object.keys(secretInputs).length > 0 ? { secretInputs } : {}),
    ...summarize(views, (v) => driver.status(v, args)),
  };
}

/**
 * argsFromOutputs rebuilds the full inputs from recorded outputs (secrets put back where they were); outputs recorded
 * before `args` left out the cloud and region read the same.
 */
export function argsFromOutputs(outs: InstanceOutputs): CommonArgs {
  const args = JSON.parse(JSON.stringify(outs.args ?? {})) as Record<string, unknown>;
  for (const [dotted, value] of Object.entries(outs.secretInputs ?? {})) {
    const path = dotted.split(".");
    let cur = args;
    for (const p of path.slice(0, -1)) cur = (cur[p] ??= {}) as Record<string, unknown>;
    cur[path[path.length - 1]] = value;
  }
  return { ...args, cloud: outs.cloud, region: outs.region } as CommonArgs;
}

/**
 * comparedArgs are the recorded inputs a diff compares the desired ones with: those of argsFromOutputs, where the
 * inputs an imported fleet's cloud never showed (`unreadInputs`) take the desired value, since nothing says the fleet
 * differs from it.
 */
export function comparedArgs(outs: InstanceOutputs, desired: Record<string, unknown>): Record<string, unknown> {
  const args = argsFromOutputs(outs) as unknown as Record<string, unknown>;
  for (const dotted of outs.unreadInputs ?? []) setPath(args, dotted.split("."), getPath(desired, dotted.split(".")));
  return args;
}

/** live keeps the instances that still exist and are not on their way out. */
function alive(views: Iterable<InstanceView | undefined>): InstanceView[] {
  return [...views].filter((v): v is InstanceView => !!v && v.phase !== "deleting");
}

/**
 * waitReady waits until every instance is ready (running with the addresses the fleet's inputs ask for, as `phaseOf`
 * judges) or has failed for good; the views it returns carry that phase. An instance the cloud stops listing after it
 * was seen, or never lists within a grace period, has failed (JD deletes failed instances itself; Zenlayer says an
 * instance that cannot be found after creation has failed).
 */
export async function waitReady(
  ctx: DriverContext,
  ids: string[],
  phaseOf: (view: InstanceView) => Phase,
  what = "running with addresses",
): Promise<InstanceView[]> {
  const seen = new Set<string>();
  const started = ctx.clock.now();
  const vanished = (id: string, v: InstanceView | undefined) =>
    !v && (seen.has(id) || ctx.clock.now() - started > UNLISTED_GRACE_MS);
  const phase = (v: InstanceView | undefined) => (v ? phaseOf(v) : "gone");
  let lastReport = "";
  const last = await ctx.waitFor({
    ids,
    what,
    reached: (v, id) => {
      if (v) seen.add(id);
      return vanished(id, v) || phase(v) === "ready" || phase(v) === "failed";
    },
    onProgress: (views) => {
      const ready = [...views.values()].filter((v) => phase(v) === "ready").length;
      const report = `${ready}/${ids.length} instances ${what}`;
      if (report !== lastReport) ctx.log(`${ctx.cloud} ${ctx.region}: ${report}`);
      lastReport = report;
    },
  });
  return ids.map((id) => {
    const v = last.get(id);
    if (v) return { ...v, phase: phaseOf(v) };
    return {
      id,
      name: id,
      state: "vanished",
      phase: "failed",
      ipv6Addresses: [],
      tags: {},
      failure: { code: "Vanished", message: "the cloud accepted the instance but no longer lists it (launch failed)" },
    };
  });
}

/**
 * stillComing is a fleet whose wait ended early (a time limit, an error): every instance the cloud accepted, those
 * not described yet as pending, so that the engine records them all and a destroy right after deletes them all.
 */
function stillComing(ids: string[], known: InstanceView[]): InstanceView[] {
  const byId = new Map(known.map((v) => [v.id, v]));
  return ids.map((id) => byId.get(id) ?? { id, name: id, state: "pending", phase: "pending", ipv6Addresses: [], tags: {} });
}

/** failureError names each failed instance with the cloud's code; it carries the resource id when any exist. */
function failureError(ctx: DriverContext, failed: InstanceView[], total: number, requestId?: string): CloudError {
  const list = failed.map((v) => `${v.id} (${v.failure?.code ?? v.state}: ${v.failure?.message ?? "failed"})`).join("; ");
  return new CloudError({
    cloud: ctx.cloud,
    operation: "CreateInstances",
    code: failed[0].failure?.code ?? failed[0].state,
    message: `${failed.length} of ${total} instances failed to launch: ${list}. The instances that launched are kept; the next update replaces the failed ones`,
    requestId,
    instanceIds: failed.map((v) => v.id),
  });
}

/** withId attaches the resource id and outputs to an error so the engine records what exists. */
function withId(err: unknown, ctx: DriverContext, driver: CloudDriver, args: CommonArgs, views: InstanceView[], id: string): unknown {
  const e = isCloudError(err)
    ? err
    : new CloudError({ cloud: ctx.cloud, operation: "create", code: "Error", message: (err as Error).message ?? String(err) });
  e.id = id;
  e.properties = outputsOf(driver, args, views) as unknown as Record<string, unknown>;
  return e;
}

/** clientTokenOf derives the idempotency token: the same resource, fleet, step and lifetime give the same token. */
function clientTokenOf(driver: CloudDriver, args: CommonArgs, step: string, nonce: string): string {
  return `lf-${shortDigest(args.owner ?? "", fingerprintOf(driver, args), step, nonce)}`;
}

/**
 * Lifetime is the nonce a create's tokens carry, whether a call may have carried it before (only then can the cloud
 * answer with an earlier call's instances), and how to move to a new one when the cloud says it is used up.
 */
interface Lifetime {
  nonce: string;
  replayable: boolean;
  renew(): void;
}

/** fleetLifetime is the recorded lifetime of a new fleet (see lifetimes.ts). */
function fleetLifetime(driver: CloudDriver, args: CommonArgs): Lifetime {
  const owner = args.owner ?? "";
  const fingerprint = fingerprintOf(driver, args);
  const { nonce, fresh } = lifetimeNonce(owner, fingerprint);
  const lifetime: Lifetime = { nonce, replayable: !fresh, renew: () => (lifetime.nonce = renewLifetime(owner, fingerprint)) };
  return lifetime;
}

/**
 * growLifetime serves the creates that grow an existing fleet (`step` names the instances they join): a growth's
 * nonce is recorded before its call, so that only a resumed update asks the same growth again and replays its token
 * (see lifetimes.ts).
 */
function growLifetime(driver: CloudDriver, args: CommonArgs, step: string): Lifetime {
  const owner = args.owner ?? "";
  const fingerprint = fingerprintOf(driver, args);
  const { nonce, fresh } = growthNonce(owner, fingerprint, step);
  const lifetime: Lifetime = { nonce, replayable: !fresh, renew: () => (lifetime.nonce = renewGrowth(owner, fingerprint, step)) };
  return lifetime;
}

/**
 * createOnce sends one CreateInstances call for `count` instances (or the given names). A token replay that answers
 * with instances already deleted (a lifetime that ended without this machine knowing, or a resumed growth whose
 * instances were swept as untracked) moves to a new lifetime and asks once more: a fresh nonce never replays. The
 * call is never repeated blindly after a failure that may have been performed: that failure is raised to createSome,
 * which looks at what exists first.
 */
async function createOnce(
  driver: CloudDriver,
  ctx: DriverContext,
  args: CommonArgs,
  step: string,
  lifetime: Lifetime,
  count: number,
  names?: string[],
): Promise<CreateResult> {
  const send = async () => {
    const res = await driver.create(withoutBlindRepeats(ctx), args, {
      count,
      names,
      clientToken: clientTokenOf(driver, args, step, lifetime.nonce),
      ownerTags: ownerTagsOf(driver, args),
    });
    noteCreated(driver, args, res.ids);
    return res;
  };
  const res = await send();
  // A token no call carried before cannot be a replay: instances already gone then failed to launch (JD Cloud deletes
  // those itself), which waitReady reports, rather than an earlier lifetime's.
  if (res.ids.length === 0 || !lifetime.replayable) return res;
  // Through the shared poller: a hundred creates ask in a few batched calls, not a hundred.
  const views = await ctx.waitFor({ ids: res.ids, what: "a describe", check: () => "done" });
  // A replaced fleet's instances are never adopted (see strays.ts): deleted, and created afresh.
  const superseded = supersededOf(driver, args);
  if (!res.ids.every((id) => superseded.has(id) || !views.get(id) || views.get(id)?.phase === "deleting")) return res;
  ctx.log(`${ctx.cloud}: the client token answered with instances of an earlier lifetime or of a replaced fleet; creating under a new one`);
  await takeBack(driver, ctx, args, alive(views.values()));
  lifetime.renew();
  return send();
}

/**
 * createSome creates `count` instances (or the given names) next to the fleet's `known` instances. When a
 * CreateInstances gets no clear answer (a timeout, a reset, a 5xx), the cloud may have created the instances anyway:
 * before asking again it finds the instances carrying this fleet's ownership tags. If some exist, only the rest is
 * created (under a new client token); if none do, the same request is sent again, which a cloud with a client token
 * (JD Cloud, whose instances carry no tags) answers with the instances of the first attempt.
 */
async function createSome(
  driver: CloudDriver,
  ctx: DriverContext,
  args: CommonArgs,
  step: string,
  lifetime: Lifetime,
  known: string[],
  count: number,
  names?: string[],
): Promise<CreateResult> {
  const recovered: InstanceView[] = [];
  let want: Wanted = { count, names };
  let token = step;
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await createOnce(driver, ctx, args, token, lifetime, want.count, want.names);
      const ids = [...new Set([...recovered.map((v) => v.id), ...res.ids])];
      return { ids, requestId: res.requestId };
    } catch (err) {
      if (!mayHaveBeenPerformed(err) || attempt + 1 >= CREATE_RECOVERIES) throw err;
      ctx.log(`${ctx.cloud}: CreateInstances got no clear answer (${(err as CloudError).code}); looking for instances it created before asking again`);
      await ctx.clock.sleep(backoffDelay(attempt, defaultRetryPolicy, () => ctx.clock.random()));
      const skip = new Set([...known, ...recovered.map((v) => v.id)]);
      const found = alive(await driver.findByTags(ctx, ownerTagsOf(driver, args))).filter((v) => !skip.has(v.id));
      if (found.length === 0) continue;
      ctx.log(`${ctx.cloud}: the unanswered CreateInstances created ${found.length} instance(s); keeping them`);
      recovered.push(...found);
      want = missingOf({ count, names }, recovered);
      if (want.count <= 0) return { ids: recovered.map((v) => v.id) };
      token = `${step}:rest:${recovered.map((v) => v.id).sort().join(",")}`;
    }
  }
}

/** Wanted is a fleet's target: the instance names (Lightsail) or a count. */
interface Wanted {
  count: number;
  names?: string[];
}

/** wantedOf is what the inputs ask for. */
function wantedOf(driver: CloudDriver, args: CommonArgs): Wanted {
  const names = driver.desiredNames(args);
  return names ? { count: names.length, names } : { count: driver.desiredCount(args) };
}

/** missingOf says what `wanted` lacks once `have` exists: names (Lightsail) or a count. */
function missingOf(wanted: Wanted, have: InstanceView[]): Wanted {
  if (wanted.names) {
    const present = new Set(have.map((v) => v.name));
    const missing = wanted.names.filter((n) => !present.has(n));
    return { count: missing.length, names: missing };
  }
  return { count: Math.max(0, wanted.count - have.length) };
}

/** surplusOf picks the instances to remove: names no longer wanted, or the newest beyond the count. */
function surplusOf(driver: CloudDriver, args: CommonArgs, have: InstanceView[]): InstanceView[] {
  const names = driver.desiredNames(args);
  if (names) return have.filter((v) => !names.includes(v.name));
  const extra = have.length - driver.desiredCount(args);
  return extra > 0 ? have.slice(-extra) : [];
}

/**
 * refuseForeign fails a create that would take an instance name (names are identities on Lightsail) held by an
 * instance this resource did not create: lightfleet never adopts or deletes such an instance silently. The error
 * says what exists and how to take it over on purpose.
 */
async function refuseForeign(driver: CloudDriver, ctx: DriverContext, args: CommonArgs, names: string[]): Promise<void> {
  if (names.length === 0) return;
  const owner = ownerTagsOf(driver, args);
  const ours = (v: InstanceView) => Object.entries(owner).every(([k, val]) => v.tags[k] === val);
  const taken = alive(await driver.findByIdsOrNames(ctx, names)).filter((v) => !ours(v));
  if (taken.length === 0) return;
  const what = taken
    .map((v) => `${v.name} (${v.state}, ${v.tags[OWNER_TAG] ? `created by lightfleet resource ${v.tags[OWNER_TAG]}` : "not created by lightfleet"})`)
    .join(", ");
  throw new CloudError({
    cloud: driver.cloud,
    operation: "CreateInstances",
    code: "InstanceNameTaken",
    message:
      `${what} already exist${taken.length === 1 ? "s" : ""} in ${args.region} and ${taken.length === 1 ? "is" : "are"} not owned by this resource; ` +
      `lightfleet neither adopts nor deletes it silently. To manage ${taken.length === 1 ? "it" : "them"} from this resource, ` +
      `add adopt: ${JSON.stringify(taken.map((v) => v.name))} to its inputs; otherwise choose other instance names`,
  });
}

/**
 * claim puts this resource's ownership tags (and the user's tags) on adopted instances, so that a later create
 * recognises them and destroy deletes them knowingly. It goes through the driver's in-place update, which adds the
 * tags the new inputs have and the old ones lack; a cloud without tags (JD Cloud coc-vm) changes nothing.
 */
async function claim(driver: CloudDriver, ctx: DriverContext, args: CommonArgs, adopted: InstanceView[]): Promise<void> {
  const owner = ownerTagsOf(driver, args);
  const unclaimed = adopted.filter((v) => Object.entries(owner).some(([k, val]) => v.tags[k] !== val));
  if (unclaimed.length === 0) return;
  ctx.log(`${driver.cloud}: tagging ${unclaimed.length} adopted instance(s) as owned by ${owner[OWNER_TAG]}`);
  await driver.update(ctx, unclaimed, { ...args, tags: {} }, { ...args, tags: { ...(args.tags ?? {}), ...owner } });
}

/**
 * createdBefore finds the live instances carrying this fleet's ownership tags: a create resumed after its engine was
 * killed. A lifetime this machine recorded before (`replayable`) may be such a create, and asks the cloud. A new one
 * can only resume another machine's create, which the account's listing shared by the whole operation (core/listing)
 * would show: a thousand new resources then cost a few listing pages rather than a call each; the cloud is asked only
 * when the listing shows instances of this fleet, or could not be read.
 */
async function createdBefore(driver: CloudDriver, ctx: DriverContext, args: CommonArgs, lifetime: Lifetime): Promise<InstanceView[]> {
  const tags = ownerTagsOf(driver, args);
  if (!lifetime.replayable) {
    const listed = await listedOwnedBy(driver, ctx, tags[OWNER_TAG]).catch(() => undefined);
    if (listed && !listed.some((v) => v.tags[FLEET_TAG] === tags[FLEET_TAG])) return [];
  }
  return alive(await driver.findByTags(ctx, tags));
}

/**
 * createFleet brings a new fleet up: it waits for its turn in the account's line of new fleets (core/admission),
 * launches (see launch) and waits until every instance is ready. If anything exists when it fails, the error carries
 * the resource id so the engine keeps track of it.
 */
export async function createFleet(driver: CloudDriver, args: CommonArgs): Promise<{ id: string; outs: InstanceOutputs }> {
  const ctx = contextFor(driver, args, Date.now() + timeoutFor(args, "create"));
  // The time spent waiting for a turn counts against the create's timeout, as a wait for the rate limit does.
  const { existing, ids, requestId } = await createAdmission(ctx.account).run(() => launch(driver, ctx, args));
  const id = encodeResourceId({ cloud: driver.cloud, region: args.region, instanceIds: ids });
  let views: InstanceView[] = existing;
  try {
    views = await waitReady(ctx, ids, (v) => driver.status(v, args));
  } catch (err) {
    throw withId(err, ctx, driver, args, stillComing(ids, views), id);
  }
  const tracked = views.filter((v) => v.state !== "vanished");
  const failed = views.filter((v) => v.phase === "failed");
  if (failed.length) throw withId(failureError(ctx, failed, ids.length, requestId), ctx, driver, args, tracked, id);
  return { id, outs: outputsOf(driver, args, tracked) };
}

/**
 * launch is a new fleet's part before the wait: adopt what `adopt` names or what this resource already created (a
 * resumed create), and create the rest in one call. It answers the instances found and all the fleet's ids.
 */
async function launch(
  driver: CloudDriver,
  ctx: DriverContext,
  args: CommonArgs,
): Promise<{ existing: InstanceView[]; ids: string[]; requestId?: string }> {
  const lifetime = fleetLifetime(driver, args);
  let existing: InstanceView[];
  if (args.adopt?.length) {
    existing = alive(await driver.findByIdsOrNames(ctx, args.adopt));
    const found = new Set(existing.flatMap((v) => [v.id, v.name]));
    const missing = args.adopt.filter((x) => !found.has(x));
    if (missing.length) {
      throw new CloudError({
        cloud: driver.cloud,
        operation: "adopt",
        code: "AdoptNotFound",
        message: `cannot adopt ${missing.join(", ")}: no such instance in ${args.region}`,
      });
    }
    await claim(driver, ctx, args, existing);
  } else {
    existing = await takeBack(driver, ctx, args, await createdBefore(driver, ctx, args, lifetime));
    if (existing.length) ctx.log(`${driver.cloud}: found ${existing.length} instances this resource created before; adopting them`);
  }
  const missing = missingOf(wantedOf(driver, args), existing);
  if (!args.adopt?.length) {
    await freeNames(driver, ctx, args, missing.names ?? []);
    await refuseForeign(driver, ctx, args, missing.names ?? []);
  }
  const ids = existing.map((v) => v.id);
  if (missing.count === 0) return { existing, ids };
  const res = await createSome(driver, ctx, args, "create", lifetime, ids, missing.count, missing.names);
  return { existing, ids: [...ids, ...res.ids], requestId: res.requestId };
}

/**
 * updateFleet applies in-place changes, replaces failed instances, creates the missing and deletes the surplus,
 * then waits until the fleet is ready.
 */
export async function updateFleet(driver: CloudDriver, id: string, olds: InstanceOutputs, news: CommonArgs): Promise<InstanceOutputs> {
  const ctx = contextFor(driver, news, Date.now() + timeoutFor(news, "update"));
  const current = await describeFleet(ctx, olds.instanceIds ?? []);
  // Instances on their way out (a delete interrupted: isolated, in the recycle bin) are no longer the fleet: their
  // delete is finished and new ones take their place.
  const dropped = current.filter((v) => v.phase === "failed" || v.phase === "deleting");
  let have = alive(current).filter((v) => v.phase !== "failed");
  if (dropped.length) {
    ctx.log(`${driver.cloud}: removing ${dropped.length} instance(s) that failed or are on their way out`);
    await driver.delete(ctx, dropped.map((v) => v.id));
  }
  const surplus = surplusOf(driver, news, have);
  if (surplus.length) {
    await driver.delete(ctx, surplus.map((v) => v.id));
    have = have.filter((v) => !surplus.includes(v));
  }
  await driver.update(ctx, have, argsFromOutputs(olds), news);
  const missing = missingOf(wantedOf(driver, news), have);
  await refuseForeign(driver, ctx, news, missing.names ?? []);
  let ids = have.map((v) => v.id);
  if (missing.count > 0) {
    const step = `grow:${ids.slice().sort().join(",")}`;
    const res = await createSome(driver, ctx, news, step, growLifetime(driver, news, step), ids, missing.count, missing.names);
    ids = [...ids, ...res.ids];
  }
  let views: InstanceView[];
  try {
    views = await waitReady(ctx, ids, (v) => driver.status(v, news));
  } catch (err) {
    throw withId(err, ctx, driver, news, stillComing(ids, have), id);
  }
  // The growth's outcome goes to the engine now, its failures reported: a later growth from these instances is new.
  if (missing.count > 0) endGrowth(news.owner ?? "", fingerprintOf(driver, news));
  const tracked = views.filter((v) => v.state !== "vanished");
  const bad = views.filter((v) => v.phase === "failed");
  if (bad.length) throw withId(failureError(ctx, bad, ids.length), ctx, driver, news, tracked, id);
  return outputsOf(driver, news, tracked);
}

/** deleteFleet deletes every instance of the fleet; already-gone instances count as deleted. */
export async function deleteFleet(driver: CloudDriver, outs: InstanceOutputs, ids: string[]): Promise<void> {
  const args = argsFromOutputs(outs);
  const ctx = contextFor(driver, args, Date.now() + timeoutFor(args, "delete"));
  endLifetime(args.owner ?? "", fingerprintOf(driver, args));
  if (ids.length) await driver.delete(ctx, ids);
}

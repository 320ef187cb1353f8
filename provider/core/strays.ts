import type { CloudDriver, DriverContext } from "./driver";
import type { CommonArgs } from "./commonSchema";
import { creationsOf, forgetGone, recordCreated, recordHanded } from "./creations";
import { describeFleet } from "./waits";
import { FLEET_TAG, OWNER_TAG, ownerTagOf, ownerTagsOf } from "./ownership";
import { listedOwnedBy, lookUp } from "./listing";
import type { InstanceOutputs } from "./outputs";
import type { InstanceView } from "./types";

/**
 * Strays are instances this resource created that no state holds: the instances of a create whose engine was killed
 * before it recorded them (`refresh` then drops the pending create, so nothing in the state names them). When the
 * next `up` creates the same fleet, the create finds them (ownership tags, or the client token on JD Cloud) and
 * adopts them; when it does not (the user reverted the change that replaced the fleet, or changed it again), they
 * would run untracked forever, so the resource's next update deletes them.
 *
 * Why this never deletes someone else's instance: a stray carries this resource's owner tag, whose value is the
 * resource's project, stack and logical name (with a digest of its parent's URN when it has a parent, as two resources may share a name under parents of different types), which no other resource of any stack shares (instances of other
 * resources, of other stacks, and the ones lightfleet did not create never carry it), or, on a cloud without tags
 * (JD Cloud), is an id this machine saw a CreateInstances of this resource answer with (creations.ts), an id the
 * cloud assigns once. Among this resource's own instances, the ones its state holds are never strays. A state can hold
 * others of the same resource only as a replaced fleet waiting for its delete at the end of the `up`, which the sweep
 * deletes first. (Instances of a resource removed from the state with `pulumi state delete`, or retained by
 * `retainOnDelete`, still carry its owner tag: a resource of the same name in the same stack takes them as its own.)
 *
 * A create never adopts instances this machine handed to the engine before the latest create or update of this
 * resource: those are a replaced fleet waiting for its delete (adopted, the engine would delete them under the new
 * resource at the end of the `up`). They are deleted, and the fleet created afresh. The latest handed ones are
 * adopted: a create whose engine was killed after the answer and before recording it, resumed.
 */

/** recorded says whether this cloud's ids go into the creations record: ids assigned once, not Lightsail's names. */
function recorded(driver: CloudDriver): boolean {
  return !driver.namesMustBeUnique;
}

/** noteCreated records the instances a CreateInstances of this resource answered with. */
export function noteCreated(driver: CloudDriver, args: CommonArgs, ids: string[]): void {
  if (recorded(driver)) recordCreated(args.owner ?? "", ids);
}

/** noteHanded records the instances a create or update of this resource hands to the engine. */
export function noteHanded(driver: CloudDriver, args: CommonArgs, ids: string[]): void {
  if (recorded(driver)) recordHanded(args.owner ?? "", ids);
}

/** noteDeleted forgets the instances a delete of this resource removed. */
export function noteDeleted(driver: CloudDriver, args: CommonArgs, ids: string[]): void {
  if (recorded(driver)) forgetGone(args.owner ?? "", ids);
}

/** supersededOf is the set of instances of this resource this machine handed to the engine before the latest ones. */
export function supersededOf(driver: CloudDriver, args: CommonArgs): Set<string> {
  if (!recorded(driver)) return new Set();
  const c = creationsOf(args.owner ?? "");
  const latest = new Set(c.latest);
  return new Set(c.handed.filter((id) => !latest.has(id)));
}

/**
 * takeBack splits instances of this fleet that a create found (by its tags or its client token) into the ones to
 * adopt, which it returns, and a replaced fleet's, which it deletes (see above).
 */
export async function takeBack(driver: CloudDriver, ctx: DriverContext, args: CommonArgs, found: InstanceView[]): Promise<InstanceView[]> {
  const superseded = supersededOf(driver, args);
  const stale = found.filter((v) => superseded.has(v.id));
  if (stale.length) {
    ctx.log(`${driver.cloud}: deleting ${stale.length} instance(s) of a replaced fleet of this resource, which a create never adopts (${stale.map((v) => v.id).join(", ")})`);
    await driver.delete(ctx, stale.map((v) => v.id));
  }
  return found.filter((v) => !superseded.has(v.id));
}

/**
 * straysAmong picks the strays from the instances carrying the owner tag (`tagged`) and the recorded ones read from
 * the cloud (`known`, for the ids `ids`), and forgets the recorded ids the cloud no longer lists.
 */
function straysAmong(args: CommonArgs, held: string[], tagged: InstanceView[], known: InstanceView[], ids: string[]): InstanceView[] {
  const listed = new Set(known.map((v) => v.id));
  const gone = ids.filter((id) => !listed.has(id));
  if (gone.length) forgetGone(args.owner ?? "", gone);
  const owner = ownerTagOf(args);
  const skip = new Set(held);
  const found = new Map<string, InstanceView>();
  for (const v of [...tagged, ...known.filter((v) => (v.tags[OWNER_TAG] ?? owner) === owner)]) found.set(v.id, v);
  return [...found.values()].filter((v) => !skip.has(v.id) && !skip.has(v.name) && v.phase !== "deleting");
}

function recordedIds(driver: CloudDriver, args: CommonArgs): string[] {
  if (!recorded(driver)) return [];
  const c = creationsOf(args.owner ?? "");
  return [...c.created, ...c.handed];
}

/**
 * hasStrays says, at diff time, whether this resource has strays besides `held` (its recorded instances): from the
 * region's listing shared by every diff of the engine operation, so it costs no call per resource.
 */
export async function hasStrays(driver: CloudDriver, ctx: DriverContext, args: CommonArgs, held: string[]): Promise<boolean> {
  const ids = recordedIds(driver, args);
  const known = await lookUp(driver, ctx, ids);
  return straysAmong(args, held, await listedOwnedBy(driver, ctx, ownerTagOf(args)), known, ids).length > 0;
}

/**
 * sweepStrays deletes this resource's strays, `held` being its recorded instances, before an update. The shared
 * listing (which the diff has usually taken already) says whether to look closer, so an update without strays costs
 * no call of its own.
 */
export async function sweepStrays(driver: CloudDriver, ctx: DriverContext, args: CommonArgs, held: string[]): Promise<void> {
  if (!(await hasStrays(driver, ctx, args, held))) return;
  const ids = recordedIds(driver, args);
  const known = await describeFleet(ctx, ids);
  const strays = straysAmong(args, held, await driver.findByTags(ctx, { [OWNER_TAG]: ownerTagOf(args) }), known, ids);
  if (strays.length === 0) return;
  ctx.log(`${driver.cloud}: deleting ${strays.length} instance(s) an interrupted create of this resource left untracked (${strays.map((v) => v.id).join(", ")})`);
  await driver.delete(ctx, strays.map((v) => v.id));
}

/**
 * freeNames deletes, before a create, the instances holding names it needs (names are identities on Lightsail) that
 * carry this resource's owner tag but another fleet's: a create runs while the state holds no instance of this
 * resource under those names (a replacement that reuses names deletes the old fleet first), so they are strays.
 */
export async function freeNames(driver: CloudDriver, ctx: DriverContext, args: CommonArgs, names: string[]): Promise<void> {
  if (names.length === 0) return;
  const { [OWNER_TAG]: owner, [FLEET_TAG]: fleet } = ownerTagsOf(driver, args);
  const taken = (await driver.findByIdsOrNames(ctx, names)).filter((v) => v.tags[OWNER_TAG] === owner && v.tags[FLEET_TAG] !== fleet && v.phase !== "deleting");
  if (taken.length === 0) return;
  ctx.log(`${driver.cloud}: deleting ${taken.length} instance(s) an interrupted create of this resource left untracked (${taken.map((v) => v.name).join(", ")})`);
  await driver.delete(ctx, taken.map((v) => v.id));
}

/**
 * sameInstance says whether a live instance is the one the outputs recorded under its id: on Lightsail an id is a
 * name, which a later instance (a crashed replacement's) may hold; its creation time tells them apart.
 */
export function sameInstance(driver: CloudDriver, outs: InstanceOutputs | undefined, v: InstanceView): boolean {
  if (recorded(driver)) return true;
  const was = outs?.instances?.find((i) => i.id === v.id);
  return !was?.createdAt || !v.createdAt || was.createdAt === v.createdAt;
}

/**
 * stillRecorded keeps, of a fleet's recorded ids, those whose instance is the recorded one or gone: a delete never
 * deletes an instance that took a recorded name since (a crashed replacement's on Lightsail, where names are ids).
 */
export async function stillRecorded(driver: CloudDriver, ctx: DriverContext, outs: InstanceOutputs | undefined, ids: string[]): Promise<string[]> {
  if (recorded(driver)) return ids;
  const views = new Map((await describeFleet(ctx, ids)).map((v) => [v.id, v]));
  return ids.filter((id) => !views.has(id) || sameInstance(driver, outs, views.get(id)!));
}

import { snapshotDrivers } from "./clouds/snapshotRegistry";
import { drivers } from "./clouds/registry";
import type { SnapshotCommonArgs, SnapshotDriver, SnapshotView } from "./core/snapshotDriver";
import { cloudOf, unknownCloud, unknownCloudFailure, validate, type CheckFailure } from "./core/check";
import { timeoutFor } from "./core/commonSchema";
import { contextFor } from "./core/context";
import { CloudError } from "./core/errors";
import { pollerFor } from "./core/poller";
import { PRESENT, declaredWait, type WaitDeclaration } from "./core/waits";
import { canonicalJson } from "./core/digest";
import { detailedDiffOf, type FieldChange } from "./core/diff";
import { OWNER_TAG, isOwnershipTag } from "./core/ownership";
import { withRecordedOwner } from "./core/naming";
import type { DriverContext } from "./core/driver";
import { SNAPSHOT_OUTPUT_KEYS } from "./core/outputs";
import type { CloudName } from "./core/types";
import { keepingProvider } from "./core/keepingProvider";
import { withDefaults, withRegionHint } from "./core/defaults";

/** SnapshotOutputs are what an InstanceSnapshot records and exposes. */
export interface SnapshotOutputs extends Record<string, unknown> {
  cloud: string;
  region: string;
  args: Record<string, unknown>;
  snapshotId: string;
  /** Of a snapshot read from its id alone without the importing resource's owner: `owner`, which a diff takes as desired. */
  unreadInputs?: string[];
  name: string;
  state: string;
}

const OUTPUT_KEYS = ["__provider", ...SNAPSHOT_OUTPUT_KEYS, "unreadInputs"];
/** Inputs that never need the snapshot re-made. */
const COSMETIC = new Set(["timeouts", "endpoint", "owner"]);

function inputsOf(raw: Record<string, unknown>): Record<string, unknown> {
  const out = { ...raw };
  for (const k of OUTPUT_KEYS) delete out[k];
  return out;
}

function driverFor(cloud: string): SnapshotDriver {
  const d = snapshotDrivers[cloud as CloudName];
  if (!d) throw new Error(`${cloud} has no instance snapshot API`);
  return d;
}

function contextOf(driver: SnapshotDriver, args: SnapshotCommonArgs, op: "create" | "delete"): DriverContext {
  return contextFor(drivers[driver.cloud], args, Date.now() + timeoutFor(args, op));
}

/**
 * snapshotAvailable: a snapshot being made is usable once ready; one the cloud gave up on fails with its detail. A
 * snapshot not listed yet is still pending: a cloud may list a new snapshot a moment after accepting it.
 */
function snapshotAvailable(cloud: CloudName): WaitDeclaration<SnapshotView> {
  return {
    what: "snapshot available",
    status: (v, id) => {
      if (v?.phase === "failed") {
        throw new CloudError({ cloud, operation: "CreateInstanceSnapshot", code: v.failure?.code ?? v.state, message: `snapshot ${id} failed: ${v.failure?.message ?? v.state}`, instanceIds: [id] });
      }
      return v ? v.phase : "gone";
    },
    pending: ["pending", "gone"],
    target: ["ready"],
  };
}

/** snapshotGone: a deleted snapshot is done once the cloud no longer lists it. */
const snapshotGone: WaitDeclaration<SnapshotView> = { what: "snapshot deleted", pending: PRESENT, target: ["gone"] };

/** waitSnapshot waits on the shared snapshot poller of this cloud and account until the snapshot reaches the wait's target. */
async function waitSnapshot(driver: SnapshotDriver, ctx: DriverContext, id: string, decl: WaitDeclaration<SnapshotView>): Promise<SnapshotView | undefined> {
  const poller = pollerFor<SnapshotView>(`${ctx.account}|snapshots`, ctx.cloud, (ids) => driver.describe(ctx, ids), {
    batchSize: driver.describeBatchSize,
  });
  const views = await poller.waitFor(declaredWait(ctx.cloud, [id], decl, ctx.clock.now(), ctx.deadline));
  return views.get(id);
}

function outputsOf(args: SnapshotCommonArgs, view: SnapshotView): SnapshotOutputs {
  return { ...view.outputs, cloud: args.cloud, region: args.region, args: { ...args }, snapshotId: view.id, name: view.name, state: view.state };
}

/** check validates snapshot inputs, and says plainly when a cloud has no snapshot API. */
export async function check(olds: Record<string, unknown>, raw: Record<string, unknown>): Promise<{ inputs: Record<string, unknown>; failures: CheckFailure[] }> {
  if (unknownCloud(inputsOf(raw))) return { inputs: raw, failures: [] };
  const cloud = cloudOf(inputsOf(raw));
  if (!cloud) return { inputs: raw, failures: [unknownCloudFailure(inputsOf(raw))] };
  const { regionVariables } = drivers[cloud];
  // The owner recorded at create stays: a rename (aliases, a moved stack) is not a change of the snapshot.
  const news = withRecordedOwner(olds, withDefaults(cloud, raw, regionVariables));
  const inputs = inputsOf(news);
  const driver = snapshotDrivers[cloud];
  if (!driver) {
    const supported = Object.entries(snapshotDrivers).flatMap(([c, d]) => (d ? [c] : [])).join(" and ");
    return { inputs: news, failures: [{ property: "cloud", reason: `${cloud} has no instance snapshot API (its CreateInstances documents none); snapshots are supported on ${supported}` }] };
  }
  return { inputs: news, failures: withRegionHint(validate(driver, inputs, Object.values(snapshotDrivers).filter((d) => d !== undefined)), cloud, regionVariables) };
}

/** diff re-makes the snapshot when anything but timeouts or the endpoint changes. */
export async function diff(_id: string, olds: SnapshotOutputs, news: Record<string, unknown>) {
  const desired = inputsOf(news);
  const unread = Object.fromEntries((olds.unreadInputs ?? []).map((k) => [k, desired[k]]));
  const recorded = { ...(olds.args ?? {}), ...unread };
  const replaces = [...new Set([...Object.keys(desired), ...Object.keys(recorded)])].filter(
    (k) => !COSMETIC.has(k) && canonicalJson(desired[k] ?? null) !== canonicalJson(recorded[k] ?? null),
  );
  const cosmetic = [...COSMETIC].filter((k) => canonicalJson(desired[k] ?? null) !== canonicalJson(recorded[k] ?? null));
  const changes: FieldChange[] = [...replaces.map((field) => ({ field, rule: "replace" as const })), ...cosmetic.map((field) => ({ field, rule: "update" as const }))];
  return {
    changes: changes.length > 0,
    replaces,
    deleteBeforeReplace: replaces.length > 0,
    // Each changed field and its kind, for a native provider's property-level diff (the dynamic host ignores it).
    detailedDiff: detailedDiffOf(changes, recorded, desired),
  };
}

/** create makes the snapshot and waits until it is usable; if the wait fails the id is kept so nothing leaks. */
export async function create(raw: Record<string, unknown>): Promise<{ id: string; outs: SnapshotOutputs }> {
  return keepingProvider(raw, () => createSnapshot(raw));
}

async function createSnapshot(raw: Record<string, unknown>): Promise<{ id: string; outs: SnapshotOutputs }> {
  const driver = driverFor(String(raw.cloud));
  const args = driver.schema.parse(inputsOf(raw)) as SnapshotCommonArgs;
  const ctx = contextOf(driver, args, "create");
  const { id } = await driver.create(ctx, args, { [OWNER_TAG]: args.owner ?? "unowned" });
  try {
    const view = await waitSnapshot(driver, ctx, id, snapshotAvailable(args.cloud));
    return { id, outs: outputsOf(args, view!) };
  } catch (err) {
    const e = err instanceof CloudError ? err : new CloudError({ cloud: args.cloud, operation: "CreateInstanceSnapshot", code: "Error", message: String((err as Error).message ?? err) });
    e.id = id;
    e.properties = { cloud: args.cloud, region: args.region, args: { ...args }, snapshotId: id, name: id, state: "unknown" };
    throw e;
  }
}

/** SnapshotImport is what the engine knows of an imported snapshot besides its id. */
export interface SnapshotImport {
  /** The cloud, which the resource type names (a snapshot id does not). */
  cloud: CloudName;
  /** The resource's own owner (`project/stack/name` from its URN), recorded as the imported snapshot's owner. */
  owner?: string;
}

/**
 * read refreshes the snapshot; a snapshot deleted outside Pulumi is reported gone. From the id alone (`pulumi import`,
 * the `import` option) it also answers the inputs that make the snapshot.
 */
export async function read(
  id: string,
  props?: SnapshotOutputs,
  importing?: SnapshotImport,
): Promise<{ id: string; props: SnapshotOutputs | Record<string, never>; inputs?: Record<string, unknown> }> {
  if (!props || Object.keys(props).length === 0) return imported(id, importing);
  const driver = driverFor(props.cloud);
  const args = props.args as SnapshotCommonArgs;
  const views = await driver.describe(contextOf(driver, args, "create"), [id]);
  const v = views.get(id);
  if (!v) return { id: "", props: {} };
  return { id, props: { ...outputsOf(args, v), ...(props.unreadInputs ? { unreadInputs: props.unreadInputs } : {}) } };
}

/**
 * imported reads a snapshot from its id alone, in the region the stack config gives the cloud (a snapshot id names
 * none). Its inputs are the cloud's reading (SnapshotDriver.inputsFrom), its tags but lightfleet's own, and as owner
 * the importing resource's own; the outputs record them as a check would make them, so the next diff shows no change.
 */
async function imported(id: string, importing: SnapshotImport | undefined): Promise<{ id: string; props: SnapshotOutputs | Record<string, never>; inputs?: Record<string, unknown> }> {
  if (!importing) throw new Error(`reading snapshot ${id} from its id alone needs its cloud`);
  const { cloud } = importing;
  const driver = driverFor(cloud);
  const { regionVariables } = drivers[cloud];
  const where = withDefaults(cloud, {}, regionVariables);
  if (!where.region) {
    throw new CloudError({ cloud, operation: "import", code: "MissingRegion", message: `importing snapshot ${id} needs its region: ${withRegionHint([{ property: "region", reason: "is required" }], cloud, regionVariables)[0].reason}` });
  }
  const ctx = contextFor(drivers[cloud], { region: where.region, endpoint: where.endpoint }, Date.now() + 5 * 60_000);
  const v = (await driver.describe(ctx, [id])).get(id);
  if (!v) return { id: "", props: {} };
  const tags = Object.fromEntries(Object.entries(v.tags).filter(([k]) => !isOwnershipTag(k)));
  const inputs: Record<string, unknown> = {
    cloud,
    region: where.region,
    ...(await driver.inputsFrom(ctx, v)),
    ...(Object.keys(tags).length > 0 ? { tags } : {}),
    ...(importing.owner ? { owner: importing.owner } : {}),
  };
  const news = inputsOf(withDefaults(cloud, inputs, regionVariables));
  const parsed = driver.schema.safeParse(news);
  // Inputs the schema refuses (the instance of a snapshot that outlived it) are for check to report.
  const outs = outputsOf((parsed.success ? parsed.data : news) as SnapshotCommonArgs, v);
  // Without the importing resource's owner, the one its first check gives it is no change either.
  return { id, props: importing.owner ? outs : { ...outs, unreadInputs: ["owner"] }, inputs };
}

/** update records new timeouts or endpoint; nothing changes in the cloud. */
export async function update(_id: string, olds: SnapshotOutputs, news: Record<string, unknown>): Promise<{ outs: SnapshotOutputs }> {
  // The inputs an import left unread are recorded from now on.
  const { unreadInputs: _unread, ...recorded } = olds;
  return { outs: { ...recorded, args: { ...olds.args, ...inputsOf(news) } } };
}

/** remove deletes the snapshot and waits until the cloud no longer lists it; already gone is success. */
export async function remove(id: string, props: SnapshotOutputs): Promise<void> {
  const driver = driverFor(props.cloud);
  const ctx = contextOf(driver, props.args as SnapshotCommonArgs, "delete");
  await driver.delete(ctx, id);
  await waitSnapshot(driver, ctx, id, snapshotGone);
}

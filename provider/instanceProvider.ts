import { drivers } from "./clouds/registry";
import type { CloudDriver } from "./core/driver";
import type { CommonArgs } from "./core/commonSchema";
import { cloudOf, containsUnknown, unknownCloud, unknownCloudFailure, validate, withoutSecretValues, type CheckFailure } from "./core/check";
import { changedFields, detailedDiffOf } from "./core/diff";
import { decodeResourceId } from "./core/ids";
import { contextFor } from "./core/context";
import { argsFromOutputs, comparedArgs, createFleet, deleteFleet, outputsOf, updateFleet } from "./core/fleet";
import { describeFleet } from "./core/waits";
import { INSTANCE_OUTPUT_KEYS, type InstanceOutputs } from "./core/outputs";
import { CloudError, isCloudError } from "./core/errors";
import { keepingProvider } from "./core/keepingProvider";
import { withDefaults, withRegionHint } from "./core/defaults";
import { lookUp } from "./core/listing";
import { hasStrays, noteDeleted, noteHanded, sameInstance, stillRecorded, sweepStrays } from "./core/strays";
import { timeoutFor } from "./core/commonSchema";
import { withAutoName, withRecordedOwner } from "./core/naming";
import { commonUserTags } from "./core/ownership";
import { keepParsed, parsedInputs } from "./core/checkedInputs";

/** Output names the SDK declares on the resource; they are never inputs. */
const OUTPUT_KEYS = new Set(["__provider", ...INSTANCE_OUTPUT_KEYS, "args", "secretInputs", "unreadInputs", "fingerprint"]);

function inputsOf(raw: Record<string, unknown>): Record<string, unknown> {
  // Copied key by key: deleting keys from a copy turns it into a slower, larger dictionary object.
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(raw)) if (!OUTPUT_KEYS.has(k)) out[k] = raw[k];
  return out;
}

function driverFor(cloud: string): CloudDriver {
  const d = drivers[cloud as keyof typeof drivers];
  if (!d) throw new Error(`unknown cloud ${JSON.stringify(cloud)}`);
  return d;
}

/** parse reads inputs check validated: its kept parse when it has one (which it then drops), else the schema's. */
function parse(driver: CloudDriver, raw: Record<string, unknown>): CommonArgs {
  const inputs = inputsOf(raw);
  const kept = parsedInputs(driver.schema, inputs);
  return (kept.success ? kept.data : driver.schema.parse(inputs)) as CommonArgs;
}

/**
 * check validates every input against the cloud's rules before any API call and reports every failure at once,
 * each naming the property and the rule. When everything is valid and known, a cloud with a dry-run call (Lighthouse)
 * also asks the cloud, which catches what only the cloud's catalogue knows.
 */
export async function check(olds: Record<string, unknown>, raw: Record<string, unknown>): Promise<{ inputs: Record<string, unknown>; failures: CheckFailure[] }> {
  // A cloud given as an Output of another resource is known at update; the engine checks again then.
  if (unknownCloud(inputsOf(raw))) return { inputs: raw, failures: [] };
  const cloud = cloudOf(inputsOf(raw));
  if (!cloud) return { inputs: raw, failures: [unknownCloudFailure(inputsOf(raw))] };
  const driver = driverFor(cloud);
  const news = withAutoName(driver.autoNaming, olds, withRecordedOwner(olds, withDefaults(cloud, raw, driver.regionVariables)));
  const inputs = inputsOf(news);
  const { failures: found, parsed } = validate(driver, inputs, Object.values(drivers));
  const failures = withRegionHint(found, cloud, driver.regionVariables);
  if (failures.length === 0) keepParsed(inputs, parsed);
  if (failures.length === 0 && driver.preflight && !containsUnknown(inputs)) {
    try {
      const args = parsed as CommonArgs;
      await driver.preflight(contextFor(driver, args, Date.now() + 60_000), args);
    } catch (err) {
      if (isCloudError(err) && !err.retryable && err.code !== "MissingCredentials") failures.push({ property: "", reason: err.message });
      else if (!isCloudError(err)) throw err;
    }
  }
  return { inputs: news, failures: withoutSecretValues(failures, inputs, driver.secretPaths) };
}

/**
 * diff compares the desired inputs with what the last create, update or read recorded, using the cloud's table of
 * fields that replace and fields that update in place. It also looks whether instances disappeared behind Pulumi's
 * back or are on their way out, and compares the recorded fleet's size with the inputs', so that the next update
 * re-creates them: in one listing of the region shared by every diff of the engine operation (core/listing), since
 * the engine diffs one resource at a time and a cloud call each would add up.
 */
export async function diff(_id: string, olds: InstanceOutputs, news: Record<string, unknown>) {
  const inputs = inputsOf(news);
  const cloud = cloudOf(inputs);
  if (!cloud || cloud !== olds.cloud) return { changes: true, replaces: ["cloud"], deleteBeforeReplace: false };
  const driver = driverFor(cloud);
  const parsed = parsedInputs(driver.schema, inputs);
  const desired = (parsed.success ? parsed.data : inputs) as Record<string, unknown>;
  const recorded = comparedArgs(olds, desired);
  const changes = changedFields(driver, recorded, desired);
  const replaces = changes.filter((c) => c.rule === "replace").map((c) => c.field);
  let fleetDamaged = false;
  if (replaces.length === 0 && !containsUnknown(inputs)) {
    try {
      const ctx = contextFor(driver, argsFromOutputs(olds), Date.now() + 60_000);
      const live = await lookUp(driver, ctx, olds.instanceIds ?? []);
      fleetDamaged = live.length !== (olds.instanceIds ?? []).length || live.some((v) => v.phase === "failed" || v.phase === "deleting");
      // Instances of this resource the state does not hold (a crashed create's) are deleted by the update.
      fleetDamaged ||= parsed.success && (await hasStrays(driver, ctx, parsed.data as CommonArgs, olds.instanceIds ?? []));
    } catch {
      // Without credentials or a reachable cloud at preview, the recorded state is all there is to compare.
    }
  }
  // A fleet recorded smaller than its inputs ask for (a refresh dropped instances deleted behind Pulumi's back) needs
  // an update to re-create them; the engine also frames a refresh's drift through this diff.
  const resized = parsed.success && (olds.instanceIds ?? []).length !== driver.desiredCount(parsed.data as CommonArgs);
  // A fleet recorded while instances were still starting (its create or update ran out of time) needs an update that
  // waits for them and records their addresses.
  const unfinished = (olds.instances ?? []).some((i) => i.state === "pending");
  const oldNames = new Set((olds.instances ?? []).map((i) => i.name));
  const newNames = parsed.success ? driver.desiredNames(parsed.data as CommonArgs) ?? [] : [];
  return {
    changes: changes.length > 0 || fleetDamaged || resized || unfinished,
    replaces,
    deleteBeforeReplace: replaces.length > 0 && driver.namesMustBeUnique && newNames.some((n) => oldNames.has(n)),
    // Each changed field and its kind, for a native provider's property-level diff (the dynamic host ignores it).
    detailedDiff: detailedDiffOf(changes, recorded, desired),
  };
}


/** create brings a fleet up with one CreateInstances call and waits until every instance is ready. */
export async function create(inputs: Record<string, unknown>): Promise<{ id: string; outs: InstanceOutputs }> {
  const driver = driverFor(String(inputs.cloud));
  return keepingProvider(inputs, async () => {
    const args = parse(driver, inputs);
    const created = await handingOver(driver, args, () => createFleet(driver, args));
    noteHanded(driver, args, created.outs.instanceIds);
    return created;
  });
}

/** handingOver records the instances an operation's error hands to the engine (a partial failure keeps the id). */
async function handingOver<T>(driver: CloudDriver, args: CommonArgs, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    const kept = isCloudError(err) ? (err.properties as Partial<InstanceOutputs> | undefined)?.instanceIds : undefined;
    if (kept) noteHanded(driver, args, kept);
    throw err;
  }
}

/** ImportOptions are what the engine knows of an imported resource besides its id. */
export interface ImportOptions {
  /**
   * The resource's own owner (`project/stack/name` from its URN), recorded as the imported fleet's owner; without it,
   * the owner the resource's first check gives it.
   */
  owner?: string;
}

/**
 * read refreshes a fleet from the cloud by its recorded outputs. Instances deleted outside Pulumi are dropped from the
 * outputs; when none is left the resource is reported gone (an empty id). It reads the account's listing shared by
 * the operation (core/listing), as diff does: the engine reads eight resources at a time by default, and each batch
 * would otherwise wait for a round of describes. From the id alone (`pulumi import`, the `import` option) it also
 * answers the inputs that reproduce the fleet.
 */
export async function read(
  id: string,
  props?: InstanceOutputs,
  importing?: ImportOptions,
): Promise<{ id: string; props: InstanceOutputs | Record<string, never>; inputs?: Record<string, unknown> }> {
  if (!props || Object.keys(props).length === 0) return imported(id, importing ?? {});
  const ref = decodeResourceId(id);
  const driver = driverFor(ref.cloud);
  const args = props.args ? argsFromOutputs(props) : ({ cloud: ref.cloud, region: ref.region } as CommonArgs);
  const ids = props.instanceIds ?? ref.instanceIds;
  const ctx = contextFor(driver, args, Date.now() + 5 * 60_000);
  const live = (await lookUp(driver, ctx, ids)).filter((v) => sameInstance(driver, props, v));
  if (live.length === 0) return { id: "", props: {} };
  // An imported fleet's inputs the cloud never showed stay unread until an update records them.
  return { id, props: { ...outputsOf(driver, args, live), ...(props.unreadInputs ? { unreadInputs: props.unreadInputs } : {}) } };
}

/**
 * imported reads a fleet from its id alone: every instance it names must exist (an import names what to take over).
 * Its inputs are the cloud's reading of the instances (CloudDriver.inputsFrom), the tags they all carry but
 * lightfleet's own, and as owner the importing resource's own: the instances keep the owner tag of the resource that
 * created them, which no sweep of the importing resource takes for its own (core/strays), so importing a part of
 * another resource's fleet never deletes the rest. The outputs record those inputs as a check would make them, so
 * that the next diff against them shows no change; they list the inputs the cloud never shows (`unreadInputs`), which
 * the program may give without that being a change.
 */
async function imported(id: string, importing: ImportOptions): Promise<{ id: string; props: InstanceOutputs | Record<string, never>; inputs?: Record<string, unknown> }> {
  const ref = decodeResourceId(id);
  const driver = driverFor(ref.cloud);
  const where = withDefaults(ref.cloud, { region: ref.region }, driver.regionVariables);
  const live = await describeFleet(contextFor(driver, where, Date.now() + 5 * 60_000), ref.instanceIds);
  if (live.length === 0) return { id: "", props: {} };
  const missing = ref.instanceIds.filter((i) => !live.some((v) => v.id === i));
  if (missing.length > 0) {
    throw new CloudError({ cloud: ref.cloud, operation: "import", code: "InstanceNotFound", message: `cannot import ${id}: ${ref.region} has no instance ${missing.join(", ")}` });
  }
  const tags = commonUserTags(live);
  const inputs: Record<string, unknown> = {
    cloud: ref.cloud,
    region: ref.region,
    ...driver.inputsFrom(live),
    ...(Object.keys(tags).length > 0 ? { tags } : {}),
    ...(importing.owner ? { owner: importing.owner } : {}),
  };
  const news = inputsOf(withAutoName(driver.autoNaming, inputs, withDefaults(ref.cloud, inputs, driver.regionVariables)));
  const parsed = driver.schema.safeParse(news);
  // Inputs the schema refuses (a required secret the cloud never shows) are for check to report, naming the property.
  const args = (parsed.success ? parsed.data : news) as CommonArgs;
  // Without the importing resource's owner, the one its first check gives it is no change either.
  const unreadInputs = [...driver.secretPaths, ...driver.unreadablePaths, ...(importing.owner ? [] : [["owner"]])].map((p) => p.join("."));
  return { id, props: { ...outputsOf(driver, args, live), unreadInputs }, inputs };
}

/** update applies in-place changes and resizes the fleet: create the missing, delete the surplus. */
export async function update(id: string, olds: InstanceOutputs, news: Record<string, unknown>): Promise<{ outs: InstanceOutputs }> {
  const driver = driverFor(olds.cloud);
  return {
    outs: await keepingProvider(news, async () => {
      const args = parse(driver, news);
      await sweepStrays(driver, contextFor(driver, args, Date.now() + timeoutFor(args, "update")), args, olds.instanceIds ?? []);
      const outs = await handingOver(driver, args, () => updateFleet(driver, id, olds, args));
      noteHanded(driver, args, outs.instanceIds);
      return outs;
    }),
  };
}

/** delete deletes every instance through the cloud's full path and waits until they are gone. */
export async function remove(id: string, props: InstanceOutputs): Promise<void> {
  const ref = decodeResourceId(id);
  const driver = driverFor(ref.cloud);
  const outs = props?.args ? props : ({ cloud: ref.cloud, region: ref.region, args: {}, secretInputs: {} } as unknown as InstanceOutputs);
  const args = argsFromOutputs(outs);
  const ids = await stillRecorded(driver, contextFor(driver, args, Date.now() + timeoutFor(args, "delete")), props, props?.instanceIds ?? ref.instanceIds);
  await deleteFleet(driver, outs, ids);
  noteDeleted(driver, args, ids);
}

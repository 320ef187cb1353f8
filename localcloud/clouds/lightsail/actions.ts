import { MAX_TAGS, regions } from "./catalog";
import { LightsailError, invalidInput, notFound } from "./errors";
import {
  ADD_ON_TYPES,
  IP_ADDRESS_TYPES,
  type AddOnRecord,
  type LaunchOptions,
  type LightsailModel,
  type Placement,
  type TagRecord,
} from "./models";
import {
  renderBlueprint,
  renderInstance,
  renderOperation,
  renderOperations,
  renderPage,
  renderRegion,
  renderSnapshot,
  renderState,
  type Body,
  type Input,
} from "./wire";

/*
 * Reading and checking request members the way Lightsail does: a member of the wrong JSON type is a
 * SerializationException, a missing or malformed one an InvalidInputException, and the name and tag rules of the
 * API documents are checked here once for every operation that takes names or tags. Each action reads its members
 * in the order Lightsail reports their faults, finds the resources it acts on, and calls the model.
 */

/** NAME_PATTERN is Lightsail's resource name rule `\w[\w\-]*\w`. */
const NAME_PATTERN = /^\w[\w-]*\w$/;
/** TAG_PATTERN allows letters, numbers and spaces in UTF-8 and `+ - = . _ : / @`. */
const TAG_PATTERN = /^[\p{L}\p{Z}\p{N}+\-=._:/@]*$/u;

function wrongType(field: string, expected: string): LightsailError {
  return new LightsailError("SerializationException", `Unexpected value at '${field}': expected ${expected}`);
}

function missing(field: string): LightsailError {
  return invalidInput(`Value null at '${field}' failed to satisfy constraint: Member must not be null`);
}

/** optionalString reads a string member. */
function optionalString(input: Input, field: string): string | undefined {
  const v = input[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw wrongType(field, "a string");
  return v;
}

/** requiredString reads a string member that must be present and non-empty. */
function requiredString(input: Input, field: string): string {
  const v = optionalString(input, field);
  if (v === undefined || v === "") throw missing(field);
  return v;
}

/** optionalBoolean reads a boolean member. */
function optionalBoolean(input: Input, field: string): boolean | undefined {
  const v = input[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "boolean") throw wrongType(field, "a boolean");
  return v;
}

/** stringList reads a list of strings; required lists must have at least one item. */
function stringList(input: Input, field: string, required: boolean): string[] {
  const v = input[field];
  if (v === undefined || v === null) {
    if (required) throw missing(field);
    return [];
  }
  if (!Array.isArray(v) || v.some((s) => typeof s !== "string")) throw wrongType(field, "a list of strings");
  if (required && v.length === 0) throw invalidInput(`${field} must contain at least one item`);
  return v as string[];
}

/** objectList reads a list of JSON objects. */
function objectList(input: Input, field: string): Input[] {
  const v = input[field];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((o) => typeof o !== "object" || o === null || Array.isArray(o))) {
    throw wrongType(field, "a list of objects");
  }
  return v as Input[];
}

/** optionalObject reads a nested JSON object. */
function optionalObject(input: Input, field: string): Input | undefined {
  const v = input[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "object" || Array.isArray(v)) throw wrongType(field, "an object");
  return v as Input;
}

/** checkName applies the resource name rule: `\w[\w\-]*\w`, 2-255 characters. */
function checkName(name: string, what: string): void {
  if (name.length < 2 || name.length > 255) throw invalidInput(`The ${what} name ${JSON.stringify(name)} must be 2-255 characters`);
  if (!NAME_PATTERN.test(name)) {
    throw invalidInput(
      `The ${what} name ${JSON.stringify(name)} must contain only letters, numbers, underscores and hyphens, and start and end with a letter, number or underscore`,
    );
  }
}

/** checkEnum rejects a value outside the member's enumeration. */
function checkEnum<T extends string>(value: string, allowed: readonly T[], field: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw invalidInput(`Value ${JSON.stringify(value)} at '${field}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(", ")}]`);
  }
  return value as T;
}

/** checkTagKey applies the tag key rule: 1-128 allowed characters. */
function checkTagKey(key: string): void {
  if (key.length < 1 || key.length > 128) throw invalidInput(`Tag key ${JSON.stringify(key)} must be 1-128 characters`);
  if (!TAG_PATTERN.test(key)) {
    throw invalidInput(`Tag key ${JSON.stringify(key)} may contain only letters, numbers, spaces and + - = . _ : / @`);
  }
}

/** tagList reads and checks a `tags` member: at most 50, keys unique, keys and values within the rules. */
function tagList(input: Input, field = "tags"): TagRecord[] {
  const tags = objectList(input, field).map((t, i) => {
    const key = optionalString(t, "key");
    if (key === undefined) throw missing(`${field}.${i + 1}.member.key`);
    const value = optionalString(t, "value");
    checkTagKey(key);
    if (value !== undefined) {
      if (value.length > 256) throw invalidInput(`The value of tag ${JSON.stringify(key)} must be at most 256 characters`);
      if (!TAG_PATTERN.test(value)) {
        throw invalidInput(`The value of tag ${JSON.stringify(key)} may contain only letters, numbers, spaces and + - = . _ : / @`);
      }
    }
    return value === undefined ? { key } : { key, value };
  });
  const keys = new Set(tags.map((t) => t.key));
  if (keys.size !== tags.length) throw invalidInput("Tag keys must be unique");
  if (tags.length > MAX_TAGS) throw invalidInput(`A resource can have at most ${MAX_TAGS} tags; ${tags.length} were given`);
  return tags;
}


/** HOUR_PATTERN is an auto-snapshot time: a whole hour, `HH:00`, in UTC. */
const HOUR_PATTERN = /^([01]\d|2[0-3]):00$/;

/** readAddOn reads one add-on request, with Lightsail's defaults. */
function readAddOn(a: Input): AddOnRecord {
  const type = checkEnum(requiredString(a, "addOnType"), ADD_ON_TYPES, "addOnType");
  if (type === "AutoSnapshot") {
    const time = optionalString(optionalObject(a, "autoSnapshotAddOnRequest") ?? {}, "snapshotTimeOfDay") ?? "06:00";
    if (!HOUR_PATTERN.test(time)) {
      throw invalidInput(`The snapshotTimeOfDay ${JSON.stringify(time)} must be in HH:00 format, in an hourly increment, in UTC`);
    }
    return { name: "AutoSnapshot", status: "Enabled", snapshotTimeOfDay: time, nextSnapshotTimeOfDay: time };
  }
  const req = optionalObject(a, "stopInstanceOnIdleRequest") ?? {};
  return {
    name: "StopInstanceOnIdle",
    status: "Enabled",
    threshold: optionalString(req, "threshold") ?? "5",
    duration: optionalString(req, "duration") ?? "30",
  };
}

function readAddOns(input: Input, field = "addOns"): AddOnRecord[] {
  const list = objectList(input, field).map(readAddOn);
  if (new Set(list.map((a) => a.name)).size !== list.length) throw invalidInput("Each add-on type may be given once");
  return list;
}

/** readPlacement reads where a launch goes; a launch from a snapshot takes the snapshot's blueprint. */
function readPlacement(input: Input, fromSnapshot: boolean): Placement {
  const names = stringList(input, "instanceNames", true);
  for (const n of names) checkName(n, "instance");
  if (new Set(names).size !== names.length) throw invalidInput("The instance names must be unique within the request");
  const zone = requiredString(input, "availabilityZone");
  const bundleId = requiredString(input, "bundleId");
  const blueprintId = fromSnapshot ? undefined : requiredString(input, "blueprintId");
  if (optionalString(input, "customImageName") !== undefined) throw invalidInput("The customImageName parameter is discontinued");
  return { names, zone, bundleId, ...(blueprintId !== undefined ? { blueprintId } : {}) };
}

/** readLaunchOptions reads what a launch sets on each instance besides its placement. */
function readLaunchOptions(input: Input): LaunchOptions {
  const userData = optionalString(input, "userData");
  const keyPairName = optionalString(input, "keyPairName");
  if (keyPairName !== undefined) checkName(keyPairName, "key pair");
  const tags = tagList(input);
  const addOns = readAddOns(input);
  const ipAddressType = checkEnum(optionalString(input, "ipAddressType") ?? "dualstack", IP_ADDRESS_TYPES, "ipAddressType");
  return { userData, keyPairName, tags, addOns, ipAddressType };
}

/** launchSnapshotName reads which snapshot CreateInstancesFromSnapshot starts from; automatic snapshots do not exist here. */
function launchSnapshotName(input: Input): string {
  const snapshotName = optionalString(input, "instanceSnapshotName");
  const sourceInstance = optionalString(input, "sourceInstanceName");
  if (snapshotName === undefined) {
    if (sourceInstance !== undefined) throw notFound(`No automatic snapshot exists for the instance ${sourceInstance}`);
    throw invalidInput("Either instanceSnapshotName or sourceInstanceName is required");
  }
  return snapshotName;
}

/** Action reads one operation's members, calls the model and renders its answer. */
export type Action = (model: LightsailModel, region: string, input: Input) => Body;

const pageToken = (input: Input): string | undefined => optionalString(input, "pageToken");
const includeInactive = (input: Input): boolean => optionalBoolean(input, "includeInactive") ?? false;

/** actions are the Lightsail operations localcloud serves. */
export const actions: Record<string, Action> = {
  CreateInstances(model, region, input) {
    const plan = model.planLaunch(region, readPlacement(input, false));
    return renderOperations(model.launch(region, plan, readLaunchOptions(input)));
  },
  CreateInstancesFromSnapshot(model, region, input) {
    const snapshot = model.snapshotForLaunch(region, launchSnapshotName(input));
    const plan = model.planLaunch(region, readPlacement(input, true), snapshot);
    return renderOperations(model.launch(region, plan, readLaunchOptions(input)));
  },
  GetInstance: (model, region, input) => ({ instance: renderInstance(model.getInstance(region, requiredString(input, "instanceName"))) }),
  GetInstances: (model, region, input) => renderPage("instances", model.listInstances(region, pageToken(input)), renderInstance),
  GetInstanceState: (model, region, input) => ({ state: renderState(model.getInstance(region, requiredString(input, "instanceName"))) }),
  DeleteInstance(model, region, input) {
    const instance = model.getInstance(region, requiredString(input, "instanceName"));
    optionalBoolean(input, "forceDeleteAddOns");
    return renderOperations([model.deleteInstance(instance)]);
  },
  StartInstance: (model, region, input) => renderOperations([model.startInstance(model.getInstance(region, requiredString(input, "instanceName")))]),
  StopInstance(model, region, input) {
    const instance = model.getInstance(region, requiredString(input, "instanceName"));
    optionalBoolean(input, "force");
    return renderOperations([model.stopInstance(instance)]);
  },
  RebootInstance: (model, region, input) => renderOperations([model.rebootInstance(model.getInstance(region, requiredString(input, "instanceName")))]),
  GetOperation: (model, region, input) => ({ operation: renderOperation(model.getOperation(region, requiredString(input, "operationId"))) }),
  GetOperations: (model, region, input) => renderPage("operations", model.listOperations(region, undefined, pageToken(input)), renderOperation),
  GetOperationsForResource(model, region, input) {
    const name = requiredString(input, "resourceName");
    return renderPage("operations", model.listOperations(region, name, pageToken(input)), renderOperation);
  },
  CreateInstanceSnapshot(model, region, input) {
    const name = requiredString(input, "instanceSnapshotName");
    const instanceName = requiredString(input, "instanceName");
    checkName(name, "instance snapshot");
    const tags = tagList(input);
    return renderOperations([model.createInstanceSnapshot(model.getInstance(region, instanceName), name, tags)]);
  },
  GetInstanceSnapshot: (model, region, input) => ({
    instanceSnapshot: renderSnapshot(model.getSnapshot(region, requiredString(input, "instanceSnapshotName"))),
  }),
  GetInstanceSnapshots: (model, region, input) => renderPage("instanceSnapshots", model.listSnapshots(region, pageToken(input)), renderSnapshot),
  DeleteInstanceSnapshot: (model, region, input) =>
    renderOperations([model.deleteInstanceSnapshot(model.getSnapshot(region, requiredString(input, "instanceSnapshotName")))]),
  TagResource(model, region, input) {
    const resource = model.getTaggable(region, requiredString(input, "resourceName"), optionalString(input, "resourceArn"));
    const tags = tagList(input);
    if (tags.length === 0) throw invalidInput("tags must contain at least one tag");
    return renderOperations([model.tagResource(resource, tags)]);
  },
  UntagResource(model, region, input) {
    const resource = model.getTaggable(region, requiredString(input, "resourceName"), optionalString(input, "resourceArn"));
    const keys = stringList(input, "tagKeys", true);
    for (const k of keys) checkTagKey(k);
    return renderOperations([model.untagResource(resource, keys)]);
  },
  EnableAddOn(model, region, input) {
    const instance = model.getInstance(region, requiredString(input, "resourceName"));
    const req = optionalObject(input, "addOnRequest");
    if (!req) throw invalidInput("Value null at 'addOnRequest' failed to satisfy constraint: Member must not be null");
    return renderOperations([model.enableAddOn(instance, readAddOn(req))]);
  },
  DisableAddOn(model, region, input) {
    const type = checkEnum(requiredString(input, "addOnType"), ADD_ON_TYPES, "addOnType");
    return renderOperations([model.disableAddOn(model.getInstance(region, requiredString(input, "resourceName")), type)]);
  },
  SetIpAddressType(model, region, input) {
    const resourceType = requiredString(input, "resourceType");
    if (resourceType !== "Instance") throw invalidInput(`localcloud supports SetIpAddressType for instances only, not ${resourceType}`);
    const instance = model.getInstance(region, requiredString(input, "resourceName"));
    const type = checkEnum(requiredString(input, "ipAddressType"), IP_ADDRESS_TYPES, "ipAddressType");
    optionalBoolean(input, "acceptBundleUpdate");
    return renderOperations([model.setIpAddressType(instance, type)]);
  },
  GetBlueprints(model, _region, input) {
    const inactive = includeInactive(input);
    return renderPage("blueprints", model.listBlueprints(inactive, pageToken(input)), renderBlueprint);
  },
  GetBundles(model, _region, input) {
    const inactive = includeInactive(input);
    return renderPage("bundles", model.listBundles(inactive, pageToken(input)), (b) => b);
  },
  GetRegions(_model, _region, input) {
    const zones = optionalBoolean(input, "includeAvailabilityZones") ?? false;
    const dbZones = optionalBoolean(input, "includeRelationalDatabaseAvailabilityZones") ?? false;
    return { regions: regions.map((r) => renderRegion(r, zones, dbZones)) };
  },
};

import { randomUUID } from "crypto";
import type { EmulatorContext } from "../../emulator";
import { advance, schedule, type Scheduled } from "../../lifecycle";
import {
  ACCOUNT_ID,
  DEFAULT_INSTANCE_QUOTA,
  MAX_TAGS,
  PAGE_SIZE,
  blueprints,
  bundles,
  durations,
  regions,
  type BlueprintEntry,
  type BundleEntry,
} from "./catalog";
import { LightsailError, invalidInput, notFound } from "./errors";

/** TagRecord is one tag as Lightsail stores it. */
export interface TagRecord {
  key: string;
  value?: string;
}

/** IP_ADDRESS_TYPES are the address types an instance can have. */
export const IP_ADDRESS_TYPES = ["dualstack", "ipv4", "ipv6"] as const;
/** IpAddressType is one of IP_ADDRESS_TYPES. */
export type IpAddressType = (typeof IP_ADDRESS_TYPES)[number];
/** ADD_ON_TYPES are the add-ons an instance can have. */
export const ADD_ON_TYPES = ["AutoSnapshot", "StopInstanceOnIdle"] as const;
/** AddOnType is one of ADD_ON_TYPES. */
export type AddOnType = (typeof ADD_ON_TYPES)[number];

/** AddOnRecord is an enabled add-on of an instance. */
export interface AddOnRecord {
  name: string;
  status: string;
  snapshotTimeOfDay?: string;
  nextSnapshotTimeOfDay?: string;
  threshold?: string;
  duration?: string;
}

/** InstanceRecord is one stored instance; `gone` marks one whose deletion finished. */
export interface InstanceRecord extends Scheduled {
  name: string;
  arn: string;
  supportCode: string;
  createdAt: number;
  region: string;
  availabilityZone: string;
  blueprintId: string;
  bundleId: string;
  addOns: AddOnRecord[];
  privateIpAddress: string;
  publicIpAddress: string | null;
  ipv6Addresses: string[];
  ipAddressType: IpAddressType;
  state: string;
  tags: TagRecord[];
  sshKeyName?: string;
  userData?: string;
  gone?: boolean;
}

/** SnapshotRecord is one stored instance snapshot. */
export interface SnapshotRecord extends Scheduled {
  name: string;
  arn: string;
  supportCode: string;
  createdAt: number;
  region: string;
  availabilityZone: string;
  tags: TagRecord[];
  state: string;
  progress: string;
  fromInstanceName: string;
  fromInstanceArn: string;
  fromBlueprintId: string;
  fromBundleId: string;
  sizeInGb: number;
}

/** OperationRecord is one stored operation. */
export interface OperationRecord extends Scheduled {
  id: string;
  resourceName: string;
  resourceType: string;
  createdAt: number;
  region: string;
  availabilityZone: string;
  isTerminal: boolean;
  operationDetails: string;
  operationType: string;
  status: string;
  statusChangedAt: number;
  errorCode?: string;
  errorDetails?: string;
}

interface RegionState {
  instances: Record<string, InstanceRecord>;
  snapshots: Record<string, SnapshotRecord>;
  operations: OperationRecord[];
}

interface LightsailState {
  regions?: Record<string, RegionState>;
  /** Counter behind the addresses handed out, so they never repeat. */
  addressSeq?: number;
}

/** Page is one page of a list and the token of the next one, if any. */
export interface Page<T> {
  items: T[];
  nextPageToken?: string;
}

/** Placement is where and from what a CreateInstances call launches, as the request names it. */
export interface Placement {
  names: string[];
  zone: string;
  bundleId: string;
  /** Absent when launching from a snapshot, which brings its own. */
  blueprintId?: string;
}

/** LaunchPlan is a placement checked against the catalogue. */
export interface LaunchPlan extends Placement {
  blueprintId: string;
  blueprint: BlueprintEntry;
  bundle: BundleEntry;
  /** The snapshot the instances start from, if any. */
  fromSnapshot?: SnapshotRecord;
}

/** LaunchOptions are what a launch sets on each instance besides its placement. */
export interface LaunchOptions {
  userData?: string;
  keyPairName?: string;
  tags: TagRecord[];
  addOns: AddOnRecord[];
  ipAddressType: IpAddressType;
}

/** Taggable is a resource tags can be set on. */
export type Taggable = InstanceRecord | SnapshotRecord;

/** LightsailModelOptions tune the emulated account. */
export interface LightsailModelOptions {
  /** Instances a region holds before CreateInstances refuses more. */
  instanceQuota?: number;
}

const seconds = (ms: number): number => Math.round(ms) / 1000;

/** page cuts one page out of a list; the token is the next offset, opaque to clients. */
function page<T>(items: T[], token: string | undefined): Page<T> {
  let start = 0;
  if (token !== undefined) {
    const m = /^offset:(\d+)$/.exec(Buffer.from(token, "base64").toString("utf8"));
    if (!m) throw invalidInput("The pageToken is not valid");
    start = Number(m[1]);
  }
  const end = start + PAGE_SIZE;
  return {
    items: items.slice(start, end),
    nextPageToken: end < items.length ? Buffer.from(`offset:${end}`).toString("base64") : undefined,
  };
}

const byName = <T extends { name: string }>(a: T, b: T): number => (a.name < b.name ? -1 : 1);

/** mergeTags sets new values over old ones and checks the resulting count. */
function mergeTags(current: TagRecord[], changes: TagRecord[]): TagRecord[] {
  const byKey = new Map(current.map((t) => [t.key, t]));
  for (const t of changes) byKey.set(t.key, t);
  if (byKey.size > MAX_TAGS) throw invalidInput(`A resource can have at most ${MAX_TAGS} tags; this change would leave ${byKey.size}`);
  return [...byKey.values()];
}

function zonesOf(region: string): string[] {
  return regions.find((r) => r.name === region)?.zones ?? [];
}

function checkZone(region: string, zone: string): void {
  if (!zone.startsWith(region)) {
    throw invalidInput(`The Availability Zone ${zone} is not in the ${region} region; use one of ${zonesOf(region).join(", ")}`);
  }
  if (!zonesOf(region).includes(zone)) throw invalidInput(`The Availability Zone ${zone} is not valid`);
}

function findBundle(bundleId: string): BundleEntry {
  const b = bundles.find((x) => x.bundleId === bundleId);
  if (!b || !b.isActive) throw invalidInput(`The bundle ID ${bundleId} is not valid`);
  return b;
}

function findBlueprint(blueprintId: string): BlueprintEntry {
  const b = blueprints.find((x) => x.blueprintId === blueprintId);
  if (!b) throw invalidInput(`The blueprint ID ${blueprintId} is not valid`);
  if (!b.isActive) throw invalidInput(`The blueprint ${blueprintId} is inactive and cannot be used to create instances`);
  return b;
}

function checkPlatform(blueprint: BlueprintEntry, bundle: BundleEntry): void {
  if (!bundle.supportedPlatforms.includes(blueprint.platform)) {
    throw invalidInput(
      `The bundle ${bundle.bundleId} does not support the ${blueprint.platform} platform of blueprint ${blueprint.blueprintId}; choose a bundle whose supportedPlatforms include it`,
    );
  }
  if (bundle.power < blueprint.minPower) {
    throw invalidInput(`The bundle ${bundle.bundleId} is too small for blueprint ${blueprint.blueprintId}`);
  }
}

/** checkSnapshotSize refuses a bundle smaller than the one the snapshot was taken from. */
function checkSnapshotSize(bundle: BundleEntry, snapshot: SnapshotRecord): void {
  const source = bundles.find((b) => b.bundleId === snapshot.fromBundleId);
  if (source && bundle.power < source.power) {
    throw invalidInput(
      `The bundle ${bundle.bundleId} is smaller than the snapshot's source bundle ${source.bundleId}; choose the same size or larger`,
    );
  }
}

function requireState(i: InstanceRecord, allowed: string[], action: string): void {
  if (!allowed.includes(i.state)) {
    throw invalidInput(`You can't ${action} the instance ${i.name} while it is ${i.state}; it must be ${allowed.join(" or ")}`);
  }
}

/** launchFailure is the failed create operation's error, as Lightsail reports a capacity shortage. */
function launchFailure(zone: string, bundleId: string): { errorCode: string; errorDetails: string } {
  return {
    errorCode: "InsufficientCapacity",
    errorDetails: `There is not enough capacity in ${zone} for bundle ${bundleId} right now. Try another Availability Zone or try again later.`,
  };
}

/**
 * LightsailModel is the emulated Lightsail account: one method per API action over plain stored records, with
 * lifecycles that advance lazily by time. It takes typed parameters and answers records; it never sees HTTP nor a
 * response shape, and throws LightsailError.
 */
export class LightsailModel {
  private readonly quota: number;

  constructor(
    private readonly ctx: EmulatorContext,
    opts: LightsailModelOptions = {},
  ) {
    this.quota = opts.instanceQuota ?? DEFAULT_INSTANCE_QUOTA;
  }

  private get state(): LightsailState {
    return this.ctx.state as LightsailState;
  }

  private region(name: string): RegionState {
    const all = (this.state.regions ??= {});
    return (all[name] ??= { instances: {}, snapshots: {}, operations: [] });
  }

  /** advanceAll applies every transition that is due, everywhere, and drops instances whose deletion finished. */
  advanceAll(): void {
    const now = this.ctx.now();
    let changed = false;
    for (const r of Object.values(this.state.regions ?? {})) {
      for (const i of Object.values(r.instances)) {
        if (advance(i, now)) changed = true;
        if (i.gone) delete r.instances[i.name];
      }
      for (const s of Object.values(r.snapshots)) if (advance(s, now)) changed = true;
      for (const o of r.operations) if (advance(o, now)) changed = true;
    }
    if (changed) this.ctx.save();
  }

  /** getInstance finds an instance or throws Lightsail's NotFoundException. */
  getInstance(region: string, name: string): InstanceRecord {
    const i = this.region(region).instances[name];
    if (!i) throw notFound(`The Instance does not exist: ${name}`);
    return i;
  }

  /** getSnapshot finds an instance snapshot or throws Lightsail's NotFoundException. */
  getSnapshot(region: string, name: string): SnapshotRecord {
    const s = this.region(region).snapshots[name];
    if (!s) throw notFound(`The InstanceSnapshot does not exist: ${name}`);
    return s;
  }

  /** getTaggable finds an instance or snapshot by name, and checks the ARN when one is given. */
  getTaggable(region: string, name: string, arn: string | undefined): Taggable {
    const r = this.region(region);
    const res = r.instances[name] ?? r.snapshots[name];
    if (!res) throw notFound(`The resource does not exist: ${name}`);
    if (arn !== undefined && arn !== res.arn) throw invalidInput(`The resourceArn ${arn} does not belong to ${name}`);
    return res;
  }

  /** getOperation finds an operation or throws Lightsail's NotFoundException. */
  getOperation(region: string, id: string): OperationRecord {
    const op = this.region(region).operations.find((o) => o.id === id);
    if (!op) throw notFound(`The Operation does not exist: ${id}`);
    return op;
  }

  private nextAddresses(region: string): { publicIp: string; privateIp: string; ipv6: string } {
    const n = (this.state.addressSeq = (this.state.addressSeq ?? 0) + 1);
    const firstOctets = [3, 18, 34, 44, 52, 54];
    const regionIndex = Math.max(0, regions.findIndex((r) => r.name === region));
    return {
      publicIp: `${firstOctets[n % firstOctets.length]}.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
      privateIp: `172.26.${(n >> 8) & 255}.${n & 255}`,
      ipv6: `2600:1f18:${(0x4000 + regionIndex).toString(16)}:${(n >> 16).toString(16)}::${(n & 0xffff).toString(16)}`,
    };
  }

  /** newOperation records an operation on a resource that ends (succeeds, or fails as given) after `endAfterMs`. */
  private newOperation(
    res: { region: string; availabilityZone: string; name: string },
    resourceType: string,
    operationType: string,
    operationDetails: string,
    endAfterMs: number,
    failure?: { errorCode: string; errorDetails: string },
  ): OperationRecord {
    const now = this.ctx.now();
    const op: OperationRecord = {
      id: randomUUID(),
      resourceName: res.name,
      resourceType,
      createdAt: seconds(now),
      region: res.region,
      availabilityZone: res.availabilityZone,
      isTerminal: false,
      operationDetails,
      operationType,
      status: "Started",
      statusChangedAt: seconds(now),
    };
    const end = this.ctx.delay(endAfterMs);
    const ended = { isTerminal: true, statusChangedAt: seconds(now + end) };
    schedule(op, now, [{ afterMs: end, set: failure ? { status: "Failed", ...ended, ...failure } : { status: "Succeeded", ...ended } }]);
    this.region(res.region).operations.push(op);
    return op;
  }

  /** instanceOperation records an operation on an instance and saves the state. */
  private instanceOperation(i: InstanceRecord, operationType: string, details: string, endAfterMs: number): OperationRecord {
    const op = this.newOperation(i, "Instance", operationType, details, endAfterMs);
    this.ctx.save();
    return op;
  }

  /**
   * planLaunch checks where a launch goes against the catalogue: the zone in the region, an active blueprint (or
   * the snapshot's own), an active bundle that runs its platform and, from a snapshot, is not smaller than its source.
   */
  planLaunch(region: string, placement: Placement, fromSnapshot?: SnapshotRecord): LaunchPlan {
    checkZone(region, placement.zone);
    const blueprintId = fromSnapshot ? fromSnapshot.fromBlueprintId : (placement.blueprintId as string);
    const blueprint = fromSnapshot ? blueprints.find((b) => b.blueprintId === blueprintId)! : findBlueprint(blueprintId);
    const bundle = findBundle(placement.bundleId);
    checkPlatform(blueprint, bundle);
    if (fromSnapshot) checkSnapshotSize(bundle, fromSnapshot);
    return { ...placement, blueprintId, blueprint, bundle, fromSnapshot };
  }

  /** snapshotForLaunch finds the snapshot CreateInstancesFromSnapshot starts from; it must be available. */
  snapshotForLaunch(region: string, name: string): SnapshotRecord {
    const snapshot = this.getSnapshot(region, name);
    if (snapshot.state !== "available") throw invalidInput(`The instance snapshot ${name} is ${snapshot.state}; it must be available`);
    return snapshot;
  }

  /** checkRoom refuses names already in use and a launch beyond the region's instance quota. */
  private checkRoom(region: string, names: string[]): void {
    const r = this.region(region);
    const taken = names.filter((n) => r.instances[n]);
    if (taken.length > 0) throw invalidInput(`Some names are already in use: ${taken.join(", ")}`);
    const existing = Object.keys(r.instances).length;
    if (existing + names.length > this.quota) {
      throw new LightsailError(
        "OperationFailureException",
        `Sorry, you've reached the maximum number of instances for your account: ${this.quota} in ${region} (${existing} exist, ${names.length} requested).`,
      );
    }
  }

  /**
   * launch creates the instances of a CreateInstances or CreateInstancesFromSnapshot call, all or none: each boots,
   * then gets its public addresses; an injected launch failure leaves it pending and fails its operation.
   */
  launch(region: string, plan: LaunchPlan, options: LaunchOptions): OperationRecord[] {
    this.checkRoom(region, plan.names);
    const now = this.ctx.now();
    const boot = this.ctx.delay(durations.boot);
    const ipAt = boot + this.ctx.delay(durations.publicIp);
    const operations = plan.names.map((name) => {
      const addr = this.nextAddresses(region);
      const failed = this.ctx.faults.take("launchFailure", "lightsail", plan.fromSnapshot ? "CreateInstancesFromSnapshot" : "CreateInstances") !== undefined;
      const instance = this.newInstance(region, name, plan, options, addr.privateIp, now);
      if (!failed) {
        const ips = {
          publicIpAddress: options.ipAddressType === "ipv6" ? null : addr.publicIp,
          ipv6Addresses: options.ipAddressType === "ipv4" ? [] : [addr.ipv6],
        };
        schedule(instance, now, [
          { afterMs: boot, set: { state: "running" } },
          { afterMs: ipAt, set: ips },
        ]);
      }
      this.region(region).instances[name] = instance;
      const details = `${plan.blueprint.name}-${plan.bundle.name}-${plan.zone}-${name}`;
      const opType = plan.fromSnapshot ? "CreateInstancesFromSnapshot" : "CreateInstance";
      return this.newOperation(instance, "Instance", opType, details, durations.boot, failed ? launchFailure(plan.zone, plan.bundleId) : undefined);
    });
    this.ctx.save();
    return operations;
  }

  private newInstance(region: string, name: string, plan: LaunchPlan, options: LaunchOptions, privateIp: string, now: number): InstanceRecord {
    return {
      name,
      arn: `arn:aws:lightsail:${region}:${ACCOUNT_ID}:Instance/${randomUUID()}`,
      supportCode: `${ACCOUNT_ID}/i-${randomUUID().replace(/-/g, "").slice(0, 17)}`,
      createdAt: seconds(now),
      region,
      availabilityZone: plan.zone,
      blueprintId: plan.blueprintId,
      bundleId: plan.bundleId,
      addOns: options.addOns,
      privateIpAddress: privateIp,
      publicIpAddress: null,
      ipv6Addresses: [],
      ipAddressType: options.ipAddressType,
      state: "pending",
      tags: options.tags,
      ...(options.keyPairName ? { sshKeyName: options.keyPairName } : {}),
      ...(options.userData !== undefined ? { userData: options.userData } : {}),
    };
  }

  /** listInstances lists a region's instances a page at a time, by name. */
  listInstances(region: string, pageToken: string | undefined): Page<InstanceRecord> {
    return page(Object.values(this.region(region).instances).sort(byName), pageToken);
  }

  /** deleteInstance starts shutting an instance down; it vanishes once that finishes. */
  deleteInstance(i: InstanceRecord): OperationRecord {
    const now = this.ctx.now();
    const after = this.ctx.delay(durations.delete);
    if (i.state !== "shutting-down") {
      i.state = "shutting-down";
      i.schedule = [];
      schedule(i, now, [{ afterMs: after, set: { gone: true } }]);
    }
    return this.instanceOperation(i, "DeleteInstance", "", durations.delete);
  }

  /** stopInstance stops a running instance; its public IP is released. */
  stopInstance(i: InstanceRecord): OperationRecord {
    requireState(i, ["running"], "stop");
    const now = this.ctx.now();
    i.state = "stopping";
    i.schedule = [];
    schedule(i, now, [{ afterMs: this.ctx.delay(durations.stop), set: { state: "stopped", publicIpAddress: null } }]);
    return this.instanceOperation(i, "StopInstance", "", durations.stop);
  }

  /** startInstance starts a stopped instance; a new public IP follows the running state. */
  startInstance(i: InstanceRecord): OperationRecord {
    requireState(i, ["stopped"], "start");
    const now = this.ctx.now();
    const boot = this.ctx.delay(durations.start);
    i.state = "pending";
    i.schedule = [];
    schedule(i, now, [
      { afterMs: boot, set: { state: "running" } },
      {
        afterMs: boot + this.ctx.delay(durations.publicIp),
        set: { publicIpAddress: i.ipAddressType === "ipv6" ? null : this.nextAddresses(i.region).publicIp },
      },
    ]);
    return this.instanceOperation(i, "StartInstance", "", durations.start);
  }

  /** rebootInstance restarts a running instance in place. */
  rebootInstance(i: InstanceRecord): OperationRecord {
    requireState(i, ["running"], "reboot");
    return this.instanceOperation(i, "RebootInstance", "", durations.reboot);
  }

  /** listOperations lists a region's operations, newest first, or one resource's when a name is given. */
  listOperations(region: string, resourceName: string | undefined, pageToken: string | undefined): Page<OperationRecord> {
    const all = this.region(region).operations;
    const ops = resourceName === undefined ? [...all] : all.filter((o) => o.resourceName === resourceName);
    return page(ops.reverse(), pageToken);
  }

  /** createInstanceSnapshot snapshots a running or stopped instance: pending, with progress, then available. */
  createInstanceSnapshot(i: InstanceRecord, name: string, tags: TagRecord[]): OperationRecord {
    requireState(i, ["running", "stopped"], "snapshot");
    const r = this.region(i.region);
    if (r.snapshots[name]) throw invalidInput(`Some names are already in use: ${name}`);
    const now = this.ctx.now();
    const snap: SnapshotRecord = {
      name,
      arn: `arn:aws:lightsail:${i.region}:${ACCOUNT_ID}:InstanceSnapshot/${randomUUID()}`,
      supportCode: `${ACCOUNT_ID}/snap-${randomUUID().replace(/-/g, "").slice(0, 17)}`,
      createdAt: seconds(now),
      region: i.region,
      availabilityZone: i.availabilityZone,
      tags,
      state: "pending",
      progress: "0%",
      fromInstanceName: i.name,
      fromInstanceArn: i.arn,
      fromBlueprintId: i.blueprintId,
      fromBundleId: i.bundleId,
      sizeInGb: bundles.find((b) => b.bundleId === i.bundleId)?.diskSizeInGb ?? 20,
    };
    schedule(snap, now, [
      { afterMs: this.ctx.delay(durations.snapshotHalf), set: { progress: "50%" } },
      { afterMs: this.ctx.delay(durations.snapshot), set: { state: "available", progress: "100%" } },
    ]);
    r.snapshots[name] = snap;
    const op = this.newOperation(snap, "InstanceSnapshot", "CreateInstanceSnapshot", i.name, durations.snapshot);
    this.ctx.save();
    return op;
  }

  /** listSnapshots lists a region's snapshots a page at a time, by name. */
  listSnapshots(region: string, pageToken: string | undefined): Page<SnapshotRecord> {
    return page(Object.values(this.region(region).snapshots).sort(byName), pageToken);
  }

  /** deleteInstanceSnapshot removes a snapshot. */
  deleteInstanceSnapshot(s: SnapshotRecord): OperationRecord {
    delete this.region(s.region).snapshots[s.name];
    const op = this.newOperation(s, "InstanceSnapshot", "DeleteInstanceSnapshot", "", 0);
    this.ctx.save();
    return op;
  }

  /** tagResource adds or overwrites tags. */
  tagResource(res: Taggable, tags: TagRecord[]): OperationRecord {
    res.tags = mergeTags(res.tags, tags);
    return this.tagOperation(res, "TagResource");
  }

  /** untagResource removes tags by key; absent keys are ignored. */
  untagResource(res: Taggable, keys: string[]): OperationRecord {
    res.tags = res.tags.filter((t) => !keys.includes(t.key));
    return this.tagOperation(res, "UntagResource");
  }

  private tagOperation(res: Taggable, operationType: string): OperationRecord {
    const op = this.newOperation(res, "bundleId" in res ? "Instance" : "InstanceSnapshot", operationType, "", 0);
    this.ctx.save();
    return op;
  }

  /** enableAddOn enables or modifies an add-on of an instance. */
  enableAddOn(i: InstanceRecord, addOn: AddOnRecord): OperationRecord {
    i.addOns = [...i.addOns.filter((a) => a.name !== addOn.name), addOn];
    return this.instanceOperation(i, "EnableAddOn", addOn.name, durations.modify);
  }

  /** disableAddOn disables an add-on of an instance. */
  disableAddOn(i: InstanceRecord, type: AddOnType): OperationRecord {
    if (!i.addOns.some((a) => a.name === type)) throw invalidInput(`The ${type} add-on is not enabled for ${i.name}`);
    i.addOns = i.addOns.filter((a) => a.name !== type);
    return this.instanceOperation(i, "DisableAddOn", type, durations.modify);
  }

  /** setIpAddressType switches an instance between IPv4, IPv6 and dual-stack; a new public IPv4 takes a moment. */
  setIpAddressType(i: InstanceRecord, type: IpAddressType): OperationRecord {
    requireState(i, ["running", "stopped"], "change the IP address type of");
    const now = this.ctx.now();
    const addr = this.nextAddresses(i.region);
    i.ipAddressType = type;
    if (type === "ipv6") i.publicIpAddress = null;
    if (type === "ipv4") i.ipv6Addresses = [];
    if (type !== "ipv4" && i.ipv6Addresses.length === 0) i.ipv6Addresses = [addr.ipv6];
    if (type !== "ipv6" && !i.publicIpAddress && i.state === "running") {
      schedule(i, now, [{ afterMs: this.ctx.delay(durations.modify), set: { publicIpAddress: addr.publicIp } }]);
    }
    return this.instanceOperation(i, "SetIpAddressType", type, durations.modify);
  }

  /** listBlueprints lists the images, active ones only unless inactive ones are asked for. */
  listBlueprints(includeInactive: boolean, pageToken: string | undefined): Page<BlueprintEntry> {
    return page(blueprints.filter((b) => includeInactive || b.isActive), pageToken);
  }

  /** listBundles lists the plans, active ones only unless inactive ones are asked for. */
  listBundles(includeInactive: boolean, pageToken: string | undefined): Page<BundleEntry> {
    return page(bundles.filter((b) => includeInactive || b.isActive), pageToken);
  }

  /** allInstances is every instance that still exists, in every region. */
  allInstances(): InstanceRecord[] {
    this.advanceAll();
    return Object.values(this.state.regions ?? {}).flatMap((r) => Object.values(r.instances));
  }

  /** allSnapshots is every snapshot that still exists, in every region. */
  allSnapshots(): SnapshotRecord[] {
    this.advanceAll();
    return Object.values(this.state.regions ?? {}).flatMap((r) => Object.values(r.snapshots));
  }
}

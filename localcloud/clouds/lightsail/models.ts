import { randomUUID } from "crypto";
import type { AdminInstance, AdminSnapshot, EmulatorContext } from "../../emulator";
import { advance, schedule, type Scheduled } from "../../lifecycle";
import {
  ACCOUNT_ID,
  DEFAULT_INSTANCE_QUOTA,
  PAGE_SIZE,
  blueprints,
  bundles,
  durations,
  regions,
  type BlueprintEntry,
  type BundleEntry,
} from "./catalog";
import { LightsailError, invalidInput, notFound } from "./errors";
import {
  checkEnum,
  checkName,
  checkTagKey,
  mergeTags,
  objectList,
  optionalBoolean,
  optionalObject,
  optionalString,
  requiredString,
  stringList,
  tagList,
  type Input,
  type TagRecord,
} from "./input";

/** AddOnRecord is an enabled add-on of an instance. */
interface AddOnRecord {
  name: string;
  status: string;
  snapshotTimeOfDay?: string;
  nextSnapshotTimeOfDay?: string;
  threshold?: string;
  duration?: string;
}

/** InstanceRecord is one stored instance; `gone` marks one whose deletion finished. */
interface InstanceRecord extends Scheduled {
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
interface SnapshotRecord extends Scheduled {
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
interface OperationRecord extends Scheduled {
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

/** Body is a JSON response body. */
export type Body = Record<string, unknown>;

const IP_ADDRESS_TYPES = ["dualstack", "ipv4", "ipv6"] as const;
type IpAddressType = (typeof IP_ADDRESS_TYPES)[number];
const ADD_ON_TYPES = ["AutoSnapshot", "StopInstanceOnIdle"] as const;
const HOUR_PATTERN = /^([01]\d|2[0-3]):00$/;

/** stateCodes are the EC2-style numeric codes that go with each state name. */
const stateCodes: Record<string, number> = {
  pending: 0,
  running: 16,
  "shutting-down": 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

/** LightsailModelOptions tune the emulated account. */
export interface LightsailModelOptions {
  /** Instances a region holds before CreateInstances refuses more. */
  instanceQuota?: number;
}

const seconds = (ms: number): number => Math.round(ms) / 1000;

function page<T>(items: T[], token: string | undefined): { items: T[]; nextPageToken?: string } {
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

/**
 * LightsailModel is the emulated Lightsail account: one method per API action over plain stored records, with
 * lifecycles that advance lazily by time. It never sees HTTP; failures are thrown as LightsailError.
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

  /** getInstanceRecord finds an instance or throws Lightsail's NotFoundException. */
  private getInstanceRecord(region: string, name: string): InstanceRecord {
    const i = this.region(region).instances[name];
    if (!i) throw notFound(`The Instance does not exist: ${name}`);
    return i;
  }

  private getSnapshotRecord(region: string, name: string): SnapshotRecord {
    const s = this.region(region).snapshots[name];
    if (!s) throw notFound(`The InstanceSnapshot does not exist: ${name}`);
    return s;
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

  private newOperation(
    region: string,
    zone: string,
    resourceName: string,
    resourceType: string,
    operationType: string,
    operationDetails: string,
    endAfterMs: number,
    failure?: { errorCode: string; errorDetails: string },
  ): OperationRecord {
    const now = this.ctx.now();
    const op: OperationRecord = {
      id: randomUUID(),
      resourceName,
      resourceType,
      createdAt: seconds(now),
      region,
      availabilityZone: zone,
      isTerminal: false,
      operationDetails,
      operationType,
      status: "Started",
      statusChangedAt: seconds(now),
    };
    const end = this.ctx.delay(endAfterMs);
    schedule(op, now, [
      {
        afterMs: end,
        set: failure
          ? { status: "Failed", isTerminal: true, statusChangedAt: seconds(now + end), ...failure }
          : { status: "Succeeded", isTerminal: true, statusChangedAt: seconds(now + end) },
      },
    ]);
    this.region(region).operations.push(op);
    return op;
  }

  private renderOperation(op: OperationRecord): Body {
    return {
      id: op.id,
      resourceName: op.resourceName,
      resourceType: op.resourceType,
      createdAt: op.createdAt,
      location: { availabilityZone: op.availabilityZone, regionName: op.region },
      isTerminal: op.isTerminal,
      operationDetails: op.operationDetails,
      operationType: op.operationType,
      status: op.status,
      statusChangedAt: op.statusChangedAt,
      ...(op.errorCode ? { errorCode: op.errorCode, errorDetails: op.errorDetails } : {}),
    };
  }

  private renderInstance(i: InstanceRecord): Body {
    const bp = blueprints.find((b) => b.blueprintId === i.blueprintId);
    const bundle = bundles.find((b) => b.bundleId === i.bundleId);
    const port = (p: number, commonName: string) => ({
      fromPort: p,
      toPort: p,
      protocol: "tcp",
      accessFrom: "Anywhere (0.0.0.0/0 and ::/0)",
      accessType: "public",
      commonName,
      accessDirection: "inbound",
      cidrs: ["0.0.0.0/0"],
      ipv6Cidrs: ["::/0"],
      cidrListAliases: [],
    });
    const windows = bp?.platform === "WINDOWS";
    return {
      name: i.name,
      arn: i.arn,
      supportCode: i.supportCode,
      createdAt: i.createdAt,
      location: { availabilityZone: i.availabilityZone, regionName: i.region },
      resourceType: "Instance",
      tags: i.tags,
      blueprintId: i.blueprintId,
      blueprintName: bp?.name ?? i.blueprintId,
      bundleId: i.bundleId,
      addOns: i.addOns,
      isStaticIp: false,
      privateIpAddress: i.privateIpAddress,
      ...(i.publicIpAddress ? { publicIpAddress: i.publicIpAddress } : {}),
      ipv6Addresses: i.ipv6Addresses,
      ipAddressType: i.ipAddressType,
      hardware: {
        cpuCount: bundle?.cpuCount ?? 2,
        ramSizeInGb: bundle?.ramSizeInGb ?? 1,
        disks: [
          {
            createdAt: i.createdAt,
            sizeInGb: bundle?.diskSizeInGb ?? 20,
            isSystemDisk: true,
            iops: 100,
            path: windows ? "C:" : "/dev/xvda",
            attachedTo: i.name,
            attachmentState: "attached",
          },
        ],
      },
      networking: {
        monthlyTransfer: { gbPerMonthAllocated: bundle?.transferPerMonthInGb ?? 1024 },
        ports: windows ? [port(22, ""), port(3389, "")] : [port(22, ""), port(80, "")],
      },
      state: { code: stateCodes[i.state] ?? 0, name: i.state },
      username: bp?.username ?? "ec2-user",
      ...(i.sshKeyName ? { sshKeyName: i.sshKeyName } : {}),
      metadataOptions: {
        state: "applied",
        httpTokens: "optional",
        httpEndpoint: "enabled",
        httpPutResponseHopLimit: 1,
        httpProtocolIpv6: "disabled",
      },
    };
  }

  private renderSnapshot(s: SnapshotRecord): Body {
    return {
      name: s.name,
      arn: s.arn,
      supportCode: s.supportCode,
      createdAt: s.createdAt,
      location: { availabilityZone: s.availabilityZone, regionName: s.region },
      resourceType: "InstanceSnapshot",
      tags: s.tags,
      state: s.state,
      progress: s.progress,
      fromAttachedDisks: [],
      fromInstanceName: s.fromInstanceName,
      fromInstanceArn: s.fromInstanceArn,
      fromBlueprintId: s.fromBlueprintId,
      fromBundleId: s.fromBundleId,
      isFromAutoSnapshot: false,
      sizeInGb: s.sizeInGb,
    };
  }

  private checkZone(region: string, zone: string): void {
    if (!zone.startsWith(region)) {
      throw invalidInput(`The Availability Zone ${zone} is not in the ${region} region; use one of ${this.zonesOf(region).join(", ")}`);
    }
    if (!this.zonesOf(region).includes(zone)) throw invalidInput(`The Availability Zone ${zone} is not valid`);
  }

  private zonesOf(region: string): string[] {
    return regions.find((r) => r.name === region)?.zones ?? [];
  }

  private findBundle(bundleId: string): BundleEntry {
    const b = bundles.find((x) => x.bundleId === bundleId);
    if (!b || !b.isActive) throw invalidInput(`The bundle ID ${bundleId} is not valid`);
    return b;
  }

  private findBlueprint(blueprintId: string): BlueprintEntry {
    const b = blueprints.find((x) => x.blueprintId === blueprintId);
    if (!b) throw invalidInput(`The blueprint ID ${blueprintId} is not valid`);
    if (!b.isActive) throw invalidInput(`The blueprint ${blueprintId} is inactive and cannot be used to create instances`);
    return b;
  }

  private checkPlatform(blueprint: BlueprintEntry, bundle: BundleEntry): void {
    if (!bundle.supportedPlatforms.includes(blueprint.platform)) {
      throw invalidInput(
        `The bundle ${bundle.bundleId} does not support the ${blueprint.platform} platform of blueprint ${blueprint.blueprintId}; choose a bundle whose supportedPlatforms include it`,
      );
    }
    if (bundle.power < blueprint.minPower) {
      throw invalidInput(`The bundle ${bundle.bundleId} is too small for blueprint ${blueprint.blueprintId}`);
    }
  }

  private readAddOns(input: Input, field = "addOns"): AddOnRecord[] {
    const list = objectList(input, field).map((a) => this.readAddOn(a));
    if (new Set(list.map((a) => a.name)).size !== list.length) throw invalidInput("Each add-on type may be given once");
    return list;
  }

  private readAddOn(a: Input): AddOnRecord {
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

  /** launch creates the instances of a CreateInstances or CreateInstancesFromSnapshot call, all or none. */
  private launch(region: string, input: Input, operation: "CreateInstances" | "CreateInstancesFromSnapshot", fromSnapshot?: SnapshotRecord): Body {
    const names = stringList(input, "instanceNames", true);
    for (const n of names) checkName(n, "instance");
    if (new Set(names).size !== names.length) throw invalidInput("The instance names must be unique within the request");
    const zone = requiredString(input, "availabilityZone");
    const bundleId = requiredString(input, "bundleId");
    const blueprintId = fromSnapshot ? fromSnapshot.fromBlueprintId : requiredString(input, "blueprintId");
    if (optionalString(input, "customImageName") !== undefined) throw invalidInput("The customImageName parameter is discontinued");
    this.checkZone(region, zone);
    const blueprint = fromSnapshot ? blueprints.find((b) => b.blueprintId === blueprintId)! : this.findBlueprint(blueprintId);
    const bundle = this.findBundle(bundleId);
    this.checkPlatform(blueprint, bundle);
    if (fromSnapshot) {
      const source = bundles.find((b) => b.bundleId === fromSnapshot.fromBundleId);
      if (source && bundle.power < source.power) {
        throw invalidInput(
          `The bundle ${bundleId} is smaller than the snapshot's source bundle ${source.bundleId}; choose the same size or larger`,
        );
      }
    }
    const userData = optionalString(input, "userData");
    const keyPairName = optionalString(input, "keyPairName");
    if (keyPairName !== undefined) checkName(keyPairName, "key pair");
    const tags = tagList(input);
    const addOns = this.readAddOns(input);
    const ipAddressType = checkEnum(optionalString(input, "ipAddressType") ?? "dualstack", IP_ADDRESS_TYPES, "ipAddressType");
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

    const now = this.ctx.now();
    const boot = this.ctx.delay(durations.boot);
    const ipAt = boot + this.ctx.delay(durations.publicIp);
    const opType = fromSnapshot ? "CreateInstancesFromSnapshot" : "CreateInstance";
    const operations = names.map((name) => {
      const addr = this.nextAddresses(region);
      const failed = this.ctx.faults.take("launchFailure", "lightsail", operation) !== undefined;
      const instance: InstanceRecord = {
        name,
        arn: `arn:aws:lightsail:${region}:${ACCOUNT_ID}:Instance/${randomUUID()}`,
        supportCode: `${ACCOUNT_ID}/i-${randomUUID().replace(/-/g, "").slice(0, 17)}`,
        createdAt: seconds(now),
        region,
        availabilityZone: zone,
        blueprintId,
        bundleId,
        addOns,
        privateIpAddress: addr.privateIp,
        publicIpAddress: null,
        ipv6Addresses: [],
        ipAddressType,
        state: "pending",
        tags,
        ...(keyPairName ? { sshKeyName: keyPairName } : {}),
        ...(userData !== undefined ? { userData } : {}),
      };
      if (!failed) {
        schedule(instance, now, [
          { afterMs: boot, set: { state: "running" } },
          {
            afterMs: ipAt,
            set: {
              publicIpAddress: ipAddressType === "ipv6" ? null : addr.publicIp,
              ipv6Addresses: ipAddressType === "ipv4" ? [] : [addr.ipv6],
            },
          },
        ]);
      }
      r.instances[name] = instance;
      const details = `${blueprint.name}-${bundle.name}-${zone}-${name}`;
      const failure = failed
        ? {
            errorCode: "InsufficientCapacity",
            errorDetails: `There is not enough capacity in ${zone} for bundle ${bundleId} right now. Try another Availability Zone or try again later.`,
          }
        : undefined;
      return this.newOperation(region, zone, name, "Instance", opType, details, durations.boot, failure);
    });
    this.ctx.save();
    return { operations: operations.map((o) => this.renderOperation(o)) };
  }

  /** CreateInstances creates one or more instances. */
  createInstances(region: string, input: Input): Body {
    return this.launch(region, input, "CreateInstances");
  }

  /** CreateInstancesFromSnapshot creates instances from an available instance snapshot. */
  createInstancesFromSnapshot(region: string, input: Input): Body {
    const snapshotName = optionalString(input, "instanceSnapshotName");
    const sourceInstance = optionalString(input, "sourceInstanceName");
    if (snapshotName === undefined) {
      if (sourceInstance !== undefined) throw notFound(`No automatic snapshot exists for the instance ${sourceInstance}`);
      throw invalidInput("Either instanceSnapshotName or sourceInstanceName is required");
    }
    const snapshot = this.getSnapshotRecord(region, snapshotName);
    if (snapshot.state !== "available") {
      throw invalidInput(`The instance snapshot ${snapshotName} is ${snapshot.state}; it must be available`);
    }
    return this.launch(region, input, "CreateInstancesFromSnapshot", snapshot);
  }

  /** GetInstance describes one instance. */
  getInstance(region: string, input: Input): Body {
    return { instance: this.renderInstance(this.getInstanceRecord(region, requiredString(input, "instanceName"))) };
  }

  /** GetInstances lists a region's instances a page at a time, by name. */
  getInstances(region: string, input: Input): Body {
    const all = Object.values(this.region(region).instances).sort((a, b) => (a.name < b.name ? -1 : 1));
    const p = page(all, optionalString(input, "pageToken"));
    return { instances: p.items.map((i) => this.renderInstance(i)), ...(p.nextPageToken ? { nextPageToken: p.nextPageToken } : {}) };
  }

  /** GetInstanceState answers an instance's state. */
  getInstanceState(region: string, input: Input): Body {
    const i = this.getInstanceRecord(region, requiredString(input, "instanceName"));
    return { state: { code: stateCodes[i.state] ?? 0, name: i.state } };
  }

  /** DeleteInstance starts shutting an instance down; it vanishes once that finishes. */
  deleteInstance(region: string, input: Input): Body {
    const i = this.getInstanceRecord(region, requiredString(input, "instanceName"));
    optionalBoolean(input, "forceDeleteAddOns");
    const now = this.ctx.now();
    const after = this.ctx.delay(durations.delete);
    if (i.state !== "shutting-down") {
      i.state = "shutting-down";
      i.schedule = [];
      schedule(i, now, [{ afterMs: after, set: { gone: true } }]);
    }
    const op = this.newOperation(region, i.availabilityZone, i.name, "Instance", "DeleteInstance", "", durations.delete);
    this.ctx.save();
    return { operations: [this.renderOperation(op)] };
  }

  private requireState(i: InstanceRecord, allowed: string[], action: string): void {
    if (!allowed.includes(i.state)) {
      throw invalidInput(`You can't ${action} the instance ${i.name} while it is ${i.state}; it must be ${allowed.join(" or ")}`);
    }
  }

  /** StopInstance stops a running instance; its public IP is released. */
  stopInstance(region: string, input: Input): Body {
    const i = this.getInstanceRecord(region, requiredString(input, "instanceName"));
    optionalBoolean(input, "force");
    this.requireState(i, ["running"], "stop");
    const now = this.ctx.now();
    i.state = "stopping";
    i.schedule = [];
    schedule(i, now, [{ afterMs: this.ctx.delay(durations.stop), set: { state: "stopped", publicIpAddress: null } }]);
    const op = this.newOperation(region, i.availabilityZone, i.name, "Instance", "StopInstance", "", durations.stop);
    this.ctx.save();
    return { operations: [this.renderOperation(op)] };
  }

  /** StartInstance starts a stopped instance; a new public IP follows the running state. */
  startInstance(region: string, input: Input): Body {
    const i = this.getInstanceRecord(region, requiredString(input, "instanceName"));
    this.requireState(i, ["stopped"], "start");
    const now = this.ctx.now();
    const boot = this.ctx.delay(durations.start);
    i.state = "pending";
    i.schedule = [];
    schedule(i, now, [
      { afterMs: boot, set: { state: "running" } },
      {
        afterMs: boot + this.ctx.delay(durations.publicIp),
        set: { publicIpAddress: i.ipAddressType === "ipv6" ? null : this.nextAddresses(region).publicIp },
      },
    ]);
    const op = this.newOperation(region, i.availabilityZone, i.name, "Instance", "StartInstance", "", durations.start);
    this.ctx.save();
    return { operations: [this.renderOperation(op)] };
  }

  /** RebootInstance restarts a running instance in place. */
  rebootInstance(region: string, input: Input): Body {
    const i = this.getInstanceRecord(region, requiredString(input, "instanceName"));
    this.requireState(i, ["running"], "reboot");
    const op = this.newOperation(region, i.availabilityZone, i.name, "Instance", "RebootInstance", "", durations.reboot);
    this.ctx.save();
    return { operations: [this.renderOperation(op)] };
  }

  /** GetOperation describes one operation. */
  getOperation(region: string, input: Input): Body {
    const id = requiredString(input, "operationId");
    const op = this.region(region).operations.find((o) => o.id === id);
    if (!op) throw notFound(`The Operation does not exist: ${id}`);
    return { operation: this.renderOperation(op) };
  }

  /** GetOperations lists a region's operations, newest first. */
  getOperations(region: string, input: Input): Body {
    const p = page([...this.region(region).operations].reverse(), optionalString(input, "pageToken"));
    return { operations: p.items.map((o) => this.renderOperation(o)), ...(p.nextPageToken ? { nextPageToken: p.nextPageToken } : {}) };
  }

  /** GetOperationsForResource lists one resource's operations, newest first. */
  getOperationsForResource(region: string, input: Input): Body {
    const name = requiredString(input, "resourceName");
    const ops = this.region(region).operations.filter((o) => o.resourceName === name).reverse();
    const p = page(ops, optionalString(input, "pageToken"));
    return { operations: p.items.map((o) => this.renderOperation(o)), ...(p.nextPageToken ? { nextPageToken: p.nextPageToken } : {}) };
  }

  /** CreateInstanceSnapshot snapshots a running or stopped instance: pending, with progress, then available. */
  createInstanceSnapshot(region: string, input: Input): Body {
    const name = requiredString(input, "instanceSnapshotName");
    const instanceName = requiredString(input, "instanceName");
    checkName(name, "instance snapshot");
    const tags = tagList(input);
    const i = this.getInstanceRecord(region, instanceName);
    this.requireState(i, ["running", "stopped"], "snapshot");
    const r = this.region(region);
    if (r.snapshots[name]) throw invalidInput(`Some names are already in use: ${name}`);
    const now = this.ctx.now();
    const snap: SnapshotRecord = {
      name,
      arn: `arn:aws:lightsail:${region}:${ACCOUNT_ID}:InstanceSnapshot/${randomUUID()}`,
      supportCode: `${ACCOUNT_ID}/snap-${randomUUID().replace(/-/g, "").slice(0, 17)}`,
      createdAt: seconds(now),
      region,
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
    const op = this.newOperation(region, i.availabilityZone, name, "InstanceSnapshot", "CreateInstanceSnapshot", i.name, durations.snapshot);
    this.ctx.save();
    return { operations: [this.renderOperation(op)] };
  }

  /** GetInstanceSnapshot describes one snapshot. */
  getInstanceSnapshot(region: string, input: Input): Body {
    return { instanceSnapshot: this.renderSnapshot(this.getSnapshotRecord(region, requiredString(input, "instanceSnapshotName"))) };
  }

  /** GetInstanceSnapshots lists a region's snapshots a page at a time. */
  getInstanceSnapshots(region: string, input: Input): Body {
    const all = Object.values(this.region(region).snapshots).sort((a, b) => (a.name < b.name ? -1 : 1));
    const p = page(all, optionalString(input, "pageToken"));
    return {
      instanceSnapshots: p.items.map((s) => this.renderSnapshot(s)),
      ...(p.nextPageToken ? { nextPageToken: p.nextPageToken } : {}),
    };
  }

  /** DeleteInstanceSnapshot removes a snapshot. */
  deleteInstanceSnapshot(region: string, input: Input): Body {
    const s = this.getSnapshotRecord(region, requiredString(input, "instanceSnapshotName"));
    delete this.region(region).snapshots[s.name];
    const op = this.newOperation(region, s.availabilityZone, s.name, "InstanceSnapshot", "DeleteInstanceSnapshot", "", 0);
    this.ctx.save();
    return { operations: [this.renderOperation(op)] };
  }

  /** taggable finds an instance or snapshot by name (and ARN when given). */
  private taggable(region: string, input: Input): InstanceRecord | SnapshotRecord {
    const name = requiredString(input, "resourceName");
    const arn = optionalString(input, "resourceArn");
    const r = this.region(region);
    const res = r.instances[name] ?? r.snapshots[name];
    if (!res) throw notFound(`The resource does not exist: ${name}`);
    if (arn !== undefined && arn !== res.arn) throw invalidInput(`The resourceArn ${arn} does not belong to ${name}`);
    return res;
  }

  /** TagResource adds or overwrites tags. */
  tagResource(region: string, input: Input): Body {
    const res = this.taggable(region, input);
    const tags = tagList(input);
    if (tags.length === 0) throw invalidInput("tags must contain at least one tag");
    res.tags = mergeTags(res.tags, tags);
    const type = "bundleId" in res ? "Instance" : "InstanceSnapshot";
    const op = this.newOperation(region, res.availabilityZone, res.name, type, "TagResource", "", 0);
    this.ctx.save();
    return { operations: [this.renderOperation(op)] };
  }

  /** UntagResource removes tags by key; absent keys are ignored. */
  untagResource(region: string, input: Input): Body {
    const res = this.taggable(region, input);
    const keys = stringList(input, "tagKeys", true);
    for (const k of keys) checkTagKey(k);
    res.tags = res.tags.filter((t) => !keys.includes(t.key));
    const type = "bundleId" in res ? "Instance" : "InstanceSnapshot";
    const op = this.newOperation(region, res.availabilityZone, res.name, type, "UntagResource", "", 0);
    this.ctx.save();
    return { operations: [this.renderOperation(op)] };
  }

  /** EnableAddOn enables or modifies an add-on of an instance. */
  enableAddOn(region: string, input: Input): Body {
    const i = this.getInstanceRecord(region, requiredString(input, "resourceName"));
    const req = optionalObject(input, "addOnRequest");
    if (!req) throw invalidInput("Value null at 'addOnRequest' failed to satisfy constraint: Member must not be null");
    const addOn = this.readAddOn(req);
    i.addOns = [...i.addOns.filter((a) => a.name !== addOn.name), addOn];
    const op = this.newOperation(region, i.availabilityZone, i.name, "Instance", "EnableAddOn", addOn.name, durations.modify);
    this.ctx.save();
    return { operations: [this.renderOperation(op)] };
  }

  /** DisableAddOn disables an add-on of an instance. */
  disableAddOn(region: string, input: Input): Body {
    const type = checkEnum(requiredString(input, "addOnType"), ADD_ON_TYPES, "addOnType");
    const i = this.getInstanceRecord(region, requiredString(input, "resourceName"));
    if (!i.addOns.some((a) => a.name === type)) throw invalidInput(`The ${type} add-on is not enabled for ${i.name}`);
    i.addOns = i.addOns.filter((a) => a.name !== type);
    const op = this.newOperation(region, i.availabilityZone, i.name, "Instance", "DisableAddOn", type, durations.modify);
    this.ctx.save();
    return { operations: [this.renderOperation(op)] };
  }

  /** SetIpAddressType switches an instance between IPv4, IPv6 and dual-stack; a new public IPv4 takes a moment. */
  setIpAddressType(region: string, input: Input): Body {
    const resourceType = requiredString(input, "resourceType");
    if (resourceType !== "Instance") throw invalidInput(`localcloud supports SetIpAddressType for instances only, not ${resourceType}`);
    const i = this.getInstanceRecord(region, requiredString(input, "resourceName"));
    const type = checkEnum(requiredString(input, "ipAddressType"), IP_ADDRESS_TYPES, "ipAddressType");
    optionalBoolean(input, "acceptBundleUpdate");
    this.requireState(i, ["running", "stopped"], "change the IP address type of");
    const now = this.ctx.now();
    const addr = this.nextAddresses(region);
    i.ipAddressType = type;
    if (type === "ipv6") i.publicIpAddress = null;
    if (type === "ipv4") i.ipv6Addresses = [];
    if (type !== "ipv4" && i.ipv6Addresses.length === 0) i.ipv6Addresses = [addr.ipv6];
    if (type !== "ipv6" && !i.publicIpAddress && i.state === "running") {
      schedule(i, now, [{ afterMs: this.ctx.delay(durations.modify), set: { publicIpAddress: addr.publicIp } }]);
    }
    const op = this.newOperation(region, i.availabilityZone, i.name, "Instance", "SetIpAddressType", type, durations.modify);
    this.ctx.save();
    return { operations: [this.renderOperation(op)] };
  }

  /** GetBlueprints lists the images (active ones only unless includeInactive). */
  getBlueprints(_region: string, input: Input): Body {
    const inactive = optionalBoolean(input, "includeInactive") ?? false;
    const list = blueprints.filter((b) => inactive || b.isActive);
    const p = page(list, optionalString(input, "pageToken"));
    return {
      blueprints: p.items.map(({ username: _u, ...b }) => b),
      ...(p.nextPageToken ? { nextPageToken: p.nextPageToken } : {}),
    };
  }

  /** GetBundles lists the plans. */
  getBundles(_region: string, input: Input): Body {
    const inactive = optionalBoolean(input, "includeInactive") ?? false;
    const p = page(bundles.filter((b) => inactive || b.isActive), optionalString(input, "pageToken"));
    return { bundles: p.items, ...(p.nextPageToken ? { nextPageToken: p.nextPageToken } : {}) };
  }

  /** GetRegions lists the regions, with their zones when asked. */
  getRegions(_region: string, input: Input): Body {
    const zones = optionalBoolean(input, "includeAvailabilityZones") ?? false;
    const dbZones = optionalBoolean(input, "includeRelationalDatabaseAvailabilityZones") ?? false;
    return {
      regions: regions.map((r) => ({
        continentCode: r.continentCode,
        description: r.description,
        displayName: r.displayName,
        name: r.name,
        availabilityZones: zones ? r.zones.map((z) => ({ zoneName: z, state: "available" })) : [],
        relationalDatabaseAvailabilityZones: dbZones ? r.zones.map((z) => ({ zoneName: z, state: "available" })) : [],
      })),
    };
  }

  /** listInstances is every instance that still exists, for the admin API. */
  listInstances(): AdminInstance[] {
    this.advanceAll();
    return Object.values(this.state.regions ?? {}).flatMap((r) =>
      Object.values(r.instances).map((i) => ({
        cloud: "lightsail" as const,
        region: i.region,
        id: i.name,
        name: i.name,
        state: i.state,
        ...(i.publicIpAddress ? { publicIp: i.publicIpAddress } : {}),
        privateIp: i.privateIpAddress,
        tags: Object.fromEntries(i.tags.map((t) => [t.key, t.value ?? ""])),
      })),
    );
  }

  /** listSnapshots is every snapshot that still exists, for the admin API. */
  listSnapshots(): AdminSnapshot[] {
    this.advanceAll();
    return Object.values(this.state.regions ?? {}).flatMap((r) =>
      Object.values(r.snapshots).map((s) => ({ cloud: "lightsail" as const, region: s.region, id: s.name, name: s.name, state: s.state })),
    );
  }
}

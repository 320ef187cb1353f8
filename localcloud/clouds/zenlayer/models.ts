import { advance, schedule, type Transition } from "../../lifecycle";
import type { EmulatorContext } from "../../emulator";
import * as catalog from "./catalog";
import { instanceNotFound, invalid, ZenlayerError } from "./errors";

/** CreateSpec is a CreateInstances request that passed every rule that does not depend on account state. */
export interface CreateSpec {
  zone: catalog.ZoneEntry;
  image: catalog.ImageEntry;
  type: catalog.InstanceTypeEntry;
  subnet: catalog.SubnetEntry;
  resourceGroup: { resourceGroupId: string; resourceGroupName: string };
  instanceChargeType: string;
  period?: number;
  internetChargeType: string;
  internetMaxBandwidthOut: number;
  trafficPackageSize?: number;
  names: string[];
  keyId?: string;
  systemDisk: { diskSize: number; diskCategory: string };
  dataDisks: Array<{ diskSize: number; diskName?: string; diskCategory: string }>;
  enableIpv4: boolean;
  enableIpv6: boolean;
  securityGroupId?: string;
  cidrBlock?: catalog.CidrBlockEntry;
  nic?: { wanName?: string; lanName?: string };
  tags: Tag[];
}

/** CreateResult is what one CreateInstances made: its order number and its instances, in request order. */
export interface CreateResult {
  orderNumber: string;
  created: StoredInstance[];
}

/** InstanceFilter is DescribeInstances' filters; every one given must match (field filters by equality). */
export interface InstanceFilter {
  ids?: string[];
  fields: Partial<Record<"zoneId" | "instanceType" | "imageId" | "keyId" | "subnetId" | "instanceStatus" | "resourceGroupId" | "internetChargeType", string>>;
  /** Exact, or a prefix when it ends in `*`. */
  name?: string;
  securityGroupId?: string;
  publicIps?: string[];
  privateIps?: string[];
  tagKeys?: string[];
  tags: Tag[];
}

/** ImageFilter is DescribeImages' filters. */
export interface ImageFilter {
  zoneId?: string;
  ids?: string[];
  /** A case-insensitive part of the name. */
  name?: string;
  category?: string;
  imageType?: string;
  osType?: string;
  status?: string;
}

/** NetworkFilter is DescribeVpcs' and DescribeSubnets' filters (the name matches a part). */
export interface NetworkFilter {
  ids?: string[];
  cidrBlock?: string;
  zoneId?: string;
  status?: string;
  name?: string;
}

/** Occupied is a catalogue entry with the localcloud instances inside it. */
export interface Occupied<T> {
  entry: T;
  instanceIds: string[];
}

/** ZoneOffer is one instance type a zone sells now. */
export interface ZoneOffer {
  zone: catalog.ZoneEntry;
  type: catalog.InstanceTypeEntry;
}

/** Tag is one `{key, value}` pair as the API carries it. */
export interface Tag {
  key: string;
  value: string;
}

/** StoredInstance is an instance as localcloud keeps it: the API's InstanceInfo plus lifecycle bookkeeping. */
export interface StoredInstance {
  instanceId: string;
  zoneId: string;
  instanceName: string;
  instanceType: string;
  cpuCount: number;
  memory: number;
  imageId: string;
  imageName: string;
  instanceChargeType: string;
  internetMaxBandwidthOut: number;
  internetChargeType: string;
  period: number | null;
  publicIpAddresses: string[];
  publicIpv6Addresses: string[];
  privateIpAddresses: string[];
  subnetId: string;
  createTime: string;
  expiredTime: string | null;
  resourceGroupId: string;
  resourceGroupName: string;
  instanceStatus: string;
  trafficPackageSize: number | null;
  securityGroupIds: string[];
  systemDisk: { diskId: string; diskSize: number; diskCategory: string };
  dataDisks: Array<{ diskId: string; diskSize: number; diskName: string; portable: boolean; diskCategory: string }>;
  autoRenew: boolean;
  keyId: string | null;
  nic: { wanName: string; lanName: string };
  tags: Tag[];
  /** The public CIDR block its IPv4 address came from (not part of InstanceInfo). */
  cidrBlockId?: string;
  /** Set by a transition when the instance leaves the API (released, or never really created). */
  removed?: boolean;
  schedule?: Transition[];
}

interface ZenlayerState {
  instances: Record<string, StoredInstance>;
  seq: number;
}

/** Lifecycle durations in ms of real-cloud time (scaled by ctx.delay). */
const T = {
  deploying: 5_000,
  running: 30_000,
  publicIp: 34_000,
  createFailed: 20_000,
  vanish: 15_000,
  recycle: 15_000,
  release: 10_000,
  stop: 10_000,
  boot: 15_000,
};

const CREATING = new Set(["PENDING", "DEPLOYING"]);
const RECYCLED = new Set(["RECYCLING", "RECYCLE", "RELEASING"]);

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

const NAME_PATTERN = /\[([^\]]*)\]/g;
const NAME_CHARS = /^[A-Za-z0-9.-]*$/;
const MAX_NAME = 64;

function malformed(name: string, why: string): ZenlayerError {
  return new ZenlayerError(400, "INVALID_PARAMETER_INSTANCE_NAME_MALFORMED", `The instance name \`${name}\` is malformed: ${why}.`);
}

/**
 * expandInstanceNames turns an instanceName with `[begin,bits]` patterns into one name per instance, as
 * CreateInstances does: `web[1,3]` for two instances gives web001 and web002; begin defaults to 0 (range 0-99999),
 * bits to 6 (range 1-6); several patterns count together. Throws the seed's name errors.
 */
export function expandInstanceNames(name: string, count: number): string[] {
  if (name === "") throw malformed(name, "it must not be empty");
  const patterns: Array<{ begin: number; bits: number }> = [];
  const body = name.replace(NAME_PATTERN, (_whole, inner: string) => {
    const m = /^(\d*),(\d*)$/.exec(inner);
    if (!m) throw malformed(name, "a pattern must be [begin_number,bits] without spaces");
    const begin = m[1] === "" ? 0 : Number(m[1]);
    const bits = m[2] === "" ? 6 : Number(m[2]);
    if (begin > 99_999) throw malformed(name, "begin_number must be 0-99999");
    if (bits < 1 || bits > 6) throw malformed(name, "bits must be 1-6");
    patterns.push({ begin, bits });
    return "";
  });
  if (!NAME_CHARS.test(body)) throw malformed(name, "only letters, numbers, - and periods (.) are supported");
  const names = Array.from({ length: count }, (_, i) => {
    let k = 0;
    return name.replace(NAME_PATTERN, () => {
      const p = patterns[k++];
      return String(p.begin + i).padStart(p.bits, "0");
    });
  });
  const longest = names.reduce((a, b) => (b.length > a.length ? b : a), "");
  if (longest.length > MAX_NAME) {
    throw new ZenlayerError(400, "INVALID_PARAMETER_INSTANCE_NAME_EXCEED", `The instance name \`${longest}\` exceeds ${MAX_NAME} characters.`);
  }
  return names;
}

/**
 * ZenlayerModel is the VM service's state and one method per action. It never sees HTTP: it takes typed parameters,
 * returns stored instances and catalogue entries for the wire layer to render, and throws ZenlayerError. Lifecycles
 * advance lazily on every call.
 */
export class ZenlayerModel {
  constructor(private readonly ctx: EmulatorContext) {}

  private get state(): ZenlayerState {
    const s = this.ctx.state as Partial<ZenlayerState>;
    s.instances ??= {};
    s.seq ??= 0;
    return s as ZenlayerState;
  }

  /** refresh applies every due transition and forgets instances that have left the API. */
  private refresh(): Record<string, StoredInstance> {
    const now = this.ctx.now();
    const all = this.state.instances;
    let changed = false;
    for (const [id, inst] of Object.entries(all)) {
      if (advance(inst, now)) changed = true;
      if (inst.removed) {
        delete all[id];
        changed = true;
      }
    }
    if (changed) this.ctx.save();
    return all;
  }

  private nextSeq(): number {
    return ++this.state.seq;
  }

  /** getInstance returns a live instance or throws INVALID_INSTANCE_NOT_FOUND. */
  getInstance(id: string): StoredInstance {
    const inst = this.refresh()[id];
    if (!inst) throw instanceNotFound(id);
    return inst;
  }

  /** getInstances returns the live instances of the ids, in their order, or throws for the first one not found. */
  getInstances(ids: string[]): StoredInstance[] {
    return ids.map((id) => this.getInstance(id));
  }

  /** instances lists every instance the API still shows. */
  instances(): StoredInstance[] {
    return Object.values(this.refresh());
  }

  private notCreating(inst: StoredInstance): void {
    if (CREATING.has(inst.instanceStatus)) {
      throw new ZenlayerError(403, "OPERATION_DENIED_INSTANCE_CREATING", `The instance ${inst.instanceId} is being created; no operation is allowed yet.`);
    }
  }

  private requireStatus(inst: StoredInstance, allowed: string[], action: string): void {
    this.notCreating(inst);
    if (!allowed.includes(inst.instanceStatus)) {
      throw new ZenlayerError(
        403,
        "OPERATION_DENIED_INSTANCE_STATUS_INVALID",
        `${action} is not allowed for instance ${inst.instanceId} in status ${inst.instanceStatus}.`,
      );
    }
  }

  /** createInstances checks the account's room for the request (quota, subnet and CIDR addresses), then creates its instances PENDING. */
  createInstances(spec: CreateSpec): CreateResult {
    this.checkCapacity(spec);
    const now = this.ctx.now();
    const partial = this.ctx.faults.take("partialBatch", "zenlayer", "CreateInstances");
    const created = spec.names.map((name, index) => {
      const n = this.nextSeq();
      const inst = newInstance(spec, name, `${now}${String(n % 1_000_000).padStart(6, "0")}`, now);
      // A partial batch: the seed says an instance that cannot be found after creation has failed.
      const vanishes = partial !== undefined && index >= Math.ceil(spec.names.length / 2);
      schedule(inst, now, [{ afterMs: this.ctx.delay(T.deploying), set: { instanceStatus: "DEPLOYING" } }, ...this.launchSteps(spec, n, vanishes)]);
      this.state.instances[inst.instanceId] = inst;
      return inst;
    });
    this.ctx.save();
    return { orderNumber: `ORD${now}${this.state.seq}`, created };
  }

  private checkCapacity(spec: CreateSpec): void {
    const live = this.instances();
    const count = spec.names.length;
    const region = catalog.regionOf(spec.zone.zoneId);
    const inRegion = live.filter((i) => catalog.regionOf(i.zoneId) === region).length;
    if (inRegion + count > catalog.DEFAULT_INSTANCE_QUOTA) {
      throw new ZenlayerError(
        403,
        "OPERATION_DENIED_INSTANCE_QUOTA_EXCEED",
        `Creating ${count} instances would exceed the quota of ${catalog.DEFAULT_INSTANCE_QUOTA} in ${region} (${inRegion} in use).`,
      );
    }
    const inSubnet = live.filter((i) => i.subnetId === spec.subnet.subnetId).length;
    if (inSubnet + count > spec.subnet.freeIps) {
      throw new ZenlayerError(403, "OPERATION_DENIED_SUBNET_IP_INSUFFICIENT", `The subnet ${spec.subnet.subnetId} has too few free private IP addresses.`);
    }
    if (spec.cidrBlock) {
      const taken = this.cidrUse(spec.cidrBlock.cidrBlockId);
      if (taken + count > spec.cidrBlock.freeIps) {
        throw new ZenlayerError(403, "OPERATION_DENIED_IPV4_CIDR_IP_NOT_ENOUGH", `The CIDR block ${spec.cidrBlock.cidrBlockId} has too few free IPv4 addresses.`);
      }
    }
  }

  /** launchSteps is what follows DEPLOYING for the n-th instance: it vanishes, fails (when the fault is armed) or runs and gets its addresses. */
  private launchSteps(spec: CreateSpec, n: number, vanishes: boolean): Array<{ afterMs: number; set: Record<string, unknown> }> {
    if (vanishes) return [{ afterMs: this.ctx.delay(T.vanish), set: { removed: true } }];
    if (this.ctx.faults.take("launchFailure", "zenlayer", "CreateInstances")) {
      return [{ afterMs: this.ctx.delay(T.createFailed), set: { instanceStatus: "CREATE_FAILED" } }];
    }
    const octet = (n % 250) + 2;
    const third = Math.floor(n / 250) % 250;
    const running = { instanceStatus: "RUNNING", privateIpAddresses: [`${privateBase(spec.subnet.cidrBlock)}.${third}.${octet}`] };
    const steps: Array<{ afterMs: number; set: Record<string, unknown> }> = [{ afterMs: this.ctx.delay(T.running), set: running }];
    const publicSet: Record<string, unknown> = {};
    if (spec.enableIpv4) publicSet.publicIpAddresses = [publicIpv4(spec.cidrBlock, n)];
    if (spec.enableIpv6) publicSet.publicIpv6Addresses = [`2401:d8c0:${spec.zone.zoneId.length.toString(16)}::${n.toString(16)}`];
    if (Object.keys(publicSet).length > 0) steps.push({ afterMs: this.ctx.delay(T.publicIp), set: publicSet });
    return steps;
  }

  private cidrUse(cidrBlockId: string): number {
    return this.instances().filter((i) => i.cidrBlockId === cidrBlockId).length;
  }

  /** describeInstances lists the instances every given filter matches. */
  describeInstances(f: InstanceFilter): StoredInstance[] {
    return this.instances().filter((i) => {
      if (f.ids && !f.ids.includes(i.instanceId)) return false;
      for (const [k, v] of Object.entries(f.fields)) if (v !== undefined && i[k as keyof InstanceFilter["fields"]] !== v) return false;
      if (f.name !== undefined) {
        const fuzzy = f.name.endsWith("*");
        if (fuzzy ? !i.instanceName.startsWith(f.name.slice(0, -1)) : i.instanceName !== f.name) return false;
      }
      if (f.securityGroupId !== undefined && !i.securityGroupIds.includes(f.securityGroupId)) return false;
      if (f.publicIps && !f.publicIps.some((ip) => i.publicIpAddresses.includes(ip))) return false;
      if (f.privateIps && !f.privateIps.some((ip) => i.privateIpAddresses.includes(ip))) return false;
      if (f.tagKeys && !f.tagKeys.every((k) => i.tags.some((t) => t.key === k))) return false;
      return f.tags.every((w) => i.tags.some((t) => t.key === w.key && t.value === w.value));
    });
  }

  /** describeInstancesStatus lists the instances of the ids, or all of them. */
  describeInstancesStatus(ids: string[] | undefined): StoredInstance[] {
    return this.instances().filter((i) => !ids || ids.includes(i.instanceId));
  }

  /** modifyInstancesAttribute renames instances; the name follows the create rules but takes no `[begin,bits]` pattern. */
  modifyInstancesAttribute(list: StoredInstance[], name: string): void {
    expandInstanceNames(name, 1);
    if (/\[/.test(name)) throw invalid("instanceName", "must be a plain name here, without a [begin,bits] pattern");
    for (const inst of list) this.notCreating(inst);
    for (const inst of list) inst.instanceName = name;
    this.ctx.save();
  }

  startInstances(list: StoredInstance[]): void {
    for (const inst of list) this.requireStatus(inst, ["STOPPED"], "StartInstances");
    for (const inst of list) this.transition(inst, "BOOTING", T.boot, "RUNNING");
  }

  stopInstances(list: StoredInstance[]): void {
    for (const inst of list) this.requireStatus(inst, ["RUNNING"], "StopInstances");
    for (const inst of list) this.transition(inst, "STOPPING", T.stop, "STOPPED");
  }

  rebootInstances(list: StoredInstance[]): void {
    for (const inst of list) this.requireStatus(inst, ["RUNNING"], "RebootInstances");
    for (const inst of list) this.transition(inst, "BOOTING", T.boot, "RUNNING");
  }

  /** terminateInstance moves an instance to the recycle bin. */
  terminateInstance(id: string): void {
    const inst = this.getInstance(id);
    if (RECYCLED.has(inst.instanceStatus)) {
      throw new ZenlayerError(403, "OPERATION_DENIED_INSTANCE_RECYCLED", `The instance ${inst.instanceId} is already in the recycle bin.`);
    }
    this.notCreating(inst);
    this.transition(inst, "RECYCLING", T.recycle, "RECYCLE");
  }

  /** releaseInstances releases instances from the recycle bin; they leave the API once RELEASING ends. */
  releaseInstances(list: StoredInstance[]): void {
    for (const inst of list) {
      if (inst.instanceStatus !== "RECYCLE") {
        throw new ZenlayerError(
          403,
          "OPERATION_DENIED_INSTANCE_NOT_RECYCLED",
          `The instance ${inst.instanceId} is ${inst.instanceStatus}; only instances in the recycle bin can be released.`,
        );
      }
    }
    const now = this.ctx.now();
    for (const inst of list) {
      inst.instanceStatus = "RELEASING";
      inst.schedule = [];
      schedule(inst, now, [{ afterMs: this.ctx.delay(T.release), set: { removed: true } }]);
    }
    this.ctx.save();
  }

  private transition(inst: StoredInstance, now: string, afterMs: number, then: string): void {
    inst.instanceStatus = now;
    inst.schedule = [];
    schedule(inst, this.ctx.now(), [{ afterMs: this.ctx.delay(afterMs), set: { instanceStatus: then } }]);
    this.ctx.save();
  }

  /** modifyResourceTags replaces and removes tags of one instance (the zrm service), within the per-resource limit. */
  modifyResourceTags(id: string, replace: Tag[], remove: string[]): void {
    const inst = this.refresh()[id];
    if (!inst) throw new ZenlayerError(404, "OPERATION_FAILED_RESOURCE_NOT_FOUND", `The resource \`${id}\` is not found.`);
    const tags = inst.tags.filter((t) => !remove.includes(t.key) && !replace.some((r) => r.key === t.key)).concat(replace);
    if (tags.length > catalog.TAG_LIMITS.maxTags) throw invalid("replaceTags", `would leave more than ${catalog.TAG_LIMITS.maxTags} tags on the resource`);
    inst.tags = tags;
    this.ctx.save();
  }

  /** describeZones lists the zones of the ids, or all of them. */
  describeZones(ids: string[] | undefined): catalog.ZoneEntry[] {
    return catalog.zones.filter((z) => !ids || ids.includes(z.zoneId));
  }

  /** describeImages lists the images every given filter matches; an image without zones is in every zone. */
  describeImages(f: ImageFilter): catalog.ImageEntry[] {
    return catalog.images.filter(
      (i) =>
        (!f.zoneId || i.zones.length === 0 || i.zones.includes(f.zoneId)) &&
        (!f.ids || f.ids.includes(i.imageId)) &&
        (!f.name || i.imageName.toLowerCase().includes(f.name.toLowerCase())) &&
        (!f.category || i.category === f.category) &&
        (!f.imageType || i.imageType === f.imageType) &&
        (!f.osType || i.osType === f.osType) &&
        (!f.status || i.imageStatus === f.status),
    );
  }

  /** describeZoneInstanceConfigInfos lists what each zone sells now: not sold out, and in the pricing model when one is given. */
  describeZoneInstanceConfigInfos(f: { chargeType?: string; zoneId?: string; type?: string }): ZoneOffer[] {
    return catalog.zones
      .filter((z) => (!f.zoneId || z.zoneId === f.zoneId) && !z.soldOut && (!f.chargeType || z.chargeTypes.includes(f.chargeType)))
      .flatMap((zone) =>
        catalog.instanceTypes
          .filter((t) => zone.instanceTypes.includes(t.instanceType) && !zone.soldOutTypes.includes(t.instanceType) && (!f.type || t.instanceType === f.type))
          .map((type) => ({ zone, type })),
      );
  }

  /** describeVpcs lists the catalogue's VPCs every given filter matches. */
  describeVpcs(f: NetworkFilter): catalog.VpcEntry[] {
    return catalog.vpcs.filter((v) => matchesNetwork(f, v.vpcId, v.cidrBlock, v.zoneId, v.vpcName));
  }

  /** describeSubnets lists the catalogue's subnets every given filter matches, each with the instances inside it. */
  describeSubnets(f: NetworkFilter): Array<Occupied<catalog.SubnetEntry>> {
    const live = this.instances();
    return catalog.subnets
      .filter((s) => matchesNetwork(f, s.subnetId, s.cidrBlock, s.zoneId, s.subnetName))
      .map((entry) => ({ entry, instanceIds: live.filter((i) => i.subnetId === entry.subnetId).map((i) => i.instanceId) }));
  }

  /** describeSecurityGroups lists the catalogue's security groups by ids and a part of the name, each with its instances. */
  describeSecurityGroups(f: { ids?: string[]; name?: string }): Array<Occupied<catalog.SecurityGroupEntry>> {
    const live = this.instances();
    return catalog.securityGroups
      .filter((g) => (!f.ids || f.ids.includes(g.securityGroupId)) && (!f.name || g.securityGroupName.includes(f.name)))
      .map((entry) => ({ entry, instanceIds: live.filter((i) => i.securityGroupIds.includes(entry.securityGroupId)).map((i) => i.instanceId) }));
  }
}

function matchesNetwork(f: NetworkFilter, id: string, cidrBlock: string, zoneId: string, name: string): boolean {
  return (
    (!f.ids || f.ids.includes(id)) &&
    (!f.cidrBlock || cidrBlock === f.cidrBlock) &&
    (!f.zoneId || zoneId === f.zoneId) &&
    (!f.status || f.status === catalog.NETWORK_STATUS) &&
    (!f.name || name.includes(f.name))
  );
}

/** newInstance is one PENDING instance of a create, as InstanceInfo shows it before its launch. */
function newInstance(spec: CreateSpec, name: string, id: string, now: number): StoredInstance {
  return {
    instanceId: id,
    zoneId: spec.zone.zoneId,
    instanceName: name,
    instanceType: spec.type.instanceType,
    cpuCount: spec.type.cpuCount,
    memory: spec.type.memory,
    imageId: spec.image.imageId,
    imageName: spec.image.imageName,
    instanceChargeType: spec.instanceChargeType,
    internetMaxBandwidthOut: spec.internetMaxBandwidthOut,
    internetChargeType: spec.internetChargeType,
    period: spec.period ?? null,
    publicIpAddresses: [],
    publicIpv6Addresses: [],
    privateIpAddresses: [],
    subnetId: spec.subnet.subnetId,
    createTime: isoSeconds(now),
    expiredTime: spec.period ? isoSeconds(now + spec.period * 30 * 86_400_000) : null,
    resourceGroupId: spec.resourceGroup.resourceGroupId,
    resourceGroupName: spec.resourceGroup.resourceGroupName,
    instanceStatus: "PENDING",
    trafficPackageSize: spec.trafficPackageSize ?? (spec.internetChargeType === "ByTrafficPackage" ? 1 : null),
    securityGroupIds: spec.securityGroupId ? [spec.securityGroupId] : [],
    systemDisk: { diskId: `${id}-sys`, diskSize: spec.systemDisk.diskSize, diskCategory: spec.systemDisk.diskCategory },
    dataDisks: spec.dataDisks.map((d, k) => ({
      diskId: `${id}-d${k + 1}`,
      diskSize: d.diskSize,
      diskName: d.diskName ?? `${name}-data-${k + 1}`,
      portable: false,
      diskCategory: d.diskCategory,
    })),
    autoRenew: false,
    keyId: spec.keyId ?? null,
    nic: { wanName: spec.nic?.wanName ?? "wan0", lanName: spec.nic?.lanName ?? "lan0" },
    tags: spec.tags.map((t) => ({ ...t })),
    cidrBlockId: spec.cidrBlock?.cidrBlockId,
  };
}

function privateBase(cidr: string): string {
  return cidr.split(".").slice(0, 2).join(".");
}

function publicIpv4(block: catalog.CidrBlockEntry | undefined, n: number): string {
  if (block) return `${block.cidr.split(".").slice(0, 3).join(".")}.${(n % 250) + 2}`;
  return `128.14.${Math.floor(n / 250) % 250}.${(n % 250) + 2}`;
}

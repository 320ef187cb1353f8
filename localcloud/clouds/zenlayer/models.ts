import { advance, schedule, type Transition } from "../../lifecycle";
import type { EmulatorContext } from "../../emulator";
import * as catalog from "./catalog";
import { readCreateInstances } from "./createRequest";
import { instanceNotFound, invalid, missing, ZenlayerError } from "./errors";
import { expandInstanceNames } from "./instanceNames";
import { Params, readTags, TAG_LIMITS } from "./params";

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

/** NETWORK_STATUS is the status every catalogue VPC, subnet and security group shows (ready for use). */
const NETWORK_STATUS = "AVAILABLE";

const CREATING = new Set(["PENDING", "DEPLOYING"]);
const RECYCLED = new Set(["RECYCLING", "RECYCLE", "RELEASING"]);

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function page<T>(items: T[], p: Params): { totalCount: number; dataSet: T[] } {
  const pageNum = p.int("pageNum", { min: 1 }) ?? 1;
  const pageSize = p.int("pageSize", { min: 1, max: 1000 }) ?? 20;
  return { totalCount: items.length, dataSet: items.slice((pageNum - 1) * pageSize, pageNum * pageSize) };
}

/**
 * ZenlayerModel is the VM service's state and one method per action. It never sees HTTP: it takes parsed parameters,
 * returns plain response fields and throws ZenlayerError. Lifecycles advance lazily on every call.
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

  createInstances(p: Params): Record<string, unknown> {
    const spec = readCreateInstances(p);
    const live = this.instances();
    const region = catalog.regionOf(spec.zone.zoneId);
    const inRegion = live.filter((i) => catalog.regionOf(i.zoneId) === region).length;
    if (inRegion + spec.names.length > catalog.DEFAULT_INSTANCE_QUOTA) {
      throw new ZenlayerError(
        403,
        "OPERATION_DENIED_INSTANCE_QUOTA_EXCEED",
        `Creating ${spec.names.length} instances would exceed the quota of ${catalog.DEFAULT_INSTANCE_QUOTA} in ${region} (${inRegion} in use).`,
      );
    }
    const inSubnet = live.filter((i) => i.subnetId === spec.subnet.subnetId).length;
    if (inSubnet + spec.names.length > spec.subnet.freeIps) {
      throw new ZenlayerError(403, "OPERATION_DENIED_SUBNET_IP_INSUFFICIENT", `The subnet ${spec.subnet.subnetId} has too few free private IP addresses.`);
    }
    if (spec.cidrBlock) {
      const taken = this.cidrUse(spec.cidrBlock.cidrBlockId);
      if (taken + spec.names.length > spec.cidrBlock.freeIps) {
        throw new ZenlayerError(403, "OPERATION_DENIED_IPV4_CIDR_IP_NOT_ENOUGH", `The CIDR block ${spec.cidrBlock.cidrBlockId} has too few free IPv4 addresses.`);
      }
    }
    const now = this.ctx.now();
    const partial = this.ctx.faults.take("partialBatch", "zenlayer", "CreateInstances");
    const ids: string[] = [];
    const disks: Array<{ instanceId: string; diskIdSet: string[] }> = [];
    spec.names.forEach((name, index) => {
      const n = this.nextSeq();
      const id = `${now}${String(n % 1_000_000).padStart(6, "0")}`;
      const dataDisks = spec.dataDisks.map((d, k) => ({
        diskId: `${id}-d${k + 1}`,
        diskSize: d.diskSize,
        diskName: d.diskName ?? `${name}-data-${k + 1}`,
        portable: false,
        diskCategory: d.diskCategory,
      }));
      const inst: StoredInstance = {
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
        dataDisks,
        autoRenew: false,
        keyId: spec.keyId ?? null,
        nic: { wanName: spec.nic?.wanName ?? "wan0", lanName: spec.nic?.lanName ?? "lan0" },
        tags: spec.tags.map((t) => ({ ...t })),
        cidrBlockId: spec.cidrBlock?.cidrBlockId,
      };
      const steps: Array<{ afterMs: number; set: Record<string, unknown> }> = [
        { afterMs: this.ctx.delay(T.deploying), set: { instanceStatus: "DEPLOYING" } },
      ];
      if (partial && index >= Math.ceil(spec.names.length / 2)) {
        // A partial batch: the seed says an instance that cannot be found after creation has failed.
        steps.push({ afterMs: this.ctx.delay(T.vanish), set: { removed: true } });
      } else if (this.ctx.faults.take("launchFailure", "zenlayer", "CreateInstances")) {
        steps.push({ afterMs: this.ctx.delay(T.createFailed), set: { instanceStatus: "CREATE_FAILED" } });
      } else {
        const octet = (n % 250) + 2;
        const third = Math.floor(n / 250) % 250;
        steps.push({ afterMs: this.ctx.delay(T.running), set: { instanceStatus: "RUNNING", privateIpAddresses: [`${privateBase(spec.subnet.cidrBlock)}.${third}.${octet}`] } });
        const publicSet: Record<string, unknown> = {};
        if (spec.enableIpv4) publicSet.publicIpAddresses = [this.publicIpv4(spec.cidrBlock, n)];
        if (spec.enableIpv6) publicSet.publicIpv6Addresses = [`2401:d8c0:${spec.zone.zoneId.length.toString(16)}::${n.toString(16)}`];
        if (Object.keys(publicSet).length > 0) steps.push({ afterMs: this.ctx.delay(T.publicIp), set: publicSet });
      }
      schedule(inst, now, steps);
      this.state.instances[id] = inst;
      ids.push(id);
      disks.push({ instanceId: id, diskIdSet: dataDisks.map((d) => d.diskId) });
    });
    this.ctx.save();
    return { orderNumber: `ORD${now}${this.state.seq}`, instanceIdSet: ids, instances: disks };
  }

  private cidrUse(cidrBlockId: string): number {
    return this.instances().filter((i) => i.cidrBlockId === cidrBlockId).length;
  }

  private publicIpv4(block: catalog.CidrBlockEntry | undefined, n: number): string {
    if (block) return `${block.cidr.split(".").slice(0, 3).join(".")}.${(n % 250) + 2}`;
    return `128.14.${Math.floor(n / 250) % 250}.${(n % 250) + 2}`;
  }

  describeInstances(p: Params): Record<string, unknown> {
    const ids = p.strings("instanceIds", 100);
    const filters = {
      zoneId: p.str("zoneId"),
      instanceType: p.str("instanceType"),
      imageId: p.str("imageId"),
      keyId: p.str("keyId"),
      subnetId: p.str("subnetId"),
      instanceStatus: p.str("instanceStatus"),
      resourceGroupId: p.str("resourceGroupId"),
      internetChargeType: p.str("internetChargeType"),
    };
    const name = p.str("instanceName");
    const securityGroupId = p.str("securityGroupId");
    const publicIps = p.strings("publicIpAddresses");
    const privateIps = p.strings("privateIpAddresses");
    const tagKeys = p.strings("tagKeys");
    const tags = readTags("tags", p.objects("tags"));
    const matches = this.instances().filter((i) => {
      if (ids && !ids.includes(i.instanceId)) return false;
      for (const [k, v] of Object.entries(filters)) if (v !== undefined && i[k as keyof typeof filters] !== v) return false;
      if (name !== undefined) {
        const fuzzy = name.endsWith("*");
        if (fuzzy ? !i.instanceName.startsWith(name.slice(0, -1)) : i.instanceName !== name) return false;
      }
      if (securityGroupId !== undefined && !i.securityGroupIds.includes(securityGroupId)) return false;
      if (publicIps && !publicIps.some((ip) => i.publicIpAddresses.includes(ip))) return false;
      if (privateIps && !privateIps.some((ip) => i.privateIpAddresses.includes(ip))) return false;
      if (tagKeys && !tagKeys.every((k) => i.tags.some((t) => t.key === k))) return false;
      if (!tags.every((w) => i.tags.some((t) => t.key === w.key && t.value === w.value))) return false;
      return true;
    });
    const view = matches.map((i) => infoOf(i));
    return page(view, p);
  }

  describeInstancesStatus(p: Params): Record<string, unknown> {
    const ids = p.strings("instanceIds", 100);
    const list = this.instances()
      .filter((i) => !ids || ids.includes(i.instanceId))
      .map((i) => ({ instanceId: i.instanceId, instanceStatus: i.instanceStatus }));
    return page(list, p);
  }

  private idList(p: Params): StoredInstance[] {
    const ids = p.strings("instanceIds", 100);
    if (!ids || ids.length === 0) throw missing("instanceIds");
    return ids.map((id) => this.getInstance(id));
  }

  modifyInstancesAttribute(p: Params): Record<string, unknown> {
    const list = this.idList(p);
    const name = p.str("instanceName", true);
    expandInstanceNames(name, 1);
    if (/\[/.test(name)) throw invalid("instanceName", "must be a plain name here, without a [begin,bits] pattern");
    for (const inst of list) this.notCreating(inst);
    for (const inst of list) inst.instanceName = name;
    this.ctx.save();
    return {};
  }

  startInstances(p: Params): Record<string, unknown> {
    const list = this.idList(p);
    for (const inst of list) this.requireStatus(inst, ["STOPPED"], "StartInstances");
    for (const inst of list) this.transition(inst, "BOOTING", T.boot, "RUNNING");
    return {};
  }

  stopInstances(p: Params): Record<string, unknown> {
    const list = this.idList(p);
    p.bool("forceShutdown");
    for (const inst of list) this.requireStatus(inst, ["RUNNING"], "StopInstances");
    for (const inst of list) this.transition(inst, "STOPPING", T.stop, "STOPPED");
    return {};
  }

  rebootInstances(p: Params): Record<string, unknown> {
    const list = this.idList(p);
    for (const inst of list) this.requireStatus(inst, ["RUNNING"], "RebootInstances");
    for (const inst of list) this.transition(inst, "BOOTING", T.boot, "RUNNING");
    return {};
  }

  terminateInstance(p: Params): Record<string, unknown> {
    const inst = this.getInstance(p.str("instanceId", true));
    if (RECYCLED.has(inst.instanceStatus)) {
      throw new ZenlayerError(403, "OPERATION_DENIED_INSTANCE_RECYCLED", `The instance ${inst.instanceId} is already in the recycle bin.`);
    }
    this.notCreating(inst);
    this.transition(inst, "RECYCLING", T.recycle, "RECYCLE");
    return {};
  }

  releaseInstances(p: Params): Record<string, unknown> {
    const list = this.idList(p);
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
    return {};
  }

  private transition(inst: StoredInstance, now: string, afterMs: number, then: string): void {
    inst.instanceStatus = now;
    inst.schedule = [];
    schedule(inst, this.ctx.now(), [{ afterMs: this.ctx.delay(afterMs), set: { instanceStatus: then } }]);
    this.ctx.save();
  }

  modifyResourceTags(p: Params): Record<string, unknown> {
    const id = p.str("resourceUuid", true);
    const replace = readTags("replaceTags", p.objects("replaceTags"));
    const remove = p.strings("deleteTagKeys") ?? [];
    const inst = this.refresh()[id];
    if (!inst) throw new ZenlayerError(404, "OPERATION_FAILED_RESOURCE_NOT_FOUND", `The resource \`${id}\` is not found.`);
    const tags = inst.tags.filter((t) => !remove.includes(t.key) && !replace.some((r) => r.key === t.key)).concat(replace);
    if (tags.length > TAG_LIMITS.maxTags) throw invalid("replaceTags", `would leave more than ${TAG_LIMITS.maxTags} tags on the resource`);
    inst.tags = tags;
    this.ctx.save();
    return {};
  }

  describeZones(p: Params): Record<string, unknown> {
    const ids = p.strings("zoneIds");
    const zoneSet = catalog.zones
      .filter((z) => !ids || ids.includes(z.zoneId))
      .map((z) => ({
        zoneId: z.zoneId,
        zoneName: z.zoneName,
        supportSecurityGroup: z.supportSecurityGroup,
        supportNetworkType: z.supportNetworkType,
        supportIpv6: z.supportIpv6,
        supportCpuPassThrough: z.supportCpuPassThrough,
      }));
    return { zoneSet };
  }

  describeImages(p: Params): Record<string, unknown> {
    const zoneId = p.str("zoneId");
    const ids = p.strings("imageIds");
    const name = p.str("imageName");
    const category = p.str("category");
    const imageType = p.str("imageType");
    const osType = p.str("osType");
    const status = p.str("imageStatus");
    const list = catalog.images
      .filter(
        (i) =>
          (!zoneId || i.zones.length === 0 || i.zones.includes(zoneId)) &&
          (!ids || ids.includes(i.imageId)) &&
          (!name || i.imageName.toLowerCase().includes(name.toLowerCase())) &&
          (!category || i.category === category) &&
          (!imageType || i.imageType === imageType) &&
          (!osType || i.osType === osType) &&
          (!status || i.imageStatus === status),
      )
      .map(({ zones: _zones, ...rest }) => rest);
    return page(list, p);
  }

  describeZoneInstanceConfigInfos(p: Params): Record<string, unknown> {
    const chargeType = p.str("instanceChargeType");
    const zoneId = p.str("zoneId");
    const type = p.str("instanceType");
    const instanceTypeQuotaSet = catalog.zones
      .filter((z) => (!zoneId || z.zoneId === zoneId) && !z.soldOut && (!chargeType || z.chargeTypes.includes(chargeType)))
      .flatMap((z) =>
        catalog.instanceTypes
          .filter((t) => z.instanceTypes.includes(t.instanceType) && !z.soldOutTypes.includes(t.instanceType) && (!type || t.instanceType === type))
          .map((t) => ({ zoneId: z.zoneId, ...t, internetChargeTypes: z.internetChargeTypes })),
      );
    return { instanceTypeQuotaSet };
  }

  describeVpcs(p: Params): Record<string, unknown> {
    const ids = p.strings("vpcIds", 100);
    const cidrBlock = p.str("cidrBlock");
    const zoneId = p.str("zoneId");
    const status = p.str("vpcStatus");
    const name = p.str("vpcName");
    const list = catalog.vpcs
      .filter(
        (v) =>
          (!ids || ids.includes(v.vpcId)) &&
          (!cidrBlock || v.cidrBlock === cidrBlock) &&
          (!zoneId || v.zoneId === zoneId) &&
          (!status || status === NETWORK_STATUS) &&
          (!name || v.vpcName.includes(name)),
      )
      .map((v) => ({
        vpcId: v.vpcId,
        zoneId: v.zoneId,
        vpcName: v.vpcName,
        vpcStatus: NETWORK_STATUS,
        cidrBlock: v.cidrBlock,
        subnetIdList: catalog.subnets.filter((s) => s.vpcId === v.vpcId).map((s) => s.subnetId),
        createTime: catalog.CATALOG_CREATED,
        isDefault: v.isDefault,
      }));
    return page(list, p);
  }

  describeSubnets(p: Params): Record<string, unknown> {
    const ids = p.strings("subnetIds", 100);
    const cidrBlock = p.str("cidrBlock");
    const zoneId = p.str("zoneId");
    const status = p.str("subnetStatus");
    const name = p.str("subnetName");
    const live = this.instances();
    const list = catalog.subnets
      .filter(
        (s) =>
          (!ids || ids.includes(s.subnetId)) &&
          (!cidrBlock || s.cidrBlock === cidrBlock) &&
          (!zoneId || s.zoneId === zoneId) &&
          (!status || status === NETWORK_STATUS) &&
          (!name || s.subnetName.includes(name)),
      )
      .map((s) => {
        const inside = live.filter((i) => i.subnetId === s.subnetId).map((i) => i.instanceId);
        const total = 2 ** (32 - Number(s.cidrBlock.split("/")[1]));
        return {
          subnetId: s.subnetId,
          zoneId: s.zoneId,
          subnetName: s.subnetName,
          subnetStatus: NETWORK_STATUS,
          subnetDescription: "",
          cidrBlock: s.cidrBlock,
          cidrBlockList: [s.cidrBlock],
          // The addresses others hold, plus one for each localcloud instance: what CreateInstances counts as taken.
          usageIpCount: total - s.freeIps + inside.length,
          totalIpCount: total,
          createTime: catalog.CATALOG_CREATED,
          instanceIdList: inside,
          isDefault: s.subnetName === "default",
        };
      });
    return page(list, p);
  }

  describeSecurityGroups(p: Params): Record<string, unknown> {
    const ids = p.strings("securityGroupIds", 100);
    const name = p.str("securityGroupName");
    const live = this.instances();
    const list = catalog.securityGroups
      .filter((g) => (!ids || ids.includes(g.securityGroupId)) && (!name || g.securityGroupName.includes(name)))
      .map((g) => ({
        securityGroupId: g.securityGroupId,
        securityGroupName: g.securityGroupName,
        securityGroupStatus: NETWORK_STATUS,
        createTime: catalog.CATALOG_CREATED,
        description: g.description,
        instanceIds: live.filter((i) => i.securityGroupIds.includes(g.securityGroupId)).map((i) => i.instanceId),
        ruleInfos: g.rules.map((r) => ({ ...r })),
        isDefault: g.isDefault,
      }));
    return page(list, p);
  }
}

function privateBase(cidr: string): string {
  return cidr.split(".").slice(0, 2).join(".");
}

/** infoOf renders a stored instance as the API's InstanceInfo. */
function infoOf(i: StoredInstance): Record<string, unknown> {
  const { schedule: _schedule, removed: _removed, cidrBlockId: _cidr, tags, ...info } = i;
  return { ...info, tags: { tags: tags.map((t) => ({ ...t })) } };
}

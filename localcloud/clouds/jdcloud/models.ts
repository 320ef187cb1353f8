import { randomBytes } from "crypto";
import type { EmulatorContext } from "../../emulator";
import { advance, schedule, type Scheduled } from "../../lifecycle";
import {
  DEFAULT_INSTANCE_QUOTA,
  dataDiskGB,
  diskTypes,
  findRegion,
  images,
  instanceTypes,
  keyPairs,
  nameOf,
  systemDiskGB,
  type JdImage,
  type JdInstanceType,
  type JdRegion,
  type JdSubnet,
} from "./catalog";
import { conflict, failedPrecondition, invalidArgument, notFound, outOfRange, quotaExceeded } from "./errors";

/** Lifecycle durations in ms of real-cloud time (scaled by ctx.delay). */
const STARTING_AFTER = 8_000;
const RUNNING_AFTER = 30_000;
const EIP_AFTER = 34_000;
const FAILED_AFTER = 20_000;
/** A failed instance shows `error` for ten seconds, then coc-vm deletes it by itself (seed). */
const FAILED_GONE_AFTER = 30_000;
const DELETE_AFTER = 15_000;
const STOP_AFTER = 10_000;
const START_AFTER = 15_000;
const REBOOT_AFTER = 20_000;
const DAY = 86_400_000;
/** A new prepaid instance may be unsubscribed (deleted) within five days; after that only once it has expired. */
const REFUND_WINDOW = 5 * DAY;

/** DiskSpec is a system or data disk request. */
export interface DiskSpec {
  diskType: string;
  diskSizeGB?: number;
}

/** ChargeSpec is a prepaid charge with its defaults applied. */
export interface ChargeSpec {
  chargeMode: "prepaid_by_duration";
  chargeUnit: "month" | "year";
  chargeDuration: number;
  autoRenew: boolean;
}

/** CreateSpec is a createInstances request that passed every rule that needs no catalogue. */
export interface CreateSpec {
  maxCount: number;
  clientToken?: string;
  az: string;
  instanceType: string;
  imageId: string;
  name: string;
  description: string;
  password?: string;
  keyName?: string;
  passwordAuth: "yes" | "no";
  elasticIp?: { sizeMbps: number };
  vpcId: string;
  subnetId: string;
  ip?: string;
  securityGroups: Array<{ groupId: string; groupName?: string }>;
  systemDisk: DiskSpec;
  dataDisks: DiskSpec[];
  charge: ChargeSpec;
}

/** InstanceAttributes are what modifyInstanceAttribute changes; an absent one is kept. */
export interface InstanceAttributes {
  name?: string;
  description?: string;
}

/** JdDisk is one disk of an instance. */
export interface JdDisk {
  diskId: string;
  deviceName: string;
  diskType: string;
  diskSizeGB: number;
}

/** JdInstance is one stored instance: the fields describeInstances shows plus localcloud's bookkeeping. */
export interface JdInstance extends Scheduled {
  instanceId: string;
  region: string;
  instanceName: string;
  description: string;
  instanceType: string;
  imageId: string;
  az: string;
  status: string;
  vpcId: string;
  subnetId: string;
  privateIpAddress?: string;
  elasticIpAddress?: string;
  elasticIpId?: string;
  keyName?: string;
  systemDisk: JdDisk;
  dataDisks: JdDisk[];
  securityGroups: Array<{ groupId: string; groupName: string }>;
  portId: string;
  launchTime: string;
  charge: ChargeSpec & { chargeStartTime: string; chargeExpiredTime: string };
  /** Bookkeeping, never shown: creation order, the reserved private IP, refund and expiry times, removal. */
  seq: number;
  allocatedIp: string;
  refundableUntil: number;
  expiresAt: number;
  gone?: boolean;
}

/** JdState is the jdcloud section of localcloud's state. */
interface JdState {
  instances?: Record<string, JdInstance>;
  /** `region/clientToken` -> the instance ids the first request returned. */
  tokens?: Record<string, string[]>;
  /** Overrides DEFAULT_INSTANCE_QUOTA (set it in the state file). */
  quotaPerRegion?: number;
  seq?: number;
}

/** Paging is a list request's page: pageNumber from 1, pageSize 10-100. */
export interface Paging {
  pageNumber: number;
  pageSize: number;
}

/** ImagesQuery is a describeImages request. */
export interface ImagesQuery extends Paging {
  ids?: string[];
  imageSource?: string;
  platform?: string;
  imageName?: string;
  status?: string;
}

/** DescribeQuery is a describeInstances / describeInstanceStatus request. */
export interface DescribeQuery {
  instanceIds?: string[];
  names?: string[];
  statuses?: string[];
  azs?: string[];
  pageNumber: number;
  pageSize: number;
}

/** Listing is one page of a list and the size of the whole list. */
export interface Listing<T> {
  items: T[];
  totalCount: number;
}

/** SubnetUsage is a subnet and how many addresses createInstances can still allocate in it. */
export interface SubnetUsage {
  subnet: JdSubnet;
  availableIpCount: number;
}

/** VpcUsage is a VPC and its subnets' usage. */
export interface VpcUsage {
  vpcId: string;
  subnets: SubnetUsage[];
}

/** IMAGE_SOURCES are describeImages' imageSource values; localcloud's catalogue holds public images only. */
const IMAGE_SOURCES = ["public", "shared", "thirdparty", "private", "community"];

const STATUSES = ["pending", "starting", "running", "stopping", "stopped", "rebooting", "rebuilding", "resizing", "deleting", "error"];

/** Launch is a createInstances request checked against the catalogue and the subnet, ready to start. */
interface Launch {
  spec: CreateSpec;
  groups: Array<{ groupId: string; groupName: string }>;
  systemDiskGB: number;
  ips: string[];
}

function shortId(prefix: string): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return `${prefix}-${[...randomBytes(10)].map((b) => alphabet[b % alphabet.length]).join("")}`;
}

/** BEIJING_MS is coc-vm's time zone, UTC+8: its times (`2026-12-01 21:47:51`) carry no zone and are Beijing time. */
const BEIJING_MS = 8 * 3600_000;

function timeText(ms: number): string {
  return new Date(ms + BEIJING_MS).toISOString().replace("T", " ").slice(0, 19);
}

function ipToInt(ip: string): number {
  return ip.split(".").reduce((n, part) => n * 256 + Number(part), 0);
}

function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
}

function cidrRange(cidr: string): { first: number; last: number } {
  const [base, bits] = cidr.split("/");
  const size = 2 ** (32 - Number(bits));
  const start = ipToInt(base);
  // JD reserves the first three and the last address of a subnet.
  return { first: start + 3, last: start + size - 2 };
}

function checkPaging(p: Paging): void {
  if (p.pageNumber < 1) throw invalidArgument("Parameter PageNumber must be at least 1");
  if (p.pageSize < 10 || p.pageSize > 100) throw outOfRange("PageSize out of range: [10-100]");
}

function pageOf<T>(all: T[], p: Paging): T[] {
  const start = (p.pageNumber - 1) * p.pageSize;
  return all.slice(start, start + p.pageSize);
}

/** checkImage finds the instance type and image, in stock, ready, fit for each other and for the key pair. */
function checkImage(spec: CreateSpec): JdInstanceType {
  const type = instanceTypes.find((t) => t.instanceType === spec.instanceType);
  if (!type) throw notFound(`InstanceType '${spec.instanceType}' not found`);
  if (type.soldOutIn.includes(spec.az)) throw failedPrecondition(`InstanceType '${spec.instanceType}' is sold out in az '${spec.az}'`);
  const image = images.find((i) => i.imageId === spec.imageId);
  if (!image) throw notFound(`Image '${spec.imageId}' not found`);
  if (image.status !== "ready") throw failedPrecondition(`Image '${spec.imageId}' not ready`);
  if (type.memoryMB < image.minMemoryMB) throw failedPrecondition(`Image constraints. Doesn't support instanceType '${spec.instanceType}'`);
  if (spec.keyName !== undefined) {
    if (image.platform !== "Linux") throw invalidArgument("KeyName is only supported on Linux images");
    if (!keyPairs.includes(spec.keyName)) throw notFound(`KeyPair '${spec.keyName}' not found`);
  }
  return type;
}

/** checkNetwork finds the VPC, the subnet in it and the security groups of it. */
function checkNetwork(region: JdRegion, spec: CreateSpec): { subnet: JdSubnet; groups: Launch["groups"] } {
  if (!region.vpcs.includes(spec.vpcId)) throw notFound(`Vpc '${spec.vpcId}' not found`);
  const subnet = region.subnets.find((s) => s.subnetId === spec.subnetId);
  if (!subnet) throw notFound(`Subnet '${spec.subnetId}' not found`);
  if (subnet.vpcId !== spec.vpcId) throw invalidArgument(`Subnet '${spec.subnetId}' does not belong to vpc '${spec.vpcId}'`);
  const groups = spec.securityGroups.map((g) => {
    const sg = region.securityGroups.find((s) => s.groupId === g.groupId);
    if (!sg) throw notFound(`SecurityGroups '${g.groupId}' not found`);
    if (sg.vpcId !== spec.vpcId) throw invalidArgument(`SecurityGroup '${g.groupId}' does not belong to vpc '${spec.vpcId}'`);
    return { groupId: sg.groupId, groupName: sg.groupName };
  });
  return { subnet, groups };
}

/** checkDisks checks disk types, stock and sizes, and answers the system disk's size. */
function checkDisks(region: JdRegion, spec: CreateSpec, type: JdInstanceType): number {
  for (const d of [spec.systemDisk, ...spec.dataDisks]) {
    if (!diskTypes.includes(d.diskType)) throw invalidArgument(`Invalid diskType '${d.diskType}'`);
    if (region.disksOutOfStock.includes(d.diskType)) throw failedPrecondition(`Disk type '${d.diskType}' is out of stock`);
  }
  const sysSize = spec.systemDisk.diskSizeGB ?? systemDiskGB.default;
  if (sysSize < systemDiskGB.min || sysSize > systemDiskGB.max) throw outOfRange("InstanceSpec.SystemDisk.CloudDiskSpec.DiskSizeGB out of range");
  for (const d of spec.dataDisks) {
    const size = d.diskSizeGB ?? dataDiskGB.default;
    if (size < dataDiskGB.min || size > dataDiskGB.max || size % 10 !== 0)
      throw outOfRange("InstanceSpec.DataDisks.CloudDiskSpec.DiskSizeGB out of range");
  }
  if (spec.dataDisks.length > type.maxDataDisks)
    throw outOfRange(`InstanceSpec.DataDisks out of range: instanceType '${spec.instanceType}' takes at most ${type.maxDataDisks} data disks`);
  return sysSize;
}

/**
 * JdcloudModel is coc-vm's state and one method per API action. It never sees HTTP: it takes typed parameters,
 * answers stored records and catalogue entries, and throws JdError. Lifecycles advance lazily on every call.
 */
export class JdcloudModel {
  constructor(private readonly ctx: EmulatorContext) {}

  private get st(): JdState {
    return this.ctx.state as JdState;
  }

  private get instances(): Record<string, JdInstance> {
    return (this.st.instances ??= {});
  }

  /** tick applies due transitions and forgets instances that are gone. */
  private tick(): void {
    const now = this.ctx.now();
    let changed = false;
    for (const [id, inst] of Object.entries(this.instances)) {
      if (advance(inst, now)) changed = true;
      if (inst.gone) {
        delete this.instances[id];
        changed = true;
      }
    }
    if (changed) this.ctx.save();
  }

  private region(regionId: string): JdRegion {
    const r = findRegion(regionId);
    if (!r) throw notFound(`Region '${regionId}' not found`);
    return r;
  }

  /** checkRegion brings the lifecycles up to date and throws 404 NOT_FOUND for a region coc-vm does not serve. */
  checkRegion(regionId: string): void {
    this.tick();
    this.region(regionId);
  }

  /** getInstance returns a live instance of the region, or throws 404 NOT_FOUND as coc-vm words it. */
  getInstance(regionId: string, instanceId: string): JdInstance {
    this.tick();
    this.region(regionId);
    const inst = this.instances[instanceId];
    if (!inst || inst.region !== regionId) throw notFound(`Instance '${instanceId}' not found.`);
    return inst;
  }

  /**
   * createInstances launches maxCount instances after checking the catalogue, the subnet's free addresses and the
   * quota; a repeated clientToken answers the first request's ids.
   */
  createInstances(regionId: string, spec: CreateSpec): string[] {
    this.tick();
    const region = this.region(regionId);
    const tokenKey = spec.clientToken ? `${regionId}/${spec.clientToken}` : undefined;
    const tokens = (this.st.tokens ??= {});
    if (tokenKey && tokens[tokenKey]) return [...tokens[tokenKey]];
    if (!region.azs.includes(spec.az)) throw notFound(`Az '${spec.az}' not found`);
    const type = checkImage(spec);
    const { subnet, groups } = checkNetwork(region, spec);
    const sysSize = checkDisks(region, spec, type);
    const ips = this.allocateIps(spec, subnet);
    if (this.liveIn(regionId) + spec.maxCount > this.quota()) throw quotaExceeded();
    const ids = this.launch(regionId, { spec, groups, systemDiskGB: sysSize, ips });
    if (tokenKey) tokens[tokenKey] = ids;
    this.ctx.save();
    return [...ids];
  }

  /** allocateIps reserves the requested address, or the subnet's first free ones. */
  private allocateIps(spec: CreateSpec, subnet: JdSubnet): string[] {
    const used = new Set(Object.values(this.instances).filter((i) => i.subnetId === subnet.subnetId).map((i) => i.allocatedIp));
    const range = cidrRange(subnet.cidr);
    if (spec.ip !== undefined) {
      const n = ipToInt(spec.ip);
      if (n < range.first || n > range.last) throw invalidArgument(`Ip '${spec.ip}' is not in subnet '${subnet.subnetId}' (${subnet.cidr})`);
      if (used.has(spec.ip)) throw conflict(`Ip '${spec.ip}' is already in use`);
      return [spec.ip];
    }
    const ips: string[] = [];
    for (let n = range.first; n <= range.last && ips.length < spec.maxCount; n++) if (!used.has(intToIp(n))) ips.push(intToIp(n));
    if (ips.length < spec.maxCount) throw failedPrecondition(`Subnet '${subnet.subnetId}' has not enough available ip addresses`);
    return ips;
  }

  /** launch stores the instances of a checked request; injected faults fail some (a partial batch: the last half). */
  private launch(regionId: string, launch: Launch): string[] {
    const { spec } = launch;
    const now = this.ctx.now();
    const partial = this.ctx.faults.take("partialBatch", "jdcloud", "createInstances");
    const failing = partial ? Math.max(1, Math.floor(spec.maxCount / 2)) : 0;
    const ids: string[] = [];
    for (let k = 0; k < spec.maxCount; k++) {
      const seq = (this.st.seq = (this.st.seq ?? 0) + 1);
      const id = shortId("i");
      const fails = k >= spec.maxCount - failing || this.ctx.faults.take("launchFailure", "jdcloud", "createInstances") !== undefined;
      const inst = this.newInstance(regionId, id, seq, launch, launch.ips[k], now);
      if (fails) this.scheduleFailure(inst, now);
      else this.scheduleBoot(inst, now, launch.ips[k], spec.elasticIp !== undefined);
      this.instances[id] = inst;
      ids.push(id);
    }
    return ids;
  }

  private newInstance(regionId: string, id: string, seq: number, launch: Launch, ip: string, now: number): JdInstance {
    const { spec } = launch;
    const termDays = spec.charge.chargeUnit === "month" ? 30 * spec.charge.chargeDuration : 365 * spec.charge.chargeDuration;
    return {
      instanceId: id,
      region: regionId,
      instanceName: spec.name,
      description: spec.description,
      instanceType: spec.instanceType,
      imageId: spec.imageId,
      az: spec.az,
      status: "pending",
      vpcId: spec.vpcId,
      subnetId: spec.subnetId,
      keyName: spec.keyName,
      systemDisk: { diskId: shortId("vol"), deviceName: "vda", diskType: spec.systemDisk.diskType, diskSizeGB: launch.systemDiskGB },
      dataDisks: spec.dataDisks.map((d, i) => ({
        diskId: shortId("vol"),
        deviceName: `vd${String.fromCharCode(98 + i)}`,
        diskType: d.diskType,
        diskSizeGB: d.diskSizeGB ?? dataDiskGB.default,
      })),
      securityGroups: launch.groups,
      portId: shortId("port"),
      launchTime: timeText(now),
      charge: { ...spec.charge, chargeStartTime: timeText(now), chargeExpiredTime: timeText(now + termDays * DAY) },
      seq,
      allocatedIp: ip,
      refundableUntil: now + this.ctx.delay(REFUND_WINDOW),
      expiresAt: now + this.ctx.delay(termDays * DAY),
    };
  }

  /** scheduleFailure: a failed launch shows `error`, then the cloud deletes the instance by itself. */
  private scheduleFailure(inst: JdInstance, now: number): void {
    schedule(inst, now, [
      { afterMs: this.ctx.delay(FAILED_AFTER), set: { status: "error" } },
      { afterMs: this.ctx.delay(FAILED_GONE_AFTER), set: { gone: true } },
    ]);
  }

  /** scheduleBoot: pending -> starting (with its private IP) -> running, and the elastic IP after that. */
  private scheduleBoot(inst: JdInstance, now: number, ip: string, elasticIp: boolean): void {
    schedule(inst, now, [
      { afterMs: this.ctx.delay(STARTING_AFTER), set: { status: "starting", privateIpAddress: ip } },
      { afterMs: this.ctx.delay(RUNNING_AFTER), set: { status: "running" } },
    ]);
    if (elasticIp) {
      const eip = `116.196.${Math.floor(inst.seq / 250) % 250}.${(inst.seq % 250) + 2}`;
      schedule(inst, now, [{ afterMs: this.ctx.delay(EIP_AFTER), set: { elasticIpAddress: eip, elasticIpId: shortId("fip") } }]);
    }
  }

  /** describeInstances lists the region's instances matching the filters, one page at a time, in creation order. */
  describeInstances(regionId: string, q: DescribeQuery): Listing<JdInstance> {
    this.tick();
    this.region(regionId);
    checkPaging(q);
    if ((q.instanceIds?.length ?? 0) > 100) throw outOfRange("Filter instanceId takes at most 100 values");
    for (const s of q.statuses ?? []) if (!STATUSES.includes(s)) throw invalidArgument(`Invalid status '${s}'`);
    const all = Object.values(this.instances)
      .filter((i) => i.region === regionId)
      .filter((i) => !q.instanceIds || q.instanceIds.includes(i.instanceId))
      .filter((i) => !q.names || q.names.some((n) => i.instanceName.includes(n)))
      .filter((i) => !q.statuses || q.statuses.includes(i.status))
      .filter((i) => !q.azs || q.azs.includes(i.az))
      .sort((a, b) => a.seq - b.seq);
    return { items: pageOf(all, q), totalCount: all.length };
  }

  /**
   * deleteInstance deletes a running, stopped or failed instance. coc-vm bills every instance prepaid; JD refuses to
   * delete an unexpired prepaid instance (400 FAILED_PRECONDITION) except during the refund window after purchase,
   * which localcloud models as five days (scaled like every lifecycle duration).
   */
  deleteInstance(regionId: string, instanceId: string): void {
    const inst = this.getInstance(regionId, instanceId);
    if (!["running", "stopped", "error"].includes(inst.status))
      throw failedPrecondition(`Instance '${instanceId}' status '${inst.status}' does not support deleteInstance (running, stopped or error only)`);
    const now = this.ctx.now();
    if (inst.status !== "error" && now > inst.refundableUntil && now < inst.expiresAt)
      throw failedPrecondition(`Prepaid instance '${instanceId}' has not expired (until ${inst.charge.chargeExpiredTime}) and is past its refund period`);
    inst.status = "deleting";
    inst.schedule = [];
    schedule(inst, now, [{ afterMs: this.ctx.delay(DELETE_AFTER), set: { gone: true } }]);
    this.ctx.save();
  }

  /** modifyInstanceAttribute renames an instance or changes its description; not while it is being deleted. */
  modifyInstanceAttribute(regionId: string, instanceId: string, attrs: InstanceAttributes): void {
    const inst = this.getInstance(regionId, instanceId);
    if (inst.status === "deleting") throw failedPrecondition(`Instance '${instanceId}' status 'deleting' does not support modifyInstanceAttribute`);
    if (attrs.name !== undefined) inst.instanceName = attrs.name;
    if (attrs.description !== undefined) inst.description = attrs.description;
    this.ctx.save();
  }

  private transition(regionId: string, instanceId: string, op: string, from: string, via: string, to: string, afterMs: number): void {
    const inst = this.getInstance(regionId, instanceId);
    if (inst.status !== from) throw failedPrecondition(`Instance '${instanceId}' status '${inst.status}' does not support ${op}`);
    inst.status = via;
    schedule(inst, this.ctx.now(), [{ afterMs: this.ctx.delay(afterMs), set: { status: to } }]);
    this.ctx.save();
  }

  /** startInstance: stopped -> starting -> running. */
  startInstance(regionId: string, instanceId: string): void {
    this.transition(regionId, instanceId, "startInstance", "stopped", "starting", "running", START_AFTER);
  }

  /** stopInstance: running -> stopping -> stopped. */
  stopInstance(regionId: string, instanceId: string): void {
    this.transition(regionId, instanceId, "stopInstance", "running", "stopping", "stopped", STOP_AFTER);
  }

  /** rebootInstance: running -> rebooting -> running. */
  rebootInstance(regionId: string, instanceId: string): void {
    this.transition(regionId, instanceId, "rebootInstance", "running", "rebooting", "running", REBOOT_AFTER);
  }

  /** describeInstanceTypes lists the types (filtered by instanceTypes) and the region's zones (filtered by az) they show stock for. */
  describeInstanceTypes(regionId: string, filters: Record<string, string[]>): { types: JdInstanceType[]; azs: string[] } {
    const region = this.region(regionId);
    const azs = filters.az ? region.azs.filter((a) => filters.az.includes(a)) : region.azs;
    return { types: instanceTypes.filter((t) => !filters.instanceTypes || filters.instanceTypes.includes(t.instanceType)), azs };
  }

  /** describeImages lists the region's images; imageSource is required unless ids are given. */
  describeImages(regionId: string, q: ImagesQuery): Listing<JdImage> {
    this.region(regionId);
    checkPaging(q);
    if (!q.ids && q.imageSource === undefined) throw invalidArgument("Parameter ImageSource missing");
    if (q.imageSource !== undefined && !IMAGE_SOURCES.includes(q.imageSource))
      throw invalidArgument(`Parameter ImageSource must be one of ${IMAGE_SOURCES.join(", ")}`);
    const all = images.filter(
      (i) =>
        (q.ids ? q.ids.includes(i.imageId) : q.imageSource === "public") &&
        (!q.platform || i.platform === q.platform) &&
        (!q.imageName || i.name.includes(q.imageName)) &&
        (!q.status || i.status === q.status),
    );
    return { items: pageOf(all, q), totalCount: all.length };
  }

  /** describeImage finds one image, or throws 404 NOT_FOUND as createInstances words it. */
  describeImage(regionId: string, imageId: string): JdImage {
    this.region(regionId);
    const image = images.find((i) => i.imageId === imageId);
    if (!image) throw notFound(`Image '${imageId}' not found`);
    return image;
  }

  /** describeUsage is the region's instance quota: the limit and the instances that count against it in createInstances. */
  describeUsage(regionId: string, filters: Record<string, string[]>): { limit: number; used: number } {
    this.tick();
    this.region(regionId);
    for (const t of filters.resourceTypes ?? []) if (t !== "instance") throw invalidArgument(`Invalid resourceType '${t}'`);
    return { limit: this.quota(), used: this.liveIn(regionId) };
  }

  /** describeVpcs lists the region's VPCs with their subnets; filters vpcIds and vpcNames. */
  describeVpcs(regionId: string, filters: Record<string, string[]>, paging: Paging): Listing<VpcUsage> {
    const region = this.region(regionId);
    checkPaging(paging);
    const all = region.vpcs
      .filter((v) => (!filters.vpcIds || filters.vpcIds.includes(v)) && (!filters.vpcNames || filters.vpcNames.includes(nameOf(v))))
      .map((v) => ({ vpcId: v, subnets: region.subnets.filter((s) => s.vpcId === v).map((s) => this.subnetUsage(region.regionId, s)) }));
    return { items: pageOf(all, paging), totalCount: all.length };
  }

  /** describeSubnets lists the region's subnets with the addresses createInstances can still allocate; filters subnetIds, subnetNames and vpcId. */
  describeSubnets(regionId: string, filters: Record<string, string[]>, paging: Paging): Listing<SubnetUsage> {
    this.tick();
    const region = this.region(regionId);
    checkPaging(paging);
    const all = region.subnets.filter(
      (s) =>
        (!filters.subnetIds || filters.subnetIds.includes(s.subnetId)) &&
        (!filters.subnetNames || filters.subnetNames.includes(nameOf(s.subnetId))) &&
        (!filters.vpcId || filters.vpcId.includes(s.vpcId)),
    );
    return { items: pageOf(all, paging).map((s) => this.subnetUsage(regionId, s)), totalCount: all.length };
  }

  private subnetUsage(regionId: string, s: JdSubnet): SubnetUsage {
    const range = cidrRange(s.cidr);
    const used = Object.values(this.instances).filter((i) => i.region === regionId && i.subnetId === s.subnetId).length;
    return { subnet: s, availableIpCount: range.last - range.first + 1 - used };
  }

  private quota(): number {
    return this.st.quotaPerRegion ?? DEFAULT_INSTANCE_QUOTA;
  }

  private liveIn(regionId: string): number {
    return Object.values(this.instances).filter((i) => i.region === regionId).length;
  }

  /** all returns every instance that still exists, in every region (for the admin API). */
  all(): JdInstance[] {
    this.tick();
    return Object.values(this.instances).sort((a, b) => a.seq - b.seq);
  }
}

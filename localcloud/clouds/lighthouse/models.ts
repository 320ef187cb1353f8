import { randomBytes, randomUUID } from "crypto";
import type { EmulatorContext } from "../../emulator";
import { advance, schedule, type Scheduled } from "../../lifecycle";
import { apiError } from "./errors";
import {
  blueprints,
  bundles,
  defaultLimits,
  firewallTemplates,
  regions,
  type CatalogBlueprint,
  type CatalogBundle,
  type LighthouseLimits,
} from "./catalog";

/** Tag is a Lighthouse tag as its API spells it. */
export interface Tag {
  Key: string;
  Value: string;
}

/** StoredInstance is one instance in the API's own shape plus what only localcloud needs (region, schedule). */
export interface StoredInstance extends Scheduled {
  Region: string;
  InstanceId: string;
  Uuid: string;
  InstanceName: string;
  BundleId: string;
  BlueprintId: string;
  CPU: number;
  Memory: number;
  Zone: string;
  Tags: Tag[];
  InstanceChargeType: "PREPAID";
  RenewFlag: string;
  SystemDisk: { DiskType: string; DiskSize: number; DiskId: string };
  PrivateAddresses: string[];
  PublicAddresses: string[];
  PublicIpv6Addresses: string[];
  InternetAccessible: { InternetChargeType: string; InternetMaxBandwidthOut: number; PublicIpAssigned: boolean };
  LoginSettings: { KeyIds: string[] };
  PlatformType: string;
  Platform: string;
  OsName: string;
  InstanceState: string;
  InstanceRestrictState: string;
  LatestOperation: string | null;
  LatestOperationState: string | null;
  LatestOperationRequestId: string | null;
  LatestOperationStartedTime: string | null;
  IsolatedTime: string | null;
  CreatedTime: string;
  ExpiredTime: string;
  /** Set by TerminateInstances' last step; the next advance forgets the instance. */
  Removed?: boolean;
}

/** StoredSnapshot is one instance snapshot in the API's shape plus its region and instance. */
export interface StoredSnapshot extends Scheduled {
  Region: string;
  InstanceId: string;
  SnapshotId: string;
  DiskUsage: string;
  DiskId: string;
  DiskSize: number;
  SnapshotName: string;
  SnapshotState: string;
  Percent: number;
  LatestOperation: string;
  LatestOperationState: string;
  LatestOperationRequestId: string;
  CreatedTime: string;
  Tags: Tag[];
}

/** ContainerInput is one DockerContainerConfiguration of CreateInstances. */
export interface ContainerInput {
  ContainerImage: string;
  ContainerName?: string;
}

/** CreateInstancesInput is CreateInstances' parameters, typed by the wire layer. */
export interface CreateInstancesInput {
  bundleId: string;
  blueprintId: string;
  period: number;
  renewFlag?: string;
  instanceName?: string;
  instanceCount?: number;
  zones?: string[];
  dryRun?: boolean;
  clientToken?: string;
  login?: { autoGeneratePassword?: string; password?: string; keyIds?: string[] };
  containers?: ContainerInput[];
  autoVoucher?: boolean;
  firewallTemplateId?: string;
  tags?: Tag[];
}

/** FailedResource is one resource a Tag service call could not change, and why. */
export interface FailedResource {
  resource: string;
  code: string;
  message: string;
}

/** Filter is one DescribeInstances / DescribeSnapshots filter. */
export interface Filter {
  Name: string;
  Values: string[];
}

/** Page is an Offset/Limit request. */
export interface Page {
  offset?: number;
  limit?: number;
}

/** LighthouseState is everything the emulator keeps, as plain JSON in ctx.state. */
interface LighthouseState {
  instances: Record<string, StoredInstance>;
  snapshots: Record<string, StoredSnapshot>;
  /** `${region}/${token}` -> the InstanceIdSet that token created. */
  clientTokens: Record<string, string[]>;
  addressSeq: number;
  /** Overrides the instance quota of a region (set it in the state file, e.g. for a benchmark of 1,000 instances). */
  quotaPerRegion?: number;
}

/** Realistic durations at time scale 1 (ms). */
const DURATIONS = {
  launch: 30_000,
  publicIp: 3_000,
  launchFailure: 20_000,
  stop: 10_000,
  start: 10_000,
  reboot: 15_000,
  isolate: 10_000,
  terminate: 15_000,
  snapshot: 20_000,
};

const PERIODS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36, 48, 60];
const RENEW_FLAGS = ["NOTIFY_AND_AUTO_RENEW", "NOTIFY_AND_MANUAL_RENEW", "DISABLE_NOTIFY_AND_MANUAL_RENEW"];
const INSTANCE_FILTERS = ["instance-name", "private-ip-address", "public-ip-address", "zone", "instance-state", "tag-key", "tag-value", "bundle-id"];
const SNAPSHOT_FILTERS = ["snapshot-id", "disk-id", "snapshot-name", "instance-id", "tag-key", "tag-value"];
const ID = {
  instance: /^lhins-[a-z0-9]{8}$/,
  snapshot: /^lhsnap-[a-z0-9]{8}$/,
  blueprint: /^lhbp-[a-z0-9]{8}$/,
  keyPair: /^lhkp-[a-z0-9]{8}$/,
};
const TAG_CHARS = /^[\p{L}\p{N} +\-=._:/@]*$/u;
const PASSWORD_SPECIALS = "()`~!@#$%^&*-+=_|{}[]:;'<>,.?/";

function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function shortId(prefix: string): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return prefix + [...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join("");
}

function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
}

/** validateTags applies Tencent's tag rules: count, key 1-127 and value 1-255 characters of the allowed set, no reserved or repeated key. */
function validateTags(tags: Tag[], max: number): void {
  if (tags.length > max) throw apiError("InvalidParameterValue.LimitExceeded", `At most ${max} tags may be given; got ${tags.length}.`);
  const seen = new Set<string>();
  for (const { Key, Value } of tags) {
    if (Key.length === 0) throw apiError("InvalidParameterValue.TagKeyEmpty", "A tag key must not be empty.");
    if (Key.length > 127) throw apiError("InvalidParameterValue.TagKeyLengthExceeded", `The tag key \`${Key.slice(0, 20)}...\` is longer than 127 characters.`);
    if (!TAG_CHARS.test(Key)) throw apiError("InvalidParameterValue.TagKeyCharacterIllegal", `The tag key \`${Key}\` contains characters other than letters, digits, spaces and + - = . _ : / @.`);
    if (/^(qcloud|tencent|project)/i.test(Key)) throw apiError("InvalidParameterValue.ReservedTagKey", `The tag key \`${Key}\` starts with a reserved prefix (qcloud, tencent, project).`);
    if (seen.has(Key)) throw apiError("InvalidParameterValue.TagKeyDuplicate", `The tag key \`${Key}\` is given more than once.`);
    seen.add(Key);
    if (Value.length === 0 || Value.length > 255) throw apiError("InvalidParameterValue.TagValueLengthExceeded", `The value of tag \`${Key}\` must be 1-255 characters.`);
    if (!TAG_CHARS.test(Value)) throw apiError("InvalidParameterValue.TagValueCharacterIllegal", `The value of tag \`${Key}\` contains characters other than letters, digits, spaces and + - = . _ : / @.`);
  }
}

function checkWindowsPassword(password: string): void {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((r) => r.test(password)).length + ([...password].some((c) => PASSWORD_SPECIALS.includes(c)) ? 1 : 0);
  const allowed = [...password].every((c) => /[A-Za-z0-9]/.test(c) || PASSWORD_SPECIALS.includes(c));
  if (password.length < 12 || password.length > 30 || !allowed || password.startsWith("/") || classes < 3) {
    throw apiError(
      "InvalidParameterValue.InvalidPassword",
      "A WINDOWS password must be 12-30 characters without spaces, must not start with `/`, and must mix at least three of: lower-case letters, upper-case letters, digits, special characters.",
    );
  }
}

/** InstancePlan is what one new instance of a create is made of, once the request has passed every check. */
interface InstancePlan {
  region: string;
  input: CreateInstancesInput;
  bundle: CatalogBundle;
  bp: CatalogBlueprint;
  renewFlag: string;
  /** The stocked zones of the request; each instance lands in one of them at random. */
  zones: string[];
}

/** checkCreateScalars applies CreateInstances' rules on its plain values and tags; returns the renew flag and count it implies. */
function checkCreateScalars(input: CreateInstancesInput): { renewFlag: string; count: number } {
  if (!PERIODS.includes(input.period)) {
    throw apiError("InvalidParameterValue.OutOfRange", `\`InstanceChargePrepaid.Period\` must be one of ${PERIODS.join(", ")} (months); got ${input.period}.`);
  }
  const renewFlag = input.renewFlag ?? "NOTIFY_AND_MANUAL_RENEW";
  if (!RENEW_FLAGS.includes(renewFlag)) throw apiError("InvalidParameterValue", `\`InstanceChargePrepaid.RenewFlag\` must be one of ${RENEW_FLAGS.join(", ")}.`);
  if (input.instanceName !== undefined && input.instanceName.length > 60) {
    throw apiError("InvalidParameterValue.InstanceNameTooLong", "`InstanceName` must be at most 60 characters.");
  }
  const count = input.instanceCount ?? 1;
  if (count < 1 || count > 30) throw apiError("InvalidParameterValue.OutOfRange", `\`InstanceCount\` must be 1-30; got ${count}.`);
  if (input.clientToken !== undefined) {
    if (input.clientToken.length > 64) throw apiError("InvalidParameterValue.ClientTokenTooLong", "`ClientToken` must be at most 64 ASCII characters.");
    if (!/^[\x20-\x7e]*$/.test(input.clientToken)) throw apiError("InvalidParameterValue", "`ClientToken` must be ASCII.");
  }
  validateTags(input.tags ?? [], 10);
  return { renewFlag, count };
}

/** checkBundleFitsBlueprint refuses a sold-out bundle and one whose platform, memory or disk the blueprint cannot run on. */
function checkBundleFitsBlueprint(bundle: CatalogBundle, bp: CatalogBlueprint): void {
  if (bundle.BundleSalesState === "SOLD_OUT") throw apiError("ResourcesSoldOut.BundleSoldOut", `The bundle \`${bundle.BundleId}\` is sold out.`);
  const platformOk = bp.PlatformType === "WINDOWS" ? bundle.SupportWindowsPlatform : bundle.SupportLinuxUnixPlatform;
  if (!platformOk) {
    throw apiError("InvalidParameterValue.BundleNotSupportBlueprintPlatform", `The bundle \`${bundle.BundleId}\` does not support ${bp.PlatformType} blueprints.`);
  }
  if (bundle.Memory < bp.RequiredMemorySize || bundle.SystemDiskSize < bp.RequiredSystemDiskSize) {
    throw apiError(
      "InvalidParameterValue.BundleAndBlueprintNotMatch",
      `The blueprint \`${bp.BlueprintId}\` needs ${bp.RequiredMemorySize} GB memory and ${bp.RequiredSystemDiskSize} GB disk; bundle \`${bundle.BundleId}\` has ${bundle.Memory} GB and ${bundle.SystemDiskSize} GB.`,
    );
  }
}

/** checkContainers allows containers only on a Docker blueprint, each with its image. */
function checkContainers(containers: ContainerInput[] | undefined, bp: CatalogBlueprint): void {
  if (!containers?.length) return;
  if (!bp.DockerVersion) throw apiError("InvalidParameterValue.InvalidParameterCombination", `\`Containers\` need a Docker blueprint; \`${bp.BlueprintId}\` has no Docker.`);
  for (const c of containers) {
    if (!c.ContainerImage) throw apiError("MissingParameter", "The request is missing a required parameter `Containers.ContainerImage`.");
  }
}

/**
 * LighthouseModel is the emulated Lighthouse account: one method per API action, all state in ctx.state, every
 * rule of the API enforced here and reported by throwing LighthouseApiError. It never sees HTTP. Lifecycles are
 * scheduled at absolute times and applied lazily by `advanceAll` before every action.
 */
export class LighthouseModel {
  constructor(
    private readonly ctx: EmulatorContext,
    private readonly limits: LighthouseLimits = defaultLimits,
  ) {}

  private get state(): LighthouseState {
    const s = this.ctx.state as Partial<LighthouseState>;
    s.instances ??= {};
    s.snapshots ??= {};
    s.clientTokens ??= {};
    s.addressSeq ??= 0;
    return s as LighthouseState;
  }

  /** advanceAll applies every due transition and forgets terminated instances. */
  advanceAll(): void {
    const now = this.ctx.now();
    const st = this.state;
    let changed = false;
    for (const [id, inst] of Object.entries(st.instances)) {
      changed = advance(inst, now) || changed;
      if (inst.Removed) delete st.instances[id];
    }
    for (const snap of Object.values(st.snapshots)) changed = advance(snap, now) || changed;
    if (changed) this.ctx.save();
  }

  /** checkRegion refuses regions Lighthouse does not serve. */
  checkRegion(region: string | undefined): string {
    if (!region) throw apiError("MissingParameter", "The request is missing a required parameter `Region`.");
    if (!Object.hasOwn(regions, region)) throw apiError("AuthFailure.InvalidRegion", `The region \`${region}\` is not open for Lighthouse; choose one of ${Object.keys(regions).join(", ")}.`);
    return region;
  }

  /** getInstance returns an instance of the region or throws the API's not-found error. */
  getInstance(region: string, id: string): StoredInstance {
    const inst = this.state.instances[id];
    if (!inst || inst.Region !== region) throw apiError("ResourceNotFound.InstanceIdNotFound", `The instance ID \`${id}\` does not exist.`);
    return inst;
  }

  /** getSnapshot returns a snapshot of the region or throws the API's not-found error. */
  getSnapshot(region: string, id: string): StoredSnapshot {
    const snap = this.state.snapshots[id];
    if (!snap || snap.Region !== region) throw apiError("ResourceNotFound.SnapshotIdNotFound", `The snapshot ID \`${id}\` does not exist.`);
    return snap;
  }

  private instancesOf(region: string, ids: string[], max: number): StoredInstance[] {
    if (ids.length === 0) throw apiError("InvalidParameterValue", "`InstanceIds` must name at least one instance.");
    if (ids.length > max) throw apiError("InvalidParameterValue.LimitExceeded", `\`InstanceIds\` takes at most ${max} ids; got ${ids.length}.`);
    for (const id of ids) if (!ID.instance.test(id)) throw apiError("InvalidParameterValue.InstanceIdMalformed", `The instance ID \`${id}\` is malformed.`);
    if (new Set(ids).size !== ids.length) throw apiError("InvalidParameterValue.Duplicated", "`InstanceIds` contains the same ID more than once.");
    return ids.map((id) => this.getInstance(region, id));
  }

  private checkOperable(inst: StoredInstance, action: string, states: string[]): void {
    if (inst.InstanceState === "PENDING") throw apiError("OperationDenied.InstanceCreating", `The instance \`${inst.InstanceId}\` is being created; ${action} is not allowed yet.`);
    if (inst.LatestOperationState === "OPERATING") {
      throw apiError("UnsupportedOperation.LatestOperationUnfinished", `The latest operation (${inst.LatestOperation}) of instance \`${inst.InstanceId}\` has not finished.`);
    }
    if (!states.includes(inst.InstanceState)) {
      throw apiError("UnsupportedOperation.InvalidInstanceState", `The instance \`${inst.InstanceId}\` is ${inst.InstanceState}; ${action} needs ${states.join(" or ")}.`);
    }
  }

  private beginOperation(inst: StoredInstance, action: string, requestId: string, steps: Array<{ afterMs: number; set: Record<string, unknown> }>): void {
    const now = this.ctx.now();
    Object.assign(inst, {
      LatestOperation: action,
      LatestOperationState: "OPERATING",
      LatestOperationRequestId: requestId,
      LatestOperationStartedTime: isoTime(now),
    });
    schedule(inst, now, steps.map((s) => ({ afterMs: this.ctx.delay(s.afterMs), set: s.set })));
  }

  private findBundle(id: string): CatalogBundle {
    const b = bundles.find((x) => x.BundleId === id);
    if (!b) throw apiError("InvalidParameter.BundleIdNotFound", `The bundle ID \`${id}\` is not defined.`);
    return b;
  }

  private findBlueprint(id: string): CatalogBlueprint {
    if (!ID.blueprint.test(id)) throw apiError("InvalidParameterValue.BlueprintIdMalformed", `The blueprint ID \`${id}\` is malformed.`);
    const b = blueprints.find((x) => x.BlueprintId === id);
    if (!b) throw apiError("ResourceNotFound.BlueprintIdNotFound", `The blueprint ID \`${id}\` does not exist.`);
    return b;
  }

  private checkLogin(input: CreateInstancesInput, bp: CatalogBlueprint): void {
    const login = input.login;
    if (!login) return;
    const { autoGeneratePassword, password, keyIds } = login;
    if (autoGeneratePassword !== undefined && !["YES", "NO"].includes(autoGeneratePassword)) {
      throw apiError("InvalidParameterValue", "`LoginConfiguration.AutoGeneratePassword` must be YES or NO.");
    }
    if (password !== undefined && bp.PlatformType === "LINUX_UNIX") {
      throw apiError("UnsupportedOperation.InstanceLinuxUnixCreatingNotSupportPassword", `The blueprint \`${bp.BlueprintId}\` is LINUX_UNIX: a password cannot be set at creation; use KeyIds.`);
    }
    if (password !== undefined && keyIds?.length) throw apiError("InvalidParameter.ParameterConflict", "`Password` and `KeyIds` cannot be given together.");
    if (autoGeneratePassword === "YES" && password !== undefined) throw apiError("InvalidParameter.ParameterConflict", "`AutoGeneratePassword` YES and `Password` cannot be given together.");
    if (autoGeneratePassword === "NO" && password === undefined && !keyIds?.length) {
      throw apiError("MissingParameter", "The request is missing a required parameter `LoginConfiguration.Password` (AutoGeneratePassword is NO).");
    }
    if (password !== undefined) checkWindowsPassword(password);
    if (keyIds) {
      if (keyIds.length > 5) throw apiError("InvalidParameterValue.LimitExceeded", `\`LoginConfiguration.KeyIds\` takes at most 5 key ids; got ${keyIds.length}.`);
      for (const k of keyIds) if (!ID.keyPair.test(k)) throw apiError("InvalidParameterValue.KeyPairIdMalformed", `The key pair ID \`${k}\` is malformed.`);
      if (keyIds.length > 0 && bp.PlatformType === "WINDOWS") throw apiError("UnsupportedOperation.WindowsNotAllowToAssociateKeyPair", "WINDOWS instances cannot use key pairs.");
    }
  }

  private checkZones(region: string, zones: string[] | undefined, bundle: CatalogBundle): string[] {
    const all = regions[region];
    const chosen = zones && zones.length > 0 ? zones : all;
    for (const z of chosen) {
      if (!Object.values(regions).some((zs) => zs.includes(z))) throw apiError("InvalidParameterValue.ZoneInvalid", `The zone \`${z}\` does not exist.`);
      if (!all.includes(z)) throw apiError("InvalidParameterValue.InvalidZone", `The zone \`${z}\` is not in region ${region}.`);
    }
    const stocked = chosen.filter((z) => !bundle.noStockZones.includes(z));
    if (stocked.length === 0) throw apiError("ResourcesSoldOut.ZonesHasNoBundleConfigs", `The bundle \`${bundle.BundleId}\` is out of stock in ${chosen.join(", ")}.`);
    return stocked;
  }

  private countIn(region: string): number {
    return Object.values(this.state.instances).filter((i) => i.Region === region).length;
  }

  /** createInstances validates everything a dry run checks, then creates the instances (PENDING) and schedules their launch. */
  createInstances(region: string, input: CreateInstancesInput, requestId: string): string[] | undefined {
    const { renewFlag, count } = checkCreateScalars(input);
    const bundle = this.findBundle(input.bundleId);
    const bp = this.findBlueprint(input.blueprintId);
    checkBundleFitsBlueprint(bundle, bp);
    this.checkLogin(input, bp);
    checkContainers(input.containers, bp);
    if (input.firewallTemplateId !== undefined && !Object.hasOwn(firewallTemplates, input.firewallTemplateId)) {
      throw apiError("ResourceNotFound.FirewallTemplateNotFound", `The firewall template \`${input.firewallTemplateId}\` does not exist.`);
    }
    const zones = this.checkZones(region, input.zones, bundle);
    const st = this.state;
    const tokenKey = input.clientToken ? `${region}/${input.clientToken}` : undefined;
    if (tokenKey && st.clientTokens[tokenKey] && !input.dryRun) return st.clientTokens[tokenKey];
    this.checkQuota(region, count);
    if (input.dryRun) return undefined;

    const now = this.ctx.now();
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const inst = this.newInstance({ region, input, bundle, bp, renewFlag, zones }, now);
      this.launch(inst, this.nextAddresses(region, inst.Zone), requestId);
      st.instances[inst.InstanceId] = inst;
      ids.push(inst.InstanceId);
    }
    if (tokenKey) st.clientTokens[tokenKey] = ids;
    this.ctx.save();
    return ids;
  }

  private checkQuota(region: string, count: number): void {
    const quota = this.state.quotaPerRegion ?? this.limits.instancesPerRegion;
    if (this.countIn(region) + count > quota) {
      throw apiError(
        "LimitExceeded.InstanceQuotaLimitExceeded",
        `The instance quota of ${region} is ${quota}; ${this.countIn(region)} exist and ${count} more were asked for.`,
      );
    }
  }

  /** nextAddresses reserves the private and public IPv4 addresses of the next instance launched in a zone. */
  private nextAddresses(region: string, zone: string): { privateIp: string; publicIp: string } {
    const seq = ++this.state.addressSeq;
    const zoneIndex = regions[region].indexOf(zone) + 1;
    return {
      privateIp: `10.${zoneIndex}.${(seq >> 8) & 255}.${seq & 255}`,
      publicIp: `43.${136 + ((seq >> 16) & 7)}.${(seq >> 8) & 255}.${seq & 255}`,
    };
  }

  /** newInstance is one PENDING instance of a create in a random one of its zones, as DescribeInstances shows it before its launch. */
  private newInstance(plan: InstancePlan, now: number): StoredInstance {
    const { region, input, bundle, bp } = plan;
    const id = shortId("lhins-");
    const zone = plan.zones[Math.floor(Math.random() * plan.zones.length)];
    return {
      Region: region,
      InstanceId: id,
      Uuid: randomUUID(),
      InstanceName: input.instanceName ?? `${bp.DisplayTitle.split(" ")[0]}-${id.slice(-4).toUpperCase()}`,
      BundleId: bundle.BundleId,
      BlueprintId: bp.BlueprintId,
      CPU: bundle.CPU,
      Memory: bundle.Memory,
      Zone: zone,
      Tags: (input.tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value })),
      InstanceChargeType: "PREPAID",
      RenewFlag: plan.renewFlag,
      SystemDisk: { DiskType: bundle.SystemDiskType, DiskSize: bundle.SystemDiskSize, DiskId: shortId("lhdisk-") },
      PrivateAddresses: [],
      PublicAddresses: [],
      PublicIpv6Addresses: [],
      InternetAccessible: { InternetChargeType: bundle.InternetChargeType, InternetMaxBandwidthOut: bundle.InternetMaxBandwidthOut, PublicIpAssigned: false },
      LoginSettings: { KeyIds: input.login?.keyIds ?? [] },
      PlatformType: bp.PlatformType,
      Platform: bp.Platform,
      OsName: bp.OsName,
      InstanceState: "PENDING",
      InstanceRestrictState: "NORMAL",
      LatestOperation: null,
      LatestOperationState: null,
      LatestOperationRequestId: null,
      LatestOperationStartedTime: null,
      IsolatedTime: null,
      CreatedTime: isoTime(now),
      ExpiredTime: isoTime(addMonths(now, input.period)),
    };
  }

  /** launch schedules a new instance's way to RUNNING with its addresses, or to LAUNCH_FAILED when the fault is armed. */
  private launch(inst: StoredInstance, addresses: { privateIp: string; publicIp: string }, requestId: string): void {
    const fails = this.ctx.faults.take("launchFailure", "lighthouse", "CreateInstances");
    this.beginOperation(
      inst,
      "CreateInstances",
      requestId,
      fails
        ? [{ afterMs: DURATIONS.launchFailure, set: { InstanceState: "LAUNCH_FAILED", LatestOperationState: "FAILED" } }]
        : [
            { afterMs: DURATIONS.launch, set: { InstanceState: "RUNNING", PrivateAddresses: [addresses.privateIp] } },
            {
              afterMs: DURATIONS.launch + DURATIONS.publicIp,
              set: {
                PublicAddresses: [addresses.publicIp],
                InternetAccessible: { ...inst.InternetAccessible, PublicIpAssigned: true },
                LatestOperationState: "SUCCESS",
              },
            },
          ],
    );
  }
  /** describeInstances lists a region's instances by ids or filters (never both), newest first, one page at a time. */
  describeInstances(region: string, ids: string[] | undefined, filters: Filter[] | undefined, page: Page): { total: number; items: StoredInstance[] } {
    if (ids && filters) throw apiError("InvalidParameter.ParameterConflict", "`InstanceIds` and `Filters` cannot be given together.");
    if (ids) {
      if (ids.length > 100) throw apiError("InvalidParameterValue.LimitExceeded", `\`InstanceIds\` takes at most 100 ids; got ${ids.length}.`);
      for (const id of ids) if (!ID.instance.test(id)) throw apiError("InvalidParameterValue.InstanceIdMalformed", `The instance ID \`${id}\` is malformed.`);
    }
    checkFilters(filters ?? [], INSTANCE_FILTERS, 100);
    const all = Object.values(this.state.instances)
      .filter((i) => i.Region === region)
      .filter((i) => !ids || ids.includes(i.InstanceId))
      .filter((i) => (filters ?? []).every((f) => matchesInstance(i, f)))
      .sort((a, b) => (a.CreatedTime < b.CreatedTime ? 1 : a.CreatedTime > b.CreatedTime ? -1 : a.InstanceId.localeCompare(b.InstanceId)));
    return { total: all.length, items: paginate(all, page) };
  }

  /** modifyInstancesAttribute renames instances (the only attribute this emulator models). */
  modifyInstancesAttribute(region: string, ids: string[], name: string | undefined): void {
    if (name === undefined) throw apiError("InvalidParameter.MustSpecifyOneAttributeToModify", "Specify one attribute to modify (`InstanceName`).");
    if (name.length > 60) throw apiError("InvalidParameterValue.InstanceNameTooLong", "`InstanceName` must be at most 60 characters.");
    const insts = this.instancesOf(region, ids, 100);
    for (const inst of insts) {
      if (["SHUTDOWN", "TERMINATING", "DELETING"].includes(inst.InstanceState)) {
        throw apiError("UnsupportedOperation.InvalidInstanceState", `The instance \`${inst.InstanceId}\` is ${inst.InstanceState}; it cannot be renamed.`);
      }
    }
    for (const inst of insts) inst.InstanceName = name;
    this.ctx.save();
  }

  /** stopInstances: RUNNING -> STOPPING -> STOPPED. */
  stopInstances(region: string, ids: string[], stopType: string | undefined, requestId: string): void {
    if (stopType !== undefined && !["SOFT", "HARD", "SOFT_FIRST"].includes(stopType)) throw apiError("InvalidParameterValue", "`StopType` must be SOFT, HARD or SOFT_FIRST.");
    this.transition(region, ids, 100, "StopInstances", ["RUNNING"], "STOPPING", DURATIONS.stop, "STOPPED", requestId);
  }

  /** startInstances: STOPPED -> STARTING -> RUNNING. */
  startInstances(region: string, ids: string[], requestId: string): void {
    this.transition(region, ids, 100, "StartInstances", ["STOPPED"], "STARTING", DURATIONS.start, "RUNNING", requestId);
  }

  /** rebootInstances: RUNNING -> REBOOTING -> RUNNING. */
  rebootInstances(region: string, ids: string[], requestId: string): void {
    this.transition(region, ids, 100, "RebootInstances", ["RUNNING"], "REBOOTING", DURATIONS.reboot, "RUNNING", requestId);
  }

  /** isolateInstances returns instances (RUNNING, STOPPED or LAUNCH_FAILED) to the recycle bin: SHUTDOWN. */
  isolateInstances(region: string, ids: string[], requestId: string): void {
    const insts = this.instancesOf(region, ids, 20);
    for (const inst of insts) this.checkOperable(inst, "IsolateInstances", ["RUNNING", "STOPPED", "LAUNCH_FAILED"]);
    const at = this.ctx.now() + this.ctx.delay(DURATIONS.isolate);
    for (const inst of insts) {
      this.beginOperation(inst, "IsolateInstances", requestId, [
        { afterMs: DURATIONS.isolate, set: { InstanceState: "SHUTDOWN", LatestOperationState: "SUCCESS", IsolatedTime: isoTime(at) } },
      ]);
    }
    this.ctx.save();
  }

  /** terminateInstances destroys SHUTDOWN instances: TERMINATING, then gone from DescribeInstances. */
  terminateInstances(region: string, ids: string[], requestId: string): void {
    const insts = this.instancesOf(region, ids, 100);
    for (const inst of insts) this.checkOperable(inst, "TerminateInstances", ["SHUTDOWN"]);
    for (const inst of insts) {
      inst.InstanceState = "TERMINATING";
      this.beginOperation(inst, "TerminateInstances", requestId, [{ afterMs: DURATIONS.terminate, set: { Removed: true } }]);
    }
    this.ctx.save();
  }

  private transition(
    region: string,
    ids: string[],
    max: number,
    action: string,
    from: string[],
    during: string,
    ms: number,
    to: string,
    requestId: string,
  ): void {
    const insts = this.instancesOf(region, ids, max);
    for (const inst of insts) this.checkOperable(inst, action, from);
    for (const inst of insts) {
      inst.InstanceState = during;
      this.beginOperation(inst, action, requestId, [{ afterMs: ms, set: { InstanceState: to, LatestOperationState: "SUCCESS" } }]);
    }
    this.ctx.save();
  }

  /** createInstanceSnapshot snapshots an instance's system disk: CREATING, then NORMAL. */
  createInstanceSnapshot(region: string, instanceId: string, name: string | undefined, tags: Tag[], requestId: string): string {
    if (!ID.instance.test(instanceId)) throw apiError("InvalidParameterValue.InstanceIdMalformed", `The instance ID \`${instanceId}\` is malformed.`);
    if (name !== undefined && name.length > 60) throw apiError("InvalidParameterValue.SnapshotNameTooLong", "`SnapshotName` must be at most 60 characters.");
    validateTags(tags, 10);
    const inst = this.getInstance(region, instanceId);
    this.checkOperable(inst, "CreateInstanceSnapshot", ["RUNNING", "STOPPED"]);
    const snaps = Object.values(this.state.snapshots).filter((s) => s.Region === region);
    if (snaps.some((s) => s.InstanceId === instanceId && s.SnapshotState === "CREATING")) {
      throw apiError("UnsupportedOperation.SnapshotBusy", `A snapshot of \`${instanceId}\` is being created.`);
    }
    const quota = this.countIn(region) * this.limits.snapshotsPerInstance;
    if (snaps.length >= quota) throw apiError("LimitExceeded.SnapshotQuotaLimitExceeded", `The snapshot quota of ${region} (${quota}) is used up.`);
    const now = this.ctx.now();
    const snap: StoredSnapshot = {
      Region: region,
      InstanceId: instanceId,
      SnapshotId: shortId("lhsnap-"),
      DiskUsage: "SYSTEM_DISK",
      DiskId: inst.SystemDisk.DiskId,
      DiskSize: inst.SystemDisk.DiskSize,
      SnapshotName: name ?? `${inst.InstanceName}-snapshot`,
      SnapshotState: "CREATING",
      Percent: 0,
      LatestOperation: "CreateInstanceSnapshot",
      LatestOperationState: "OPERATING",
      LatestOperationRequestId: requestId,
      CreatedTime: isoTime(now),
      Tags: tags,
    };
    schedule(snap, now, [{ afterMs: this.ctx.delay(DURATIONS.snapshot), set: { SnapshotState: "NORMAL", Percent: 100, LatestOperationState: "SUCCESS" } }]);
    this.state.snapshots[snap.SnapshotId] = snap;
    this.ctx.save();
    return snap.SnapshotId;
  }

  /** describeSnapshots lists a region's snapshots by ids or filters (never both). */
  describeSnapshots(region: string, ids: string[] | undefined, filters: Filter[] | undefined, page: Page): { total: number; items: StoredSnapshot[] } {
    if (ids && filters) throw apiError("InvalidParameter.ParameterConflict", "`SnapshotIds` and `Filters` cannot be given together.");
    if (ids) {
      if (ids.length > 100) throw apiError("InvalidParameterValue.LimitExceeded", `\`SnapshotIds\` takes at most 100 ids; got ${ids.length}.`);
      for (const id of ids) if (!ID.snapshot.test(id)) throw apiError("InvalidParameterValue.SnapshotIdMalformed", `The snapshot ID \`${id}\` is malformed.`);
    }
    checkFilters(filters ?? [], SNAPSHOT_FILTERS, 5);
    const all = Object.values(this.state.snapshots)
      .filter((s) => s.Region === region)
      .filter((s) => !ids || ids.includes(s.SnapshotId))
      .filter((s) => (filters ?? []).every((f) => matchesSnapshot(s, f)))
      .sort((a, b) => (a.CreatedTime < b.CreatedTime ? 1 : a.CreatedTime > b.CreatedTime ? -1 : 0));
    return { total: all.length, items: paginate(all, page) };
  }

  /** deleteSnapshots deletes NORMAL snapshots (at most 10 a call); all or nothing. */
  deleteSnapshots(region: string, ids: string[]): void {
    if (ids.length === 0) throw apiError("InvalidParameterValue", "`SnapshotIds` must name at least one snapshot.");
    if (ids.length > 10) throw apiError("InvalidParameterValue.LimitExceeded", `\`SnapshotIds\` takes at most 10 ids; got ${ids.length}.`);
    for (const id of ids) if (!ID.snapshot.test(id)) throw apiError("InvalidParameterValue.SnapshotIdMalformed", `The snapshot ID \`${id}\` is malformed.`);
    const snaps = ids.map((id) => this.getSnapshot(region, id));
    for (const s of snaps) {
      if (s.SnapshotState !== "NORMAL") throw apiError("UnsupportedOperation.InvalidSnapshotState", `The snapshot \`${s.SnapshotId}\` is ${s.SnapshotState}; only NORMAL snapshots can be deleted.`);
    }
    for (const s of snaps) delete this.state.snapshots[s.SnapshotId];
    this.ctx.save();
  }

  /** describeBundles lists the catalogue's bundles. */
  describeBundles(ids: string[] | undefined, filters: Filter[] | undefined, page: Page): { total: number; items: CatalogBundle[] } {
    if (ids && filters) throw apiError("InvalidParameter.ParameterConflict", "`BundleIds` and `Filters` cannot be given together.");
    checkFilters(filters ?? [], ["bundle-id", "support-platform-type", "bundle-type", "bundle-state"], 100);
    const all = bundles.filter(
      (b) =>
        (!ids || ids.includes(b.BundleId)) &&
        (filters ?? []).every((f) => {
          const v = {
            "bundle-id": [b.BundleId],
            "support-platform-type": [...(b.SupportLinuxUnixPlatform ? ["LINUX_UNIX"] : []), ...(b.SupportWindowsPlatform ? ["WINDOWS"] : [])],
            "bundle-type": [b.BundleType],
            "bundle-state": [b.BundleSalesState],
          }[f.Name];
          return (v ?? []).some((x) => f.Values.includes(x));
        }),
    );
    return { total: all.length, items: paginate(all, page) };
  }

  /** describeBlueprints lists the catalogue's blueprints. */
  describeBlueprints(ids: string[] | undefined, filters: Filter[] | undefined, page: Page): { total: number; items: CatalogBlueprint[] } {
    if (ids && filters) throw apiError("InvalidParameter.ParameterConflict", "`BlueprintIds` and `Filters` cannot be given together.");
    for (const id of ids ?? []) if (!ID.blueprint.test(id)) throw apiError("InvalidParameterValue.BlueprintIdMalformed", `The blueprint ID \`${id}\` is malformed.`);
    checkFilters(filters ?? [], ["blueprint-id", "blueprint-type", "platform-type", "blueprint-name", "blueprint-state"], 100);
    const all = blueprints.filter(
      (b) =>
        (!ids || ids.includes(b.BlueprintId)) &&
        (filters ?? []).every((f) => {
          const v = {
            "blueprint-id": b.BlueprintId,
            "blueprint-type": b.BlueprintType,
            "platform-type": b.PlatformType,
            "blueprint-name": b.BlueprintName,
            "blueprint-state": b.BlueprintState,
          }[f.Name];
          return v !== undefined && f.Values.includes(v);
        }),
    );
    return { total: all.length, items: paginate(all, page) };
  }

  /**
   * tagResources (Tag service) sets tags on Lighthouse instances named by six-segment resource names; resources
   * that cannot be tagged are reported in FailedResources, as the Tag service does.
   */
  tagResources(resources: string[], tags: Tag[]): FailedResource[] {
    if (tags.length === 0) throw apiError("InvalidParameterValue", "`Tags` must name at least one tag.");
    validateTags(tags, 10);
    return this.eachResource(resources, (inst) => {
      const merged = new Map(inst.Tags.map((t) => [t.Key, t.Value]));
      for (const t of tags) merged.set(t.Key, t.Value);
      if (merged.size > 50) throw apiError("LimitExceeded.ResourceAttachedTags", "A resource carries at most 50 tags.");
      inst.Tags = [...merged].map(([Key, Value]) => ({ Key, Value }));
    });
  }

  /** unTagResources (Tag service) removes tag keys from Lighthouse instances. */
  unTagResources(resources: string[], keys: string[]): FailedResource[] {
    if (keys.length === 0) throw apiError("InvalidParameterValue", "`TagKeys` must name at least one key.");
    if (keys.length > 10) throw apiError("InvalidParameterValue.LimitExceeded", `\`TagKeys\` takes at most 10 keys; got ${keys.length}.`);
    return this.eachResource(resources, (inst) => {
      inst.Tags = inst.Tags.filter((t) => !keys.includes(t.Key));
    });
  }

  private eachResource(resources: string[], apply: (inst: StoredInstance) => void): FailedResource[] {
    if (resources.length === 0) throw apiError("InvalidParameterValue", "`ResourceList` must name at least one resource.");
    if (resources.length > 10) throw apiError("InvalidParameterValue.LimitExceeded", `\`ResourceList\` takes at most 10 resources; got ${resources.length}.`);
    const parsed = resources.map((r) => {
      const m = /^qcs::lighthouse:([a-z0-9-]+):uin\/(\d*):instance\/(\S+)$/.exec(r);
      if (!m) throw apiError("InvalidParameterValue.ResourceDescriptionError", `\`${r}\` is not a Lighthouse instance resource (qcs::lighthouse:{region}:uin/{uin}:instance/{id}).`);
      return { resource: r, region: m[1], id: m[3] };
    });
    const failed: FailedResource[] = [];
    for (const p of parsed) {
      try {
        apply(this.getInstance(p.region, p.id));
      } catch (err) {
        const e = err as { code: string; message: string };
        failed.push({ resource: p.resource, code: e.code, message: e.message });
      }
    }
    this.ctx.save();
    return failed;
  }

  /** instances is every instance that still exists, for the admin API. */
  instances(): StoredInstance[] {
    return Object.values(this.state.instances);
  }

  /** snapshots is every snapshot, for the admin API. */
  snapshots(): StoredSnapshot[] {
    return Object.values(this.state.snapshots);
  }
}

function checkFilters(filters: Filter[], names: string[], maxValues: number): void {
  if (filters.length > 10) throw apiError("InvalidParameterValue.LimitExceeded", `\`Filters\` takes at most 10 filters; got ${filters.length}.`);
  for (const f of filters) {
    if (!names.includes(f.Name) && !(f.Name.startsWith("tag:") && names.includes("tag-key"))) {
      throw apiError("InvalidParameter.InvalidFilterNotSupportedName", `The filter name \`${f.Name}\` is not supported; use one of ${names.join(", ")}${names.includes("tag-key") ? ", tag:<key>" : ""}.`);
    }
    if (f.Values.length > maxValues) throw apiError("InvalidParameter.FilterValueLimitExceeded", `The filter \`${f.Name}\` takes at most ${maxValues} values; got ${f.Values.length}.`);
  }
}

function matchesTags(tags: Tag[], f: Filter): boolean | undefined {
  if (f.Name === "tag-key") return tags.some((t) => f.Values.includes(t.Key));
  if (f.Name === "tag-value") return tags.some((t) => f.Values.includes(t.Value));
  if (f.Name.startsWith("tag:")) {
    const key = f.Name.slice(4);
    return tags.some((t) => t.Key === key && f.Values.includes(t.Value));
  }
  return undefined;
}

function matchesInstance(i: StoredInstance, f: Filter): boolean {
  const byTag = matchesTags(i.Tags, f);
  if (byTag !== undefined) return byTag;
  const values: Record<string, string[]> = {
    "instance-name": [i.InstanceName],
    "private-ip-address": i.PrivateAddresses,
    "public-ip-address": i.PublicAddresses,
    zone: [i.Zone],
    "instance-state": [i.InstanceState],
    "bundle-id": [i.BundleId],
  };
  return (values[f.Name] ?? []).some((v) => f.Values.includes(v));
}

function matchesSnapshot(s: StoredSnapshot, f: Filter): boolean {
  const byTag = matchesTags(s.Tags, f);
  if (byTag !== undefined) return byTag;
  const values: Record<string, string> = {
    "snapshot-id": s.SnapshotId,
    "disk-id": s.DiskId,
    "snapshot-name": s.SnapshotName,
    "instance-id": s.InstanceId,
  };
  return f.Values.includes(values[f.Name]);
}

function paginate<T>(items: T[], page: Page): T[] {
  const offset = page.offset ?? 0;
  const limit = page.limit ?? 20;
  if (offset < 0) throw apiError("InvalidParameterValue.Negative", "`Offset` must not be negative.");
  if (limit < 0 || limit > 100) throw apiError("InvalidParameterValue.OutOfRange", `\`Limit\` must be 0-100; got ${limit}.`);
  return items.slice(offset, offset + limit);
}

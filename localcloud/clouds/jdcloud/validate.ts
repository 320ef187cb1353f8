import { invalidArgument, outOfRange } from "./errors";

/**
 * The createInstances request checks that need no catalogue: presence, types, lengths, characters, enums, ranges and
 * the cross-field rules of the seed. Each failure throws the JdError the seed documents.
 */

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

/** CreateSpec is a validated createInstances request. */
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

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * field reads a body field the way coc-vm's server does: the exact key first, else a key equal but for case. The
 * official SDKs send camelCase (`instanceSpec`, `imageId`); the seed's own example writes `InstanceSpec` and `ImageId`,
 * and the server's messages name fields in that capitalised form, which is how a decoder that matches keys
 * regardless of case (Go's encoding/json) reports them.
 */
function field(parent: Obj, key: string): unknown {
  if (key in parent) return parent[key];
  const lower = key.toLowerCase();
  const match = Object.keys(parent).find((k) => k.toLowerCase() === lower);
  return match === undefined ? undefined : parent[match];
}

function obj(parent: Obj, key: string, path: string, required: boolean): Obj | undefined {
  const v = field(parent, key);
  if (v === undefined || v === null) {
    if (required) throw invalidArgument(`Parameter ${path} missing`);
    return undefined;
  }
  if (!isObj(v)) throw invalidArgument(`Parameter ${path} must be an object`);
  return v;
}

function str(parent: Obj, key: string, path: string, required: boolean): string | undefined {
  const v = field(parent, key);
  if (v === undefined || v === null || v === "") {
    if (required) throw invalidArgument(`Parameter ${path} missing`);
    return undefined;
  }
  if (typeof v !== "string") throw invalidArgument(`Parameter ${path} must be a string`);
  return v;
}

function int(parent: Obj, key: string, path: string): number | undefined {
  const v = field(parent, key);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v)) throw invalidArgument(`Parameter ${path} must be an integer`);
  return v;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], path: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw invalidArgument(`Parameter ${path} must be one of ${allowed.join(", ")}`);
  return value as T;
}

/** NAME_PATTERN: Chinese, digits, letters, `_`, `-`, `.`; 1-64 characters; not starting or ending with `.`. */
const NAME_PATTERN = /^[\u4e00-\u9fa5A-Za-z0-9_\-.]{1,64}$/;

/** validName says whether an instance name follows the seed's rule. */
export function validName(name: string): boolean {
  return NAME_PATTERN.test(name) && !name.startsWith(".") && !name.endsWith(".");
}

const PASSWORD_CHARS = /^[A-Za-z0-9!@$%^\-_=+[{}\]:,./?]+$/;
const KEYBOARD_LINES = ["qwertyuiop", "asdfghjkl", "zxcvbnm", "qaz", "wsx", "edc", "rfv", "tgb", "yhn", "ujm"];

function hasRun(s: string, line: string): boolean {
  for (let i = 0; i + 3 <= line.length; i++) {
    const run = line.slice(i, i + 3);
    if (s.includes(run) || s.includes([...run].reverse().join(""))) return true;
  }
  return false;
}

/**
 * passwordProblem names the first rule of the seed a password breaks, or undefined: 8-26 characters from digits,
 * letters and `!@$%^-_=+[{}]:,./?`; a digit, a lower-case letter and an upper-case letter or special character; no
 * run of three consecutive digits or letters (123, 987, abc, CBA) or keys (qaz, qwer); no "administrator" or "root",
 * reversed or not, nor any three consecutive characters of "administrator".
 */
export function passwordProblem(pw: string): string | undefined {
  if (pw.length < 8 || pw.length > 26) return "must be 8-26 characters";
  if (!PASSWORD_CHARS.test(pw)) return "may only contain digits, letters and !@$%^-_=+[{}]:,./?";
  if (!/[0-9]/.test(pw) || !/[a-z]/.test(pw) || !/[A-Z!@$%^\-_=+[{}\]:,./?]/.test(pw))
    return "must contain a digit, a lower-case letter, and an upper-case letter or special character";
  const lower = pw.toLowerCase();
  if (hasRun(lower, "0123456789") || hasRun(lower, "abcdefghijklmnopqrstuvwxyz")) return "must not contain consecutive digits or letters";
  if (KEYBOARD_LINES.some((line) => hasRun(lower, line))) return "must not contain consecutive keyboard keys";
  if (hasRun(lower, "administrator") || lower.includes("root") || lower.includes("toor"))
    return 'must not contain "Administrator" or "root" (or their parts and reverses)';
  return undefined;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function charge(spec: Obj | undefined, path: string): ChargeSpec {
  const c = spec ?? {};
  oneOf(str(c, "chargeMode", `${path}.ChargeMode`, false), ["prepaid_by_duration"] as const, `${path}.ChargeMode`);
  const unit = oneOf(str(c, "chargeUnit", `${path}.ChargeUnit`, false), ["month", "year"] as const, `${path}.ChargeUnit`) ?? "month";
  const duration = int(c, "chargeDuration", `${path}.ChargeDuration`) ?? 1;
  const max = unit === "month" ? 9 : 3;
  if (duration < 1 || duration > max) throw outOfRange(`${path}.ChargeDuration out of range: [1-${max}] for chargeUnit ${unit}`);
  const autoRenew = field(c, "autoRenew") ?? false;
  if (typeof autoRenew !== "boolean") throw invalidArgument(`Parameter ${path}.AutoRenew must be a boolean`);
  return { chargeMode: "prepaid_by_duration", chargeUnit: unit, chargeDuration: duration, autoRenew };
}

function disk(d: unknown, path: string): DiskSpec {
  if (!isObj(d)) throw invalidArgument(`Parameter ${path} must be an object`);
  return { diskType: str(d, "diskType", `${path}.DiskType`, true) as string, diskSizeGB: int(d, "diskSizeGB", `${path}.DiskSizeGB`) };
}

/** validateCreate reads a createInstances body, applying defaults; throws the first JdError it meets. */
export function validateCreate(body: unknown): CreateSpec {
  if (!isObj(body)) throw invalidArgument("Request body must be a JSON object");
  const spec = obj(body, "instanceSpec", "InstanceSpec", true) as Obj;
  const maxCount = int(body, "maxCount", "MaxCount") ?? 1;
  if (maxCount < 1 || maxCount > 100) throw outOfRange("Maxcount out of range");
  const clientToken = str(body, "clientToken", "ClientToken", false);
  if (clientToken !== undefined && clientToken.length > 64) throw invalidArgument("Parameter ClientToken must not exceed 64 characters");

  const az = str(spec, "az", "InstanceSpec.Az", true) as string;
  const instanceType = str(spec, "instanceType", "InstanceSpec.InstanceType", true) as string;
  const imageId = str(spec, "imageId", "InstanceSpec.ImageId", true) as string;
  const name = str(spec, "name", "InstanceSpec.Name", true) as string;
  if (!validName(name))
    throw invalidArgument(
      "Invalid InstanceSpec.Name: 1-64 characters of Chinese, digits, letters, '_', '-' or '.', not starting or ending with '.'",
    );
  const description = str(spec, "description", "InstanceSpec.Description", false) ?? "";
  if (description.length > 256) throw invalidArgument("Parameter InstanceSpec.Description must not exceed 256 characters");

  const password = str(spec, "password", "InstanceSpec.Password", false);
  const keyName = str(spec, "keyName", "InstanceSpec.KeyName", false);
  const passwordAuth = oneOf(str(spec, "passwordAuth", "InstanceSpec.PasswordAuth", false), ["yes", "no"] as const, "InstanceSpec.PasswordAuth") ?? "yes";
  if (password !== undefined && keyName !== undefined) throw invalidArgument("Password and KeyName cannot be specified at the same time");
  if (passwordAuth === "no" && keyName === undefined) throw invalidArgument("KeyName is required when PasswordAuth is no");
  if (password !== undefined && passwordProblem(password)) throw invalidArgument("Invalid password");

  const nic = obj(spec, "primaryNetworkInterface", "InstanceSpec.PrimaryNetworkInterface", true) as Obj;
  const nicPath = "InstanceSpec.PrimaryNetworkInterface";
  const vpcId = str(nic, "vpcId", `${nicPath}.VpcId`, true) as string;
  const subnetId = str(nic, "subnetId", `${nicPath}.SubnetId`, true) as string;
  const ip = str(nic, "ip", `${nicPath}.Ip`, false);
  if (ip !== undefined && !IPV4.test(ip)) throw invalidArgument(`Parameter ${nicPath}.Ip must be an IPv4 address`);
  if (ip !== undefined && maxCount !== 1) throw invalidArgument("MaxCount must be 1 when PrimaryNetworkInterface.Ip is specified");
  const groups = field(nic, "securityGroups");
  if (groups === undefined || groups === null || (Array.isArray(groups) && groups.length === 0))
    throw invalidArgument(`Parameter ${nicPath}.SecurityGroups missing`);
  if (!Array.isArray(groups)) throw invalidArgument(`Parameter ${nicPath}.SecurityGroups must be an array`);
  if (groups.length > 5) throw outOfRange(`${nicPath}.SecurityGroups out of range: at most 5`);
  const securityGroups = groups.map((g, i) => {
    if (!isObj(g)) throw invalidArgument(`Parameter ${nicPath}.SecurityGroups.${i + 1} must be an object`);
    return {
      groupId: str(g, "groupId", `${nicPath}.SecurityGroups.${i + 1}.GroupId`, true) as string,
      groupName: str(g, "groupName", `${nicPath}.SecurityGroups.${i + 1}.GroupName`, false),
    };
  });

  const systemDisk = disk(obj(spec, "systemDisk", "InstanceSpec.SystemDisk", true), "InstanceSpec.SystemDisk");
  const rawData = field(spec, "dataDisks") ?? [];
  if (!Array.isArray(rawData)) throw invalidArgument("Parameter InstanceSpec.DataDisks must be an array");
  const dataDisks = rawData.map((d, i) => disk(d, `InstanceSpec.DataDisks.${i + 1}`));

  const instanceCharge = charge(obj(spec, "charge", "InstanceSpec.Charge", false), "InstanceSpec.Charge");
  const eipSpec = obj(spec, "elasticIpSpec", "InstanceSpec.ElasticIpSpec", false);
  let elasticIp: CreateSpec["elasticIp"];
  if (eipSpec) {
    const p = "InstanceSpec.ElasticIpSpec";
    const sizeMbps = int(eipSpec, "sizeMbps", `${p}.SizeMbps`);
    if (sizeMbps === undefined) throw invalidArgument(`Parameter ${p}.SizeMbps missing`);
    if (sizeMbps < 1 || sizeMbps > 200) throw outOfRange(`${p}.SizeMbps out of range: [1-200]`);
    oneOf(str(eipSpec, "provider", `${p}.Provider`, true), ["bgp"] as const, `${p}.Provider`);
    oneOf(str(eipSpec, "chargePlan", `${p}.ChargePlan`, false), ["bandwidth"] as const, `${p}.ChargePlan`);
    const eipCharge = charge(eipSpec, p);
    const unitGiven = field(eipSpec, "chargeUnit") !== undefined;
    const durationGiven = field(eipSpec, "chargeDuration") !== undefined;
    if ((unitGiven && eipCharge.chargeUnit !== instanceCharge.chargeUnit) || (durationGiven && eipCharge.chargeDuration !== instanceCharge.chargeDuration))
      throw invalidArgument(`${p} charge must be the same as the instance's charge`);
    elasticIp = { sizeMbps };
  }

  return {
    maxCount,
    clientToken,
    az,
    instanceType,
    imageId,
    name,
    description,
    password,
    keyName,
    passwordAuth,
    elasticIp,
    vpcId,
    subnetId,
    ip,
    securityGroups,
    systemDisk,
    dataDisks,
    charge: instanceCharge,
  };
}

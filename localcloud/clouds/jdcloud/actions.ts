import type { EmulatorRequest } from "../../emulator";
import { invalidArgument, outOfRange } from "./errors";
import type { ChargeSpec, CreateSpec, DescribeQuery, DiskSpec, InstanceAttributes, JdcloudModel } from "./models";
import {
  parseBody,
  renderImage,
  renderInstance,
  renderInstanceStatus,
  renderInstanceType,
  renderSubnet,
  renderVpc,
  type JdRoute,
} from "./wire";

/*
 * Reading coc-vm requests into typed parameters: the query's paging, 1-based filters and lists, and the JSON bodies
 * of createInstances and modifyInstanceAttribute with every rule that needs no catalogue (presence, types, lengths,
 * characters, enums, ranges and the cross-field rules of the seed). Each failure throws the JdError the seed
 * documents; the model checks the rest.
 */

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
function validName(name: string): boolean {
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
function passwordProblem(pw: string): string | undefined {
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

function intParam(q: URLSearchParams, name: string, fallback: number): number {
  const v = q.get(name);
  if (v === null || v === "") return fallback;
  if (!/^-?\d+$/.test(v)) throw invalidArgument(`Parameter ${name} must be an integer`);
  return Number(v);
}

const FILTERS: Record<string, keyof DescribeQuery> = { instanceId: "instanceIds", name: "names", status: "statuses", az: "azs" };

/** parsePaging reads pageNumber and pageSize with their defaults. */
function parsePaging(q: URLSearchParams): { pageNumber: number; pageSize: number } {
  return { pageNumber: intParam(q, "pageNumber", 1), pageSize: intParam(q, "pageSize", 20) };
}

/** parseFilters reads the 1-based filters (`filters.1.name=az&filters.1.values.1=cn-north-1a`), refusing names not in `allowed`. */
function parseFilters(q: URLSearchParams, allowed: readonly string[]): Record<string, string[]> {
  const filters = new Map<string, { name?: string; values: Array<[number, string]> }>();
  for (const [key, value] of q) {
    const m = /^filters\.(\d+)\.(name|operator|values\.(\d+))$/.exec(key);
    if (!m) continue;
    const f = filters.get(m[1]) ?? { values: [] };
    if (m[2] === "name") f.name = value;
    else if (m[3] !== undefined) f.values.push([Number(m[3]), value]);
    else if (value !== "eq" && value !== "in") throw invalidArgument(`Unsupported filter operator '${value}'`);
    filters.set(m[1], f);
  }
  const out: Record<string, string[]> = {};
  for (const f of filters.values()) {
    if (!f.name) throw invalidArgument("Parameter Filters.Name missing");
    if (!allowed.includes(f.name)) throw invalidArgument(`Unsupported filter '${f.name}'`);
    out[f.name] = [...(out[f.name] ?? []), ...f.values.sort((a, b) => a[0] - b[0]).map(([, v]) => v)];
  }
  return out;
}

/** parseList reads a 1-based list parameter (`ids.1=img-a&ids.2=img-b`), or undefined when absent. */
function parseList(q: URLSearchParams, name: string): string[] | undefined {
  const items: Array<[number, string]> = [];
  for (const [key, value] of q) {
    const m = new RegExp(`^${name}\\.(\\d+)$`).exec(key);
    if (m) items.push([Number(m[1]), value]);
  }
  return items.length > 0 ? items.sort((a, b) => a[0] - b[0]).map(([, v]) => v) : undefined;
}

/** parseDescribeQuery reads describeInstances' paging and filters (instanceId, name, status, az). */
export function parseDescribeQuery(q: URLSearchParams): DescribeQuery {
  const filters = parseFilters(q, Object.keys(FILTERS));
  const out: DescribeQuery = parsePaging(q);
  for (const [name, values] of Object.entries(filters)) (out as unknown as Record<string, string[]>)[FILTERS[name]] = values;
  return out;
}


/** readCount reads maxCount and clientToken, the body's top-level members. */
function readCount(body: Obj): Pick<CreateSpec, "maxCount" | "clientToken"> {
  const maxCount = int(body, "maxCount", "MaxCount") ?? 1;
  if (maxCount < 1 || maxCount > 100) throw outOfRange("Maxcount out of range");
  const clientToken = str(body, "clientToken", "ClientToken", false);
  if (clientToken !== undefined && clientToken.length > 64) throw invalidArgument("Parameter ClientToken must not exceed 64 characters");
  return { maxCount, clientToken };
}

/** readMachine reads what the instance is: zone, type, image, name and description. */
function readMachine(spec: Obj): Pick<CreateSpec, "az" | "instanceType" | "imageId" | "name" | "description"> {
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
  return { az, instanceType, imageId, name, description };
}

/** readLogin reads the password or key pair and whether password login stays allowed. */
function readLogin(spec: Obj): Pick<CreateSpec, "password" | "keyName" | "passwordAuth"> {
  const password = str(spec, "password", "InstanceSpec.Password", false);
  const keyName = str(spec, "keyName", "InstanceSpec.KeyName", false);
  const passwordAuth = oneOf(str(spec, "passwordAuth", "InstanceSpec.PasswordAuth", false), ["yes", "no"] as const, "InstanceSpec.PasswordAuth") ?? "yes";
  if (password !== undefined && keyName !== undefined) throw invalidArgument("Password and KeyName cannot be specified at the same time");
  if (passwordAuth === "no" && keyName === undefined) throw invalidArgument("KeyName is required when PasswordAuth is no");
  if (password !== undefined && passwordProblem(password)) throw invalidArgument("Invalid password");
  return { password, keyName, passwordAuth };
}

const NIC_PATH = "InstanceSpec.PrimaryNetworkInterface";

/** readNetwork reads the primary network interface: VPC, subnet, fixed IP and 1-5 security groups. */
function readNetwork(spec: Obj, maxCount: number): Pick<CreateSpec, "vpcId" | "subnetId" | "ip" | "securityGroups"> {
  const nic = obj(spec, "primaryNetworkInterface", NIC_PATH, true) as Obj;
  const vpcId = str(nic, "vpcId", `${NIC_PATH}.VpcId`, true) as string;
  const subnetId = str(nic, "subnetId", `${NIC_PATH}.SubnetId`, true) as string;
  const ip = str(nic, "ip", `${NIC_PATH}.Ip`, false);
  if (ip !== undefined && !IPV4.test(ip)) throw invalidArgument(`Parameter ${NIC_PATH}.Ip must be an IPv4 address`);
  if (ip !== undefined && maxCount !== 1) throw invalidArgument("MaxCount must be 1 when PrimaryNetworkInterface.Ip is specified");
  const groups = field(nic, "securityGroups");
  if (groups === undefined || groups === null || (Array.isArray(groups) && groups.length === 0))
    throw invalidArgument(`Parameter ${NIC_PATH}.SecurityGroups missing`);
  if (!Array.isArray(groups)) throw invalidArgument(`Parameter ${NIC_PATH}.SecurityGroups must be an array`);
  if (groups.length > 5) throw outOfRange(`${NIC_PATH}.SecurityGroups out of range: at most 5`);
  const securityGroups = groups.map((g, i) => {
    if (!isObj(g)) throw invalidArgument(`Parameter ${NIC_PATH}.SecurityGroups.${i + 1} must be an object`);
    return {
      groupId: str(g, "groupId", `${NIC_PATH}.SecurityGroups.${i + 1}.GroupId`, true) as string,
      groupName: str(g, "groupName", `${NIC_PATH}.SecurityGroups.${i + 1}.GroupName`, false),
    };
  });
  return { vpcId, subnetId, ip, securityGroups };
}

/** readDisks reads the system disk and the data disks. */
function readDisks(spec: Obj): Pick<CreateSpec, "systemDisk" | "dataDisks"> {
  const systemDisk = disk(obj(spec, "systemDisk", "InstanceSpec.SystemDisk", true), "InstanceSpec.SystemDisk");
  const rawData = field(spec, "dataDisks") ?? [];
  if (!Array.isArray(rawData)) throw invalidArgument("Parameter InstanceSpec.DataDisks must be an array");
  return { systemDisk, dataDisks: rawData.map((d, i) => disk(d, `InstanceSpec.DataDisks.${i + 1}`)) };
}

/** readElasticIp reads the elastic IP request, whose charge, when given, must be the instance's. */
function readElasticIp(spec: Obj, instanceCharge: ChargeSpec): CreateSpec["elasticIp"] {
  const eipSpec = obj(spec, "elasticIpSpec", "InstanceSpec.ElasticIpSpec", false);
  if (!eipSpec) return undefined;
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
  return { sizeMbps };
}

/** readCreate reads a createInstances body, applying defaults; throws the first JdError it meets. */
export function readCreate(body: unknown): CreateSpec {
  if (!isObj(body)) throw invalidArgument("Request body must be a JSON object");
  const spec = obj(body, "instanceSpec", "InstanceSpec", true) as Obj;
  const count = readCount(body);
  const machine = readMachine(spec);
  const login = readLogin(spec);
  const network = readNetwork(spec, count.maxCount);
  const disks = readDisks(spec);
  const instanceCharge = charge(obj(spec, "charge", "InstanceSpec.Charge", false), "InstanceSpec.Charge");
  const elasticIp = readElasticIp(spec, instanceCharge);
  return { ...count, ...machine, ...login, elasticIp, ...network, ...disks, charge: instanceCharge };
}

/** readAttributes reads a modifyInstanceAttribute body: a valid name and a description of at most 256 characters. */
export function readAttributes(body: unknown): InstanceAttributes {
  const b = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  if (b.name !== undefined) {
    if (typeof b.name !== "string" || !validName(b.name))
      throw invalidArgument("Invalid Name: 1-64 characters of Chinese, digits, letters, '_', '-' or '.', not starting or ending with '.'");
  }
  if (b.description !== undefined && (typeof b.description !== "string" || b.description.length > 256))
    throw invalidArgument("Parameter Description must be a string of at most 256 characters");
  return { ...(typeof b.name === "string" ? { name: b.name } : {}), ...(typeof b.description === "string" ? { description: b.description } : {}) };
}

/** Action reads one operation's parameters from its route and request, calls the model and answers the `result`. */
export type Action = (model: JdcloudModel, route: JdRoute, req: EmulatorRequest) => unknown;

const id = (route: JdRoute): string => route.instanceId ?? "";

/** actions are the coc-vm operations localcloud serves, by the name routeOf gives them. */
export const actions: Record<string, Action> = {
  createInstances(model, route, req) {
    const body = parseBody(req);
    model.checkRegion(route.regionId);
    return { instanceIds: model.createInstances(route.regionId, readCreate(body)) };
  },
  describeInstances(model, route, req) {
    const { items, totalCount } = model.describeInstances(route.regionId, parseDescribeQuery(req.query));
    return { instances: items.map(renderInstance), totalCount };
  },
  describeInstanceStatus(model, route, req) {
    const { items, totalCount } = model.describeInstances(route.regionId, parseDescribeQuery(req.query));
    return { instanceStatuses: items.map(renderInstanceStatus), totalCount };
  },
  describeInstance: (model, route) => ({ instance: renderInstance(model.getInstance(route.regionId, id(route))) }),
  deleteInstance(model, route) {
    model.deleteInstance(route.regionId, id(route));
    return {};
  },
  modifyInstanceAttribute(model, route, req) {
    const body = parseBody(req);
    model.getInstance(route.regionId, id(route));
    model.modifyInstanceAttribute(route.regionId, id(route), readAttributes(body));
    return {};
  },
  startInstance(model, route) {
    model.startInstance(route.regionId, id(route));
    return {};
  },
  stopInstance(model, route) {
    model.stopInstance(route.regionId, id(route));
    return {};
  },
  rebootInstance(model, route) {
    model.rebootInstance(route.regionId, id(route));
    return {};
  },
  describeInstanceTypes(model, route, req) {
    const { types, azs } = model.describeInstanceTypes(route.regionId, parseFilters(req.query, ["instanceTypes", "az"]));
    return { instanceTypes: types.map((t) => renderInstanceType(t, azs)), totalCount: types.length };
  },
  describeImages(model, route, req) {
    const { items, totalCount } = model.describeImages(route.regionId, {
      ...parsePaging(req.query),
      ids: parseList(req.query, "ids"),
      imageSource: req.query.get("imageSource") ?? undefined,
      platform: req.query.get("platform") ?? undefined,
      imageName: req.query.get("imageName") ?? undefined,
      status: req.query.get("status") ?? undefined,
    });
    return { images: items.map(renderImage), totalCount };
  },
  describeImage: (model, route) => ({ image: renderImage(model.describeImage(route.regionId, route.imageId ?? "")) }),
  describeUsage(model, route, req) {
    const { limit, used } = model.describeUsage(route.regionId, parseFilters(req.query, ["resourceTypes"]));
    return { quotas: [{ resourceType: "instance", limit, used }] };
  },
  describeVpcs(model, route, req) {
    const { items, totalCount } = model.describeVpcs(route.regionId, parseFilters(req.query, ["vpcIds", "vpcNames"]), parsePaging(req.query));
    return { vpcs: items.map(renderVpc), totalCount };
  },
  describeSubnets(model, route, req) {
    const filters = parseFilters(req.query, ["subnetIds", "subnetNames", "vpcId"]);
    const { items, totalCount } = model.describeSubnets(route.regionId, filters, parsePaging(req.query));
    return { subnets: items.map(renderSubnet), totalCount };
  },
};


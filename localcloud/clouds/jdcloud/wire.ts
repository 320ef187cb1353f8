import type { EmulatorRequest, EmulatorResponse } from "../../emulator";
import { invalidArgument, JdError } from "./errors";
import type { DescribeQuery } from "./models";

/** JdRoute is a request mapped to an operation with its path parameters. */
export interface JdRoute {
  operation: string;
  regionId: string;
  instanceId?: string;
  imageId?: string;
}

const ACTIONS = ["modifyInstanceAttribute", "startInstance", "stopInstance", "rebootInstance"];

/** CATALOG_LISTS are the region's catalogue collections, each a GET of `/v1/regions/{regionId}/<name>`. */
const CATALOG_LISTS: Record<string, string> = {
  instanceTypes: "describeInstanceTypes",
  images: "describeImages",
  usage: "describeUsage",
  vpcs: "describeVpcs",
  subnets: "describeSubnets",
};

/** routeOf maps a coc-vm path and method to an operation; `unknownOperation` for other paths under /v1/regions/. */
export function routeOf(method: string, rawPath: string): JdRoute | undefined {
  if (!rawPath.startsWith("/v1/regions/")) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    path = rawPath;
  }
  const parts = path.split("/").filter((p) => p !== "");
  const regionId = parts[2] ?? "";
  const unknown = { operation: "unknownOperation", regionId };
  if (parts.length === 4 && parts[3] === "instanceStatus") return method === "GET" ? { operation: "describeInstanceStatus", regionId } : unknown;
  if (parts.length === 4 && CATALOG_LISTS[parts[3]]) return method === "GET" ? { operation: CATALOG_LISTS[parts[3]], regionId } : unknown;
  if (parts.length === 5 && parts[3] === "images") return method === "GET" ? { operation: "describeImage", regionId, imageId: parts[4] } : unknown;
  if (parts[3] !== "instances") return unknown;
  if (parts.length === 4) {
    if (method === "GET") return { operation: "describeInstances", regionId };
    if (method === "POST") return { operation: "createInstances", regionId };
    return unknown;
  }
  if (parts.length !== 5) return unknown;
  const [instanceId, action] = parts[4].split(":");
  if (action === undefined) {
    if (method === "GET") return { operation: "describeInstance", regionId, instanceId };
    if (method === "DELETE") return { operation: "deleteInstance", regionId, instanceId };
    return unknown;
  }
  return method === "POST" && ACTIONS.includes(action) ? { operation: action, regionId, instanceId } : unknown;
}

function intParam(q: URLSearchParams, name: string, fallback: number): number {
  const v = q.get(name);
  if (v === null || v === "") return fallback;
  if (!/^-?\d+$/.test(v)) throw invalidArgument(`Parameter ${name} must be an integer`);
  return Number(v);
}

const FILTERS: Record<string, keyof DescribeQuery> = { instanceId: "instanceIds", name: "names", status: "statuses", az: "azs" };

/** parsePaging reads pageNumber and pageSize with their defaults. */
export function parsePaging(q: URLSearchParams): { pageNumber: number; pageSize: number } {
  return { pageNumber: intParam(q, "pageNumber", 1), pageSize: intParam(q, "pageSize", 20) };
}

/** parseFilters reads the 1-based filters (`filters.1.name=az&filters.1.values.1=cn-north-1a`), refusing names not in `allowed`. */
export function parseFilters(q: URLSearchParams, allowed: readonly string[]): Record<string, string[]> {
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
export function parseList(q: URLSearchParams, name: string): string[] | undefined {
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

/** parseBody reads a JSON body; an empty body is an empty object. */
export function parseBody(req: EmulatorRequest): unknown {
  if (req.body.trim() === "") return {};
  try {
    return JSON.parse(req.body);
  } catch {
    throw invalidArgument("Request body is not valid JSON");
  }
}

/** jdRequestId turns a UUID into JD's 32-character request id. */
export function jdRequestId(uuid: string): string {
  return uuid.replace(/-/g, "").toLowerCase();
}

/** renderResult is the success envelope. */
export function renderResult(requestId: string, result: unknown): EmulatorResponse {
  return { status: 200, headers: { "x-jdcloud-request-id": requestId }, body: JSON.stringify({ requestId, result }) };
}

/** renderError is the one error envelope: `{"requestId","error":{"code":<HTTP status>,"status","message"}}`. */
export function renderError(requestId: string, err: JdError): EmulatorResponse {
  return {
    status: err.httpStatus,
    headers: { "x-jdcloud-request-id": requestId },
    body: JSON.stringify({ requestId, error: { code: err.httpStatus, status: err.status, message: err.message } }),
  };
}

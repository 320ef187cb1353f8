import type { EmulatorRequest, EmulatorResponse } from "../../emulator";
import { invalidArgument, JdError } from "./errors";
import type { DescribeQuery } from "./models";

/** JdRoute is a request mapped to an operation with its path parameters. */
export interface JdRoute {
  operation: string;
  regionId: string;
  instanceId?: string;
}

const ACTIONS = ["modifyInstanceAttribute", "startInstance", "stopInstance", "rebootInstance"];

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

/** parseDescribeQuery reads paging and the 1-based filters (`filters.1.name=instanceId&filters.1.values.1=i-a`). */
export function parseDescribeQuery(q: URLSearchParams): DescribeQuery {
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
  const out: DescribeQuery = { pageNumber: intParam(q, "pageNumber", 1), pageSize: intParam(q, "pageSize", 20) };
  for (const f of filters.values()) {
    if (!f.name) throw invalidArgument("Parameter Filters.Name missing");
    const field = FILTERS[f.name];
    if (!field) throw invalidArgument(`Unsupported filter '${f.name}'`);
    const values = f.values.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
    const lists = out as unknown as Record<string, string[] | undefined>;
    lists[field] = [...(lists[field] ?? []), ...values];
  }
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

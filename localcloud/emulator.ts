import type { FaultBook } from "./faults";

/** CloudName of an emulated API (the same four clouds the provider manages). */
export type EmulatedCloud = "lightsail" | "lighthouse" | "zenlayer" | "jdcloud";

/** EmulatorRequest is one HTTP request as an emulator sees it: header names lower-case, body as received. */
export interface EmulatorRequest {
  method: string;
  /** The path without the query, e.g. `/` or `/v1/regions/cn-north-1/instances`. */
  path: string;
  /** The raw query string without `?` (signers canonicalise it themselves). */
  rawQuery: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: string;
}

/** EmulatorResponse is what an emulator answers. */
export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

/** AdminInstance is one instance in the admin listing, the same shape for every cloud. */
export interface AdminInstance {
  cloud: EmulatedCloud;
  region: string;
  id: string;
  name: string;
  state: string;
  publicIp?: string;
  privateIp?: string;
  tags: Record<string, string>;
}

/** AdminSnapshot is one snapshot in the admin listing. */
export interface AdminSnapshot {
  cloud: EmulatedCloud;
  region: string;
  id: string;
  name: string;
  state: string;
}

/**
 * EmulatorContext is what the server lends an emulator: time, scaled lifecycle delays, credentials, request ids,
 * the fault book and a persistent state section that survives restarts.
 */
export interface EmulatorContext {
  /** Current time in epoch ms. */
  now(): number;
  /** Scales a lifecycle duration (ms of real-cloud time) by the configured time scale. */
  delay(ms: number): number;
  /** Known access keys and their secrets (the same pairs serve every cloud); STS adds the keys it issues. */
  credentials: Map<string, string>;
  /** A fresh request id in UUID form. */
  requestId(): string;
  faults: FaultBook;
  /** This cloud's persistent state: a plain JSON object the emulator owns. Call save() after changing it. */
  state: Record<string, unknown>;
  save(): void;
}

/**
 * CloudEmulator is one cloud's API in localcloud: routing, authentication, rate limits, its error envelope and its
 * operations. State lives in `ctx.state` and changes only through `handle`; lifecycles advance lazily by time.
 */
export interface CloudEmulator {
  readonly cloud: EmulatedCloud;
  /** The operation name when this request is for this cloud, else undefined. */
  route(req: EmulatorRequest): string | undefined;
  /** Checks signature, key and clock skew; an error response when the request is not authentic. */
  authenticate(req: EmulatorRequest, op: string): EmulatorResponse | undefined;
  /** Published per-operation limits in calls a second; `defaultRate` for the rest. */
  readonly rateLimits: Record<string, number>;
  readonly defaultRate: number;
  /** This cloud's answer for throttling, an internal error or a request body over the size limit, in its own envelope. */
  renderFault(kind: FaultAnswer, req: EmulatorRequest, op: string): EmulatorResponse;
  handle(req: EmulatorRequest, op: string): EmulatorResponse | Promise<EmulatorResponse>;
  listInstances(): AdminInstance[];
  listSnapshots(): AdminSnapshot[];
}

/** FaultAnswer names the answers the server asks an emulator for without running an operation. */
export type FaultAnswer = "throttle" | "internal" | "tooLarge";

/** MAX_BODY_BYTES is the largest request body localcloud reads (every real request is a few KB). */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** EmulatorFactory builds a cloud's emulator around its context. */
export type EmulatorFactory = (ctx: EmulatorContext) => CloudEmulator;

/** CatalogItem is one plan or image a cloud's localcloud knows; `unavailable` says why a create with it is refused. */
export interface CatalogItem {
  id: string;
  unavailable?: string;
}

/** CloudCatalog is what one emulated cloud accepts at create, as `GET /_localcloud/catalog` lists it. */
export interface CloudCatalog {
  /** `soldOutZones`: zones where nothing can be bought right now. */
  regions: Array<{ region: string; zones: string[]; soldOutZones?: string[] }>;
  /** Bundles or instance types. */
  plans: CatalogItem[];
  images: CatalogItem[];
  subnets: Array<{ subnetId: string; region: string; zone?: string; cidr: string }>;
}

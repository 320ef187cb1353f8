import type { z } from "zod";
import type { ApiCall } from "./transport";
import type { Clock } from "./clock";
import type { WaitSpec } from "./poller";
import type { CloudName, Credentials, InstanceView, Phase } from "./types";
import type { CommonArgs } from "./commonSchema";
import type { CloudManifest } from "./manifest";
import type { AutoNaming } from "./naming";

export type { FieldRule } from "./manifest";

/**
 * DriverContext is what core hands a cloud driver for one operation: where to call, as whom, and the shared
 * mechanisms (rate-limited, retried sending; the shared poller) so that no driver re-implements them.
 */
export interface DriverContext {
  cloud: CloudName;
  region: string;
  /** Base URL of the API, e.g. `https://lightsail.us-east-1.amazonaws.com` or a localcloud URL. */
  endpoint: string;
  /** Identifies the account (cloud, endpoint, region, account name): the key of shared limiters and pollers. */
  account: string;
  /** The credentials of the call being sent; read them only while building a request. */
  readonly credentials: Credentials;
  clock: Clock;
  /** Sends a call under this cloud's per-operation rate limit, with retries and a fresh signature each attempt. */
  send<T>(call: ApiCall<T>): Promise<T>;
  /** Waits on the shared poller of this cloud/region/account until the wait is done (waits.ts declares the usual ones). */
  waitFor(spec: Omit<WaitSpec, "deadline"> & { deadline?: number }): Promise<Map<string, InstanceView | undefined>>;
  /**
   * Sends `ids` to a batch API (at most `max` ids a call) together with the ids other resources of this account
   * hand to the same operation at the same moment; `send` makes one call for one batch.
   */
  batch(operation: string, ids: string[], max: number, send: (ids: string[]) => Promise<void>): Promise<void>;
  /** Epoch ms by which the current operation must finish (from the `timeouts` input). */
  deadline: number;
  /** Reports progress to the user (shown by the engine). */
  log(message: string): void;
}

/** CreateRequest is one CreateInstances call for part or all of a fleet. */
export interface CreateRequest {
  /** How many instances to create in this call. */
  count: number;
  /** Lightsail only: the exact names to create (the fleet's missing names). */
  names?: string[];
  /** Idempotency token derived from stable inputs (used by clouds that support one). */
  clientToken: string;
  /** Ownership tags lightfleet puts on every instance it creates. */
  ownerTags: Record<string, string>;
}

/** CreateResult is what the cloud accepted: the ids (names on Lightsail) of the new instances. */
export interface CreateResult {
  ids: string[];
  requestId?: string;
}

/**
 * CloudDriver is everything lightfleet knows about one cloud, behind one small interface: its manifest's data and
 * the calls. A new cloud is one new folder under provider/clouds that exports a CloudDriver.
 *
 * Contract: `describe` never throws for unknown ids (they are absent from the map); `delete` treats already-gone
 * instances as success and returns only once every instance is gone; a `create` failure after the cloud accepted
 * instances is raised as a CloudError whose `instanceIds` lists what exists.
 */
export interface CloudDriver<A extends CommonArgs = CommonArgs> extends CloudManifest {
  /** The cloud, the one its inputs name. */
  readonly cloud: A["cloud"];
  /** The zod schema of this cloud's Instance inputs: its CreateInstances parameters plus the common fields. */
  readonly schema: z.ZodType<A>;
  /** The public endpoint for a region. */
  endpoint(region: string): string;
  /**
   * Credentials from the cloud's standard chain (its SDKs' environment variables, profile files, roles), read from
   * the process environment at call time; `profile` names a profile of the cloud's files. Undefined when no source
   * has any; throws when a configured source fails.
   */
  credentialsFromChain(profile?: string): Promise<Credentials | undefined>;
  /** The instance names the fleet should have (Lightsail: instanceNames), or undefined when the cloud names them. */
  desiredNames(args: A): string[] | undefined;
  /** How the fleet is named when its inputs name no instance (core/naming). */
  readonly autoNaming: AutoNaming;
  /** The number of instances the fleet should have. */
  desiredCount(args: A): number;
  /** One CreateInstances call. */
  create(ctx: DriverContext, args: A, req: CreateRequest): Promise<CreateResult>;
  /**
   * Looks up instances by id (names on Lightsail), at most describeBatchSize a call; absent ids are gone. A view's
   * phase is the one under the cloud's default inputs: describe knows ids, not the fleet they belong to.
   */
  describe(ctx: DriverContext, ids: string[]): Promise<Map<string, InstanceView>>;
  /**
   * The phase of one instance of a fleet with these inputs: what `ready` takes can depend on them (an instance
   * created without a public IP is ready without one). It reads the inputs, never a memory of the create call, so a
   * resumed create, an adoption or another process decides alike.
   */
  status(view: InstanceView, args: A): Phase;
  /**
   * Lists every instance of the account in the context's region, paged at the API's largest page: one listing serves
   * the drift checks of every resource at preview.
   */
  list(ctx: DriverContext): Promise<InstanceView[]>;
  /** Finds instances carrying all the given tags (ownership), for adoption and recovery. */
  findByTags(ctx: DriverContext, tags: Record<string, string>): Promise<InstanceView[]>;
  /** Finds instances by id or name, for the `adopt` input. */
  findByIdsOrNames(ctx: DriverContext, idsOrNames: string[]): Promise<InstanceView[]>;
  /** Deletes instances through the cloud's full path and waits until they are gone. */
  delete(ctx: DriverContext, ids: string[]): Promise<void>;
  /** Applies in-place changes (fields whose rule is `update`, other than the fleet size) to existing instances. */
  update(ctx: DriverContext, instances: InstanceView[], olds: A, news: A): Promise<void>;
  /**
   * The cloud's inputs (without `cloud`, `region`, `tags` and the other common fields) that reproduce the fleet these
   * instances form, worked out from what describe reports: for `pulumi import`, which reads a fleet from its id
   * alone. What describe never shows (the manifest's secretPaths and unreadablePaths) is left out. Views are in fleet
   * order.
   */
  inputsFrom(views: InstanceView[]): Record<string, unknown>;
  /** Extra checks that need the cloud but change nothing (e.g. Lighthouse DryRun), run at preview. Optional. */
  preflight?(ctx: DriverContext, args: A): Promise<void>;
}

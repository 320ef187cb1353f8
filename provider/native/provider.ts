import * as instanceProvider from "../instanceProvider";
import * as snapshotProvider from "../snapshotProvider";
import { drivers } from "../clouds/registry";
import { argsFromOutputs } from "../core/fleet";
import { CloudError, isCloudError } from "../core/errors";
import { DEFAULT_TIMEOUT_MS, parseDuration } from "../core/commonSchema";
import { withEngineTimeout, type TimedOperation } from "../core/engineTimeouts";
import { setStackConfig } from "../core/stackConfig";
import type { PropertyDiffKind } from "../core/diff";
import type { CheckFailure } from "../core/check";
import type { InstanceOutputs } from "../core/outputs";
import type { SnapshotOutputs } from "../snapshotProvider";
import { PACKAGE, resourceTypeOf, type ResourceType } from "./tokens";
import { ownerFromUrn, parseUrn } from "./urn";
import { plain, secret, withSecrets, type Wire } from "./wire";

/*
 * The native provider translates between the engine's view of a resource (a type token per cloud, inputs without
 * `cloud`, outputs that repeat the inputs) and the dynamic provider's functions, which do all the work: check, diff,
 * create, read, update and delete exist once, in instanceProvider and snapshotProvider.
 */

/** DiffResult is a diff with each changed property's kind, for `pulumi preview --diff`. */
export interface DiffResult {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
  detailedDiff: Record<string, PropertyDiffKind>;
}

/** NativeProvider is what the gRPC server (server.ts) serves; `timeoutSeconds` is the engine's, 0 when unset. */
export interface NativeProvider {
  check(urn: string, olds: Wire, news: Wire): Promise<{ inputs: Wire; failures: CheckFailure[] }>;
  diff(id: string, urn: string, olds: Wire, news: Wire): Promise<DiffResult>;
  create(urn: string, inputs: Wire, timeoutSeconds: number): Promise<{ id: string; outs: Wire }>;
  read(id: string, urn: string, props: Wire): Promise<{ id: string; props: Wire; inputs?: Wire }>;
  update(id: string, urn: string, olds: Wire, news: Wire, timeoutSeconds: number): Promise<{ outs: Wire }>;
  delete(id: string, urn: string, props: Wire, timeoutSeconds: number): Promise<void>;
}

const implementations = { instance: instanceProvider, snapshot: snapshotProvider };

/** ReadResult is a dynamic read's answer; `inputs` come from a read by the id alone. */
interface ReadResult {
  id: string;
  props: Record<string, unknown>;
  inputs?: Record<string, unknown>;
}

/** typeOf is the cloud and kind of the resource a URN names; another token is refused plainly. */
function typeOf(urn: string): ResourceType {
  const { type } = parseUrn(urn);
  const t = resourceTypeOf(type);
  if (!t) throw new Error(`lightfleet has no resource type ${type}`);
  return t;
}

/** withCloud is the dynamic provider's view of native inputs or outputs: the cloud comes from the type token. */
function withCloud(t: ResourceType, values: Wire): Wire {
  return { ...plain<Wire>(values), cloud: t.cloud };
}

function withoutCloud(values: Record<string, unknown>): Wire {
  const { cloud: _cloud, ...rest } = values;
  return rest;
}

function isEmpty(values: Wire | undefined): boolean {
  return !values || Object.keys(values).length === 0;
}

/** secretPathsOf are the input paths a cloud keeps secret (passwords, user data, init scripts). */
function secretPathsOf(t: ResourceType): string[][] {
  return t.kind === "instance" ? drivers[t.cloud].secretPaths : [];
}

/**
 * outputsOf is what the engine records for a resource: every input, then the dynamic provider's outputs (which keep
 * `args` and `secretInputs`, from which its diff, update, read and delete work). Secret inputs stay secret.
 */
function outputsOf(t: ResourceType, outs: Record<string, unknown>): Wire {
  const inputs = t.kind === "instance" ? argsFromOutputs(outs as unknown as InstanceOutputs) : (outs as SnapshotOutputs).args;
  const all = withSecrets({ ...withoutCloud(inputs as Record<string, unknown>), ...withoutCloud(outs) }, secretPathsOf(t));
  return all.secretInputs === undefined ? all : { ...all, secretInputs: secret(all.secretInputs) };
}

/** describeLimit names the time limit an operation ran under, as the user set it. */
function describeLimit(op: TimedOperation, engineSeconds: number, inputs: Wire): string {
  if (engineSeconds > 0) return `customTimeouts.${op} (${formatDuration(engineSeconds * 1000)})`;
  const own = (inputs.timeouts as Record<string, string> | undefined)?.[op];
  if (own) return `timeouts.${op} (${formatDuration(parseDuration(own))})`;
  return `the default ${op} time limit (${formatDuration(DEFAULT_TIMEOUT_MS)}; set customTimeouts.${op} to change it)`;
}

function formatDuration(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  const parts = [[Math.floor(s / 3600), "h"], [Math.floor((s % 3600) / 60), "m"], [s % 60, "s"]] as const;
  return parts.filter(([n]) => n > 0).map(([n, u]) => `${n}${u}`).join("");
}

/**
 * timed runs one operation under the engine's time limit, and says which setting ran out when it does. A failure
 * that leaves instances behind keeps the resource id with its outputs, so the engine records the resource.
 */
async function timed<T>(t: ResourceType, op: TimedOperation, engineSeconds: number, inputs: Wire, run: () => Promise<T>): Promise<T> {
  try {
    return await withEngineTimeout(op, engineSeconds * 1000, run);
  } catch (err) {
    if (!isCloudError(err)) throw err;
    const e = err.code === "Timeout" ? retold(err, `${err.message}: the time limit is ${describeLimit(op, engineSeconds, inputs)}`) : err;
    if (e.id && e.properties) e.properties = outputsOf(t, e.properties);
    throw e;
  }
}

/** retold is `err` with another message, every other field kept. */
function retold(err: CloudError, message: string): CloudError {
  const e = Object.assign(Object.create(CloudError.prototype) as CloudError, err);
  Object.defineProperty(e, "message", { value: message, writable: true, configurable: true });
  e.stack = message;
  if ((err as { reasons?: string[] }).reasons) Object.assign(e, { reasons: [message] });
  return e;
}

/** nativeProvider serves every resource type of tokens.ts through the dynamic provider's functions. */
export const nativeProvider: NativeProvider = {
  async check(urn, olds, news) {
    const t = typeOf(urn);
    // The owner comes from the URN; check keeps the one recorded at create when there is one.
    const given = { ...withCloud(t, news), owner: ownerFromUrn(urn) };
    const res = await implementations[t.kind].check(isEmpty(olds) ? {} : withCloud(t, olds), given);
    return { inputs: withSecrets(withoutCloud(res.inputs), secretPathsOf(t)), failures: res.failures };
  },

  async diff(id, urn, olds, news) {
    const t = typeOf(urn);
    const res = await implementations[t.kind].diff(id, withCloud(t, olds) as never, withCloud(t, news));
    return { changes: res.changes, replaces: res.replaces, deleteBeforeReplace: res.deleteBeforeReplace, detailedDiff: res.detailedDiff ?? {} };
  },

  async create(urn, inputs, timeoutSeconds) {
    const t = typeOf(urn);
    const res = await timed<{ id: string; outs: object }>(t, "create", timeoutSeconds, plain(inputs), () => implementations[t.kind].create(withCloud(t, inputs)));
    return { id: res.id, outs: outputsOf(t, res.outs as unknown as Record<string, unknown>) };
  },

  async read(id, urn, props) {
    const t = typeOf(urn);
    // From the id alone (an import) the read is told what the id cannot say: the resource's own owner, and for a
    // snapshot, whose id names no cloud, the cloud.
    const importing = { cloud: t.cloud, owner: ownerFromUrn(urn) };
    const read = implementations[t.kind].read as (id: string, props?: unknown, importing?: { cloud: string; owner: string }) => Promise<ReadResult>;
    const res = isEmpty(props) ? await read(id, undefined, importing) : await read(id, withCloud(t, props));
    if (!res.id) return { id: "", props: {} };
    return {
      id: res.id,
      props: outputsOf(t, res.props),
      ...(res.inputs ? { inputs: withSecrets(withoutCloud(res.inputs), secretPathsOf(t)) } : {}),
    };
  },

  async update(id, urn, olds, news, timeoutSeconds) {
    const t = typeOf(urn);
    const res = await timed<{ outs: object }>(t, "update", timeoutSeconds, plain(news), () => implementations[t.kind].update(id, withCloud(t, olds) as never, withCloud(t, news)));
    return { outs: outputsOf(t, res.outs as unknown as Record<string, unknown>) };
  },

  async delete(id, urn, props, timeoutSeconds) {
    const t = typeOf(urn);
    await timed(t, "delete", timeoutSeconds, plain(props), () => implementations[t.kind].remove(id, withCloud(t, props) as never));
  },
};

/**
 * configureFromEnv gives the provider core the stack config. The engine hands a plugin its package's stack config in
 * `PULUMI_CONFIG`, a JSON object whose keys drop the `lightfleet:` prefix (`{"endpoint": ...}`), secrets decrypted;
 * the Configure call carries nothing the plugin needs beyond it.
 */
export function configureFromEnv(env: NodeJS.ProcessEnv = process.env): void {
  const config = JSON.parse(env.PULUMI_CONFIG || "{}") as Record<string, unknown>;
  const prefix = `${PACKAGE}:`;
  setStackConfig({ get: (key) => config[key] ?? (key.startsWith(prefix) ? config[key.slice(prefix.length)] : undefined) });
}

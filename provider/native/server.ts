import { createRequire } from "module";
import * as fs from "fs";
import * as path from "path";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as structTypes from "google-protobuf/google/protobuf/struct_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import type { PropertyDiffKind } from "../core/diff";
import type { NativeProvider } from "./provider";
import type { Wire } from "./wire";

/*
 * The ResourceProvider gRPC service of the plugin. @pulumi/pulumi's own provider server (`provider.main`) cannot
 * carry what a native provider is for: it drops the engine's `timeout` (customTimeouts) on create, update and delete,
 * has no detailed diff, and prints every failure with its stack. This one translates requests for NativeProvider and
 * nothing else; the message types are @pulumi/pulumi's.
 */

// The gRPC runtime and protobuf copies @pulumi/pulumi's generated messages were built with.
const fromPulumi = createRequire(require.resolve("@pulumi/pulumi"));
const grpc = fromPulumi("@grpc/grpc-js") as typeof grpcTypes;
const { Struct } = fromPulumi("google-protobuf/google/protobuf/struct_pb") as typeof structTypes;
const { Empty } = fromPulumi("google-protobuf/google/protobuf/empty_pb") as typeof import("google-protobuf/google/protobuf/empty_pb");
const { Any } = fromPulumi("google-protobuf/google/protobuf/any_pb") as typeof import("google-protobuf/google/protobuf/any_pb");

const KINDS: Record<PropertyDiffKind, provproto.PropertyDiff.Kind> = {
  add: provproto.PropertyDiff.Kind.ADD,
  "add-replace": provproto.PropertyDiff.Kind.ADD_REPLACE,
  delete: provproto.PropertyDiff.Kind.DELETE,
  "delete-replace": provproto.PropertyDiff.Kind.DELETE_REPLACE,
  update: provproto.PropertyDiff.Kind.UPDATE,
  "update-replace": provproto.PropertyDiff.Kind.UPDATE_REPLACE,
};

/** ServeOptions are what the plugin serves besides the resources: its version and its schema. */
export interface ServeOptions {
  version: string;
  schema: () => string;
}

/** Server is a running plugin server. */
export interface Server {
  port: number;
  stop(): Promise<void>;
}

function props(s: structTypes.Struct | undefined): Wire {
  return (s?.toJavaScript() ?? {}) as Wire;
}

function struct(values: Wire): structTypes.Struct {
  return Struct.fromJavaScript(values as Record<string, structTypes.JavaScriptValue>);
}

/**
 * failure is the gRPC error the engine prints as the operation's error, once, without a stack. An error that carries
 * the resource id (instances exist although the operation failed) also carries its outputs, so the engine keeps the
 * resource in the state instead of losing track of the instances.
 */
function failure(err: unknown): Partial<grpcTypes.StatusObject> {
  const e = err as { message?: string; id?: string; properties?: Wire; reasons?: string[] };
  const message = e?.message ?? String(err);
  const metadata = new grpc.Metadata();
  if (e?.id) {
    const detail = new provproto.ErrorResourceInitFailed();
    detail.setId(e.id);
    detail.setProperties(struct(e.properties ?? {}));
    detail.setReasonsList(e.reasons ?? [message]);
    const any = new Any();
    any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const status = new statusproto.Status();
    status.setCode(grpc.status.UNKNOWN);
    status.setMessage(message);
    status.addDetails(any);
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  }
  return { code: grpc.status.UNKNOWN, details: message, metadata };
}

type Handler<Req, Res> = (call: grpcTypes.ServerUnaryCall<Req, Res>, callback: grpcTypes.sendUnaryData<Res>) => void;

function unary<Req, Res>(fn: (req: Req) => Promise<Res>): Handler<Req, Res> {
  return (call, callback) => {
    fn(call.request).then(
      (res) => callback(null, res),
      (err) => callback(failure(err)),
    );
  };
}

function unimplemented(what: string): Handler<unknown, unknown> {
  return (_call, callback) => callback({ code: grpc.status.UNIMPLEMENTED, details: `${what} is not implemented` });
}

/** service is the ResourceProvider implementation over `provider`. */
function service(provider: NativeProvider, opts: ServeOptions): grpcTypes.UntypedServiceImplementation {
  return {
    getPluginInfo: unary(async () => new plugproto.PluginInfo().setVersion(opts.version)),
    getSchema: unary(async (req: provproto.GetSchemaRequest) => {
      if (req.getVersion() !== 0) throw new Error(`unsupported schema version ${req.getVersion()}`);
      return new provproto.GetSchemaResponse().setSchema(opts.schema());
    }),
    // Provider config is the stack config, which the plugin reads from PULUMI_CONFIG: there is nothing to check.
    checkConfig: unimplemented("CheckConfig"),
    diffConfig: unimplemented("DiffConfig"),
    configure: unary(async () => new provproto.ConfigureResponse().setAcceptsecrets(true).setSupportspreview(false)),
    check: unary(async (req: provproto.CheckRequest) => {
      const res = await provider.check(req.getUrn(), props(req.getOlds()), props(req.getNews()));
      const resp = new provproto.CheckResponse().setInputs(struct(res.inputs));
      resp.setFailuresList(res.failures.map((f) => new provproto.CheckFailure().setProperty(f.property).setReason(f.reason)));
      return resp;
    }),
    diff: unary(async (req: provproto.DiffRequest) => {
      const res = await provider.diff(req.getId(), req.getUrn(), props(req.getOlds()), props(req.getNews()));
      const resp = new provproto.DiffResponse()
        .setChanges(res.changes ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE)
        .setReplacesList(res.replaces)
        .setDeletebeforereplace(res.deleteBeforeReplace)
        .setDiffsList([...new Set(Object.keys(res.detailedDiff).map((k) => k.split(".")[0]))]);
      const detailed = resp.getDetaileddiffMap();
      for (const [key, kind] of Object.entries(res.detailedDiff)) detailed.set(key, new provproto.PropertyDiff().setKind(KINDS[kind]).setInputdiff(true));
      // A change the inputs do not show (instances gone or failed behind Pulumi's back) has no property to name: the
      // engine then shows the update without a property-level diff.
      return resp.setHasdetaileddiff(Object.keys(res.detailedDiff).length > 0 || !res.changes);
    }),
    create: unary(async (req: provproto.CreateRequest) => {
      const res = await provider.create(req.getUrn(), props(req.getProperties()), req.getTimeout());
      return new provproto.CreateResponse().setId(res.id).setProperties(struct(res.outs));
    }),
    read: unary(async (req: provproto.ReadRequest) => {
      const res = await provider.read(req.getId(), req.getUrn(), props(req.getProperties()));
      const resp = new provproto.ReadResponse().setId(res.id).setProperties(struct(res.props));
      return res.inputs ? resp.setInputs(struct(res.inputs)) : resp;
    }),
    update: unary(async (req: provproto.UpdateRequest) => {
      const res = await provider.update(req.getId(), req.getUrn(), props(req.getOlds()), props(req.getNews()), req.getTimeout());
      return new provproto.UpdateResponse().setProperties(struct(res.outs));
    }),
    delete: unary(async (req: provproto.DeleteRequest) => {
      await provider.delete(req.getId(), req.getUrn(), props(req.getProperties()), req.getTimeout());
      return new Empty();
    }),
    cancel: unary(async () => new Empty()),
  };
}

/** serve starts the plugin's gRPC server on a free loopback port. */
export async function serve(provider: NativeProvider, opts: ServeOptions): Promise<Server> {
  const server = new grpc.Server();
  server.addService(provrpc.ResourceProviderService, service(provider, opts));
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return { port, stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())) };
}

/** packageVersion is the version in lightfleet's package.json, wherever the compiled code runs from. */
export function packageVersion(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "lightfleet" && pkg.version) return pkg.version;
    }
    if (path.dirname(dir) === dir) throw new Error("lightfleet's package.json not found");
  }
}

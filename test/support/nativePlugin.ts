import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import { nativeProvider } from "../../provider/native/provider";
import { serve, type Server } from "../../provider/native/server";
import { CLOUDS } from "../../provider/core/types";

/** PluginClient drives a plugin server through the ResourceProvider gRPC service, as the engine does. */
export interface PluginClient {
  client: ResourceProviderClient;
  call<Req, Res>(method: string, req: Req): Promise<Res>;
  close(): Promise<void>;
}

/**
 * LOCALCLOUD_CONFIG is the stack config of a stack whose credentials localcloud accepts, as the engine hands it to the
 * plugin in PULUMI_CONFIG: the package's keys without their `lightfleet:` prefix.
 */
export const LOCALCLOUD_CONFIG = JSON.stringify(Object.fromEntries(CLOUDS.flatMap((c) => [[`${c}AccessKey`, "localcloud"], [`${c}SecretKey`, "localcloud-secret"]])));

/** connect is a client of the plugin listening on `port`. */
export function connect(port: number, stop: () => Promise<void> = async () => undefined): PluginClient {
  const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return {
    client,
    call: <Req, Res>(method: string, req: Req) =>
      new Promise<Res>((resolve, reject) =>
        (client as unknown as Record<string, (r: Req, cb: (e: grpc.ServiceError | null, r: Res) => void) => void>)[method](req, (e, r) => (e ? reject(e) : resolve(r))),
      ),
    close: async () => {
      client.close();
      await stop();
    },
  };
}

/** startNativePlugin serves the native provider in this process on a free loopback port. */
export async function startNativePlugin(): Promise<PluginClient & { server: Server }> {
  const server = await serve(nativeProvider, { version: "0.0.0-test", schema: () => "{}" });
  return { ...connect(server.port, server.stop), server };
}

/** urnOf is the URN of a resource of `type` named `name` in project `p`, stack `dev`, under parents of `parentTypes`. */
export function urnOf(type: string, name: string, parentTypes: string[] = []): string {
  return `urn:pulumi:dev::p::${[...parentTypes, type].join("$")}::${name}`;
}

export function struct(values: Record<string, unknown>): Struct {
  return Struct.fromJavaScript(values as Parameters<typeof Struct.fromJavaScript>[0]);
}

/** NativeCalls are the resource calls of the ResourceProvider service with plain objects in and out. */
export function nativeCalls(p: PluginClient) {
  return {
    check: async (urn: string, olds: Record<string, unknown>, news: Record<string, unknown>) => {
      const r = await p.call<provproto.CheckRequest, provproto.CheckResponse>("check", new provproto.CheckRequest().setUrn(urn).setOlds(struct(olds)).setNews(struct(news)));
      return { inputs: r.getInputs()!.toJavaScript() as Record<string, unknown>, failures: r.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })) };
    },
    diff: async (urn: string, id: string, olds: Record<string, unknown>, news: Record<string, unknown>) => {
      const r = await p.call<provproto.DiffRequest, provproto.DiffResponse>("diff", new provproto.DiffRequest().setUrn(urn).setId(id).setOlds(struct(olds)).setNews(struct(news)));
      const kinds = Object.fromEntries(Object.entries(provproto.PropertyDiff.Kind).map(([k, v]) => [v, k]));
      const detailedDiff: Record<string, string> = {};
      r.getDetaileddiffMap().forEach((v, k) => (detailedDiff[k] = kinds[v.getKind()]));
      return {
        changes: r.getChanges(),
        replaces: r.getReplacesList(),
        deleteBeforeReplace: r.getDeletebeforereplace(),
        detailedDiff,
        hasDetailedDiff: r.getHasdetaileddiff(),
      };
    },
    create: async (urn: string, inputs: Record<string, unknown>, timeout = 0) => {
      const r = await p.call<provproto.CreateRequest, provproto.CreateResponse>("create", new provproto.CreateRequest().setUrn(urn).setProperties(struct(inputs)).setTimeout(timeout));
      return { id: r.getId(), outs: r.getProperties()!.toJavaScript() as Record<string, unknown> };
    },
    read: async (urn: string, id: string, props: Record<string, unknown>) => {
      const r = await p.call<provproto.ReadRequest, provproto.ReadResponse>("read", new provproto.ReadRequest().setUrn(urn).setId(id).setProperties(struct(props)));
      return { id: r.getId(), props: (r.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>, inputs: r.getInputs()?.toJavaScript() as Record<string, unknown> | undefined };
    },
    update: async (urn: string, id: string, olds: Record<string, unknown>, news: Record<string, unknown>, timeout = 0) => {
      const r = await p.call<provproto.UpdateRequest, provproto.UpdateResponse>("update", new provproto.UpdateRequest().setUrn(urn).setId(id).setOlds(struct(olds)).setNews(struct(news)).setTimeout(timeout));
      return { outs: r.getProperties()!.toJavaScript() as Record<string, unknown> };
    },
    delete: async (urn: string, id: string, props: Record<string, unknown>, timeout = 0) => {
      await p.call<provproto.DeleteRequest, unknown>("delete", new provproto.DeleteRequest().setUrn(urn).setId(id).setProperties(struct(props)).setTimeout(timeout));
    },
  };
}

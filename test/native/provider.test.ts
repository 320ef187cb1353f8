import { createHash } from "crypto";
import { Status } from "@pulumi/pulumi/proto/status_pb";
import { ErrorResourceInitFailed } from "@pulumi/pulumi/proto/provider_pb";
import { configureFromEnv } from "../../provider/native/provider";
import { OWNER_TAG } from "../../provider/core/ownership";
import { CLOUDS, type CloudName } from "../../provider/core/types";
import { fleetInputs } from "../support/cloudInputs";
import { withEnv } from "../support/env";
import { startTestLocalcloud, type LocalcloudHandle } from "../support/localcloud";
import type { AdminInstance } from "../../localcloud/emulator";
import { LOCALCLOUD_CONFIG, nativeCalls, startNativePlugin, urnOf, type PluginClient } from "../support/nativePlugin";

/** nativeInputs are a fleet's inputs as a native program gives them: the cloud is the type token's, owner is set by check. */
function nativeInputs(cloud: CloudName, endpoint: string, count: number): Record<string, unknown> {
  const { cloud: _cloud, owner: _owner, ...rest } = fleetInputs(cloud, endpoint, count, "p/dev/web");
  return rest;
}

const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

describe("native provider over gRPC", () => {
  let lc: LocalcloudHandle;
  let plugin: PluginClient;
  let rpc: ReturnType<typeof nativeCalls>;
  let restore: () => void;

  beforeAll(async () => {
    lc = await startTestLocalcloud();
    plugin = await startNativePlugin();
    rpc = nativeCalls(plugin);
    configureFromEnv({ PULUMI_CONFIG: LOCALCLOUD_CONFIG });
    // The credentials come from PULUMI_CONFIG alone: none of the machine's credential variables may stand in.
    const saved = { ...process.env };
    for (const k of Object.keys(process.env)) if (/^(AWS_|TENCENTCLOUD_|ZENLAYERCLOUD_|JDCLOUD_|LIGHTFLEET_ENDPOINT$)/.test(k)) delete process.env[k];
    process.env.AWS_EC2_METADATA_DISABLED = "true";
    restore = () => Object.assign(process.env, saved);
  });
  afterAll(async () => {
    restore();
    await plugin.close();
    await lc.close();
  });

  it("check refuses a bad input and names the property, before any cloud call", async () => {
    const { failures } = await rpc.check(urnOf("lightfleet:lightsail:Instance", "web"), {}, { ...nativeInputs("lightsail", lc.url, 1), region: "us-east-9" });
    expect(failures).toContainEqual({ property: "region", reason: expect.stringMatching(/^must be a Lightsail region: one of .*us-east-1/) });
    expect(await lc.instances()).toEqual([]);
  });

  it("check sets the owner from the URN, under a parent with a digest of the parent's types, and keeps a recorded owner", async () => {
    const news = nativeInputs("lighthouse", lc.url, 1);
    const top = await rpc.check(urnOf("lightfleet:lighthouse:Instance", "web"), {}, news);
    expect(top.failures).toEqual([]);
    expect(top.inputs.owner).toBe("p/dev/web");
    expect(top.inputs.cloud).toBeUndefined();
    const child = await rpc.check(urnOf("lightfleet:lighthouse:Instance", "web", ["acme:fleet:Site"]), {}, news);
    expect(child.inputs.owner).toBe(`p/dev/~${createHash("sha256").update("acme:fleet:Site").digest("hex").slice(0, 8)}/web`);
    const other = await rpc.check(urnOf("lightfleet:lighthouse:Instance", "web", ["acme:fleet:Region"]), {}, news);
    expect(other.inputs.owner).not.toBe(child.inputs.owner);
    // A resource moved here (an aliased rename, an imported dynamic Instance) keeps the owner its instances carry.
    const moved = await rpc.check(urnOf("lightfleet:lighthouse:Instance", "renamed"), { ...top.inputs, owner: "p/dev/~0123abcd/web" }, news);
    expect(moved.inputs.owner).toBe("p/dev/~0123abcd/web");
  });

  /** retagged is an in-place change on each cloud: new tags, or on JD Cloud (whose coc-vm has no tags) a new name. */
  function changedInPlace(cloud: CloudName, inputs: Record<string, unknown>): { news: Record<string, unknown>; field: string; applied: (i: AdminInstance) => boolean } {
    if (cloud === "jdcloud") {
      const spec = inputs.instanceSpec as Record<string, unknown>;
      return { news: { ...inputs, instanceSpec: { ...spec, name: "renamed" } }, field: "instanceSpec.name", applied: (i) => i.name.startsWith("renamed") };
    }
    return { news: { ...inputs, tags: { team: "web" } }, field: "tags", applied: (i) => i.tags.team === "web" };
  }

  /** lifecycle creates, reads, updates in place and deletes a fleet of two on one cloud. */
  async function lifecycle(cloud: CloudName): Promise<void> {
    const urn = urnOf(`lightfleet:${cloud}:Instance`, `web-${cloud}`);
    const given = { ...nativeInputs(cloud, lc.url, 2), ...(cloud === "jdcloud" ? {} : { tags: { team: "api" } }) };
    const { inputs, failures } = await rpc.check(urn, {}, given);
    expect(failures).toEqual([]);
    const created = await rpc.create(urn, inputs);
    expect(created.id).toMatch(new RegExp(`^${cloud}/`));
    expect(created.outs.instanceIds).toHaveLength(2);
    expect(created.outs.region).toBe(inputs.region);
    expect(created.outs.cloud).toBeUndefined();
    const live = await lc.instances(cloud);
    expect(live.map((i) => i.id).sort()).toEqual([...(created.outs.instanceIds as string[])].sort());
    if (cloud !== "jdcloud") expect(live.every((i) => i.tags[OWNER_TAG] === `p/dev/web-${cloud}`)).toBe(true);

    const read = await rpc.read(urn, created.id, created.outs);
    expect(read.id).toBe(created.id);
    expect(read.props.instanceIds).toEqual(created.outs.instanceIds);

    const change = changedInPlace(cloud, given);
    const changed = await rpc.check(urn, inputs, change.news);
    const diff = await rpc.diff(urn, created.id, read.props, changed.inputs);
    expect(diff).toMatchObject({ replaces: [], detailedDiff: { [change.field]: "UPDATE" } });
    const updated = await rpc.update(urn, created.id, read.props, changed.inputs);
    expect(updated.outs.instanceIds).toEqual(created.outs.instanceIds);
    expect((await lc.instances(cloud)).every(change.applied)).toBe(true);

    await rpc.delete(urn, created.id, updated.outs);
    expect(await lc.instances(cloud)).toEqual([]);
  }

  it("creates, reads, updates in place and deletes a fleet on every cloud", async () => {
    // The clouds side by side: each waits on its own instances, so the test takes as long as the slowest cloud.
    await Promise.all(
      CLOUDS.map((cloud) =>
        lifecycle(cloud).catch((err: Error) => {
          err.message = `${cloud}: ${err.message}`;
          throw err;
        }),
      ),
    );
  });

  it("diff names a tag change an update and an image change a replacement, deleting first where names are unique", async () => {
    const urn = urnOf("lightfleet:lightsail:Instance", "diffed");
    const { inputs } = await rpc.check(urn, {}, nativeInputs("lightsail", lc.url, 1));
    const created = await rpc.create(urn, inputs);
    try {
      const tags = await rpc.check(urn, inputs, { ...nativeInputs("lightsail", lc.url, 1), tags: { env: "prod" } });
      expect(await rpc.diff(urn, created.id, created.outs, tags.inputs)).toEqual({
        changes: 2, // DIFF_SOME
        replaces: [],
        deleteBeforeReplace: false,
        detailedDiff: { tags: "ADD" },
        hasDetailedDiff: true,
      });
      const image = await rpc.check(urn, inputs, { ...nativeInputs("lightsail", lc.url, 1), blueprintId: "debian_12" });
      expect(await rpc.diff(urn, created.id, created.outs, image.inputs)).toEqual({
        changes: 2,
        replaces: ["blueprintId"],
        deleteBeforeReplace: true,
        detailedDiff: { blueprintId: "UPDATE_REPLACE" },
        hasDetailedDiff: true,
      });
      expect(await rpc.diff(urn, created.id, created.outs, inputs)).toMatchObject({ changes: 1, replaces: [], detailedDiff: {} }); // DIFF_NONE
    } finally {
      await rpc.delete(urn, created.id, created.outs);
    }
  });

  it("keeps secret inputs secret in the outputs", async () => {
    const urn = urnOf("lightfleet:zenlayer:Instance", "secretive");
    const { inputs } = await rpc.check(urn, {}, nativeInputs("zenlayer", lc.url, 1));
    const created = await rpc.create(urn, inputs);
    try {
      expect(created.outs.password).toEqual(expect.objectContaining({ value: "Lightfleet#2026", "4dabf18193072939515e22adb298388d": SECRET_SIG }));
      expect(created.outs.secretInputs).toEqual(expect.objectContaining({ "4dabf18193072939515e22adb298388d": SECRET_SIG }));
      expect(JSON.stringify(created.outs.args)).not.toContain("Lightfleet#2026");
    } finally {
      await rpc.delete(urn, created.id, created.outs);
    }
  });
  it("snapshots an instance, names a changed snapshot input a replacement and deletes the snapshot", async () => {
    const fleetUrn = urnOf("lightfleet:lightsail:Instance", "snapped");
    const fleet = await rpc.check(fleetUrn, {}, nativeInputs("lightsail", lc.url, 1));
    const created = await rpc.create(fleetUrn, fleet.inputs);
    try {
      const urn = urnOf("lightfleet:lightsail:InstanceSnapshot", "backup");
      const given = { region: "us-east-1", endpoint: lc.url, instanceSnapshotName: "backup-1", instanceName: (created.outs.instanceIds as string[])[0] };
      const { inputs, failures } = await rpc.check(urn, {}, given);
      expect(failures).toEqual([]);
      expect(inputs.owner).toBe("p/dev/backup");
      const snap = await rpc.create(urn, inputs);
      expect(snap.outs).toMatchObject({ snapshotId: snap.id, instanceSnapshotName: "backup-1", state: "available" });
      expect((await rpc.read(urn, snap.id, snap.outs)).id).toBe(snap.id);
      const renamed = await rpc.check(urn, inputs, { ...given, instanceSnapshotName: "backup-2" });
      expect(await rpc.diff(urn, snap.id, snap.outs, renamed.inputs)).toMatchObject({
        replaces: ["instanceSnapshotName"],
        deleteBeforeReplace: true,
        detailedDiff: { instanceSnapshotName: "UPDATE_REPLACE" },
      });
      await rpc.delete(urn, snap.id, snap.outs);
      expect((await lc.snapshots()).filter((x) => x.id === snap.id)).toEqual([]);
    } finally {
      await rpc.delete(fleetUrn, created.id, created.outs);
    }
  });
});

describe("native provider: the engine's time limits", () => {
  type GrpcError = Error & { details?: string; metadata?: { get(k: string): unknown[] } };

  /** initFailure is the resource a failed create hands the engine to record: its id and outputs. */
  function initFailure(err: GrpcError): { id: string; props: Record<string, unknown> } {
    const [bin] = (err.metadata?.get("grpc-status-details-bin") ?? []) as Buffer[];
    const [any] = Status.deserializeBinary(new Uint8Array(bin)).getDetailsList();
    const detail = ErrorResourceInitFailed.deserializeBinary(any.getValue_asU8());
    return { id: detail.getId(), props: detail.getProperties()!.toJavaScript() as Record<string, unknown> };
  }

  it("fails a create that outlasts customTimeouts.create, or else the resource's timeouts.create, naming the setting and keeping the instances in the state", async () => {
    // A cloud at its real pace: an instance takes longer than a second to run.
    const lc = await startTestLocalcloud({ timeScale: 1 });
    const plugin = await startNativePlugin();
    const rpc = nativeCalls(plugin);
    try {
      configureFromEnv({ PULUMI_CONFIG: LOCALCLOUD_CONFIG });
      const failedCreate = async (name: string, given: Record<string, unknown>, timeout: number) => {
        const urn = urnOf("lightfleet:lighthouse:Instance", name);
        const { inputs } = await rpc.check(urn, {}, given);
        return rpc.create(urn, inputs, timeout).then(
          () => undefined,
          (e: GrpcError) => e,
        );
      };
      const started = Date.now();
      const [engine, own] = await withEnv({}, () =>
        Promise.all([
          failedCreate("engine-limit", { ...nativeInputs("lighthouse", lc.url, 1), timeouts: { create: "20m" } }, 1),
          failedCreate("own-limit", { ...nativeInputs("lighthouse", lc.url, 1), instanceName: "own", timeouts: { create: "1s" } }, 0),
        ]),
      );
      expect(engine?.details).toMatch(/^lighthouse wait failed: Timeout: .*: the time limit is customTimeouts\.create \(1s\)$/);
      expect(own?.details).toMatch(/: the time limit is timeouts\.create \(1s\)$/);
      // Said once, without a stack; and the instances exist, so the error carries the resource id for the state.
      expect(engine?.details).not.toMatch(/\bat .*\.(ts|js):\d+/);
      const kept = initFailure(engine!);
      expect(kept.id).toMatch(/^lighthouse\/ap-guangzhou\/lhins-/);
      expect(kept.props).toMatchObject({ region: "ap-guangzhou", instanceName: "resume", owner: "p/dev/engine-limit" });
      expect(kept.props.cloud).toBeUndefined();
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await plugin.close();
      await lc.close();
    }
  });
});

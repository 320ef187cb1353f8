/*
 * Type tests of the cloud registries, checked by the project's type check (`tsc -p .`, part of `npm run build`): each
 * `@ts-expect-error` line is a registry that must not compile, so the check fails if a registry ever accepts it.
 */
import type { DriverRegistry } from "../../provider/clouds/registry";
import type { ManifestRegistry } from "../../provider/clouds/manifests";
import type { SnapshotRegistry } from "../../provider/clouds/snapshotRegistry";
import { jdcloudDriver, jdcloudManifest } from "../../provider/clouds/jdcloud";
import { lighthouseDriver, lighthouseManifest, lighthouseSnapshotDriver } from "../../provider/clouds/lighthouse";
import { lightsailDriver, lightsailManifest, lightsailSnapshotDriver } from "../../provider/clouds/lightsail";
import { zenlayerDriver, zenlayerManifest } from "../../provider/clouds/zenlayer";

const driversOk = { lightsail: lightsailDriver, lighthouse: lighthouseDriver, zenlayer: zenlayerDriver, jdcloud: jdcloudDriver };
const manifestsOk = { lightsail: lightsailManifest, lighthouse: lighthouseManifest, zenlayer: zenlayerManifest, jdcloud: jdcloudManifest };
const snapshotsOk = { lightsail: lightsailSnapshotDriver, lighthouse: lighthouseSnapshotDriver, zenlayer: undefined, jdcloud: undefined };
const { describe: _describe, ...withoutDescribe } = jdcloudDriver;
const { credentialHelp: _help, ...withoutHelp } = zenlayerManifest;

export const registryTypeTests = [
  driversOk satisfies DriverRegistry,
  manifestsOk satisfies ManifestRegistry,
  snapshotsOk satisfies SnapshotRegistry,
  // @ts-expect-error a fifth cloud's driver that CLOUDS in provider/core/types.ts does not name
  { ...driversOk, fifthcloud: { ...lightsailDriver, cloud: "fifthcloud" } } satisfies DriverRegistry,
  // @ts-expect-error a driver registered under another cloud's name
  { ...driversOk, zenlayer: lightsailDriver } satisfies DriverRegistry,
  // @ts-expect-error a driver without one of the contract's calls
  { ...driversOk, jdcloud: withoutDescribe } satisfies DriverRegistry,
  // @ts-expect-error a cloud without a driver
  { lightsail: lightsailDriver, lighthouse: lighthouseDriver, zenlayer: zenlayerDriver } satisfies DriverRegistry,
  // @ts-expect-error a manifest without one of its fields
  { ...manifestsOk, zenlayer: withoutHelp } satisfies ManifestRegistry,
  // @ts-expect-error a manifest registered under another cloud's name
  { ...manifestsOk, jdcloud: lightsailManifest } satisfies ManifestRegistry,
  // @ts-expect-error a snapshot driver registered under another cloud's name
  { ...snapshotsOk, lighthouse: lightsailSnapshotDriver } satisfies SnapshotRegistry,
];

import type { CloudManifest } from "../core/manifest";
import type { CloudName } from "../core/types";
import { lightsailManifest } from "./lightsail/manifest";
import { lighthouseManifest } from "./lighthouse/manifest";
import { zenlayerManifest } from "./zenlayer/manifest";
import { jdcloudManifest } from "./jdcloud/manifest";

/** ManifestRegistry is one manifest a cloud, each under its own cloud's name. */
export type ManifestRegistry = { readonly [C in CloudName]: CloudManifest & { readonly cloud: C } };

/**
 * manifests maps each cloud to its manifest: data only, so the SDK loads it in a user's program without any driver,
 * client or schema.
 */
export const manifests: Record<CloudName, CloudManifest> = {
  lightsail: lightsailManifest,
  lighthouse: lighthouseManifest,
  zenlayer: zenlayerManifest,
  jdcloud: jdcloudManifest,
} satisfies ManifestRegistry;

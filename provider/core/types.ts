import type { InstanceDetail } from "./outputSchema";

/** The clouds lightfleet manages. */
export const CLOUDS = ["lightsail", "lighthouse", "zenlayer", "jdcloud"] as const;

/** CloudName names one supported cloud; it is the `cloud` discriminator of every resource input. */
export type CloudName = (typeof CLOUDS)[number];

/**
 * Phase is a cloud's instance state normalised for waiting: `pending` (still moving), `ready` (running with its
 * addresses), `stopped`, `deleting` (on the way out, e.g. Lighthouse SHUTDOWN or Zenlayer RECYCLE), `failed`
 * (terminal launch failure) and `gone` (the cloud no longer lists it).
 */
export type Phase = "pending" | "ready" | "stopped" | "deleting" | "failed" | "gone";

/** InstanceDetail is what a cloud's describe call says about one instance beyond its ids, addresses and state. */
export type { InstanceDetail };

/** InstanceView is one instance as every cloud driver reports it after a describe call. */
export interface InstanceView {
  id: string;
  name: string;
  /** The cloud's own state string, e.g. `running`, `RUNNING`, `LAUNCH_FAILED`. */
  state: string;
  phase: Phase;
  publicIp?: string;
  privateIp?: string;
  ipv6Addresses: string[];
  zone?: string;
  createdAt?: string;
  tags: Record<string, string>;
  /** Set when phase is `failed`: the cloud's code and detail. */
  failure?: { code: string; message: string };
  /** The per-instance detail the `instances` output shows. */
  detail?: InstanceDetail;
  /** Cloud-specific fields the driver wants to keep (e.g. Lightsail arn, Lighthouse LatestOperation). */
  raw?: Record<string, unknown>;
}

/** Credentials are one cloud account's keys; they live in memory only and are never serialised. */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

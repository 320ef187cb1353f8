import { cloudTime } from "../../core/times";
import type { InstanceView, Phase } from "../../core/types";
import { malformed } from "./client";

/** PHASES normalises every documented InstanceState; RUNNING is refined by whether the public address exists. */
const PHASES: Record<string, Phase> = {
  PENDING: "pending",
  STARTING: "pending",
  STOPPING: "pending",
  REBOOTING: "pending",
  ENTER_RESCUE_MODE: "pending",
  EXIT_RESCUE_MODE: "pending",
  RUNNING: "ready",
  STOPPED: "stopped",
  RESCUE_MODE: "stopped",
  FREEZING: "stopped",
  LAUNCH_FAILED: "failed",
  SHUTDOWN: "deleting",
  TERMINATING: "deleting",
  DELETING: "deleting",
};

/** STATES are the InstanceState values Lighthouse documents. */
export const STATES = Object.keys(PHASES);

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/**
 * toInstanceView maps one DescribeInstances item. An instance is `ready` once RUNNING with a public IPv4 address;
 * LAUNCH_FAILED is `failed` with the latest operation's detail. A missing id or state, or a state this driver does
 * not know, is a MalformedResponse error rather than a guess.
 */
export function toInstanceView(item: unknown, requestId?: string): InstanceView {
  const i = (item ?? {}) as Record<string, unknown>;
  if (typeof i.InstanceId !== "string" || typeof i.InstanceState !== "string") {
    throw malformed("DescribeInstances", "an InstanceSet item has no InstanceId or InstanceState", requestId);
  }
  const state = i.InstanceState;
  let phase = PHASES[state];
  if (!phase) {
    throw malformed("DescribeInstances", `instance ${i.InstanceId} is in state ${JSON.stringify(state)}, which this version of lightfleet does not know`, requestId);
  }
  const publicIp = strings(i.PublicAddresses)[0];
  if (phase === "ready" && !publicIp) phase = "pending";
  const tags = Array.isArray(i.Tags)
    ? Object.fromEntries(
        (i.Tags as Array<Record<string, unknown>>).filter((t) => typeof t?.Key === "string").map((t) => [t.Key as string, String(t.Value ?? "")]),
      )
    : {};
  const view: InstanceView = {
    id: i.InstanceId,
    name: typeof i.InstanceName === "string" ? i.InstanceName : "",
    state,
    phase,
    publicIp,
    privateIp: strings(i.PrivateAddresses)[0],
    ipv6Addresses: strings(i.PublicIpv6Addresses),
    zone: typeof i.Zone === "string" ? i.Zone : undefined,
    createdAt: cloudTime(i.CreatedTime),
    tags,
    detail: {
      cpuCount: typeof i.CPU === "number" ? i.CPU : undefined,
      ramSizeInGb: typeof i.Memory === "number" ? i.Memory : undefined,
      blueprintId: typeof i.BlueprintId === "string" ? i.BlueprintId : undefined,
      bundleId: typeof i.BundleId === "string" ? i.BundleId : undefined,
      chargeType: typeof i.InstanceChargeType === "string" ? i.InstanceChargeType : undefined,
      expiresAt: cloudTime(i.ExpiredTime),
    },
    raw: {
      BundleId: i.BundleId,
      BlueprintId: i.BlueprintId,
      Uuid: i.Uuid,
      PlatformType: i.PlatformType,
      OsName: i.OsName,
      RenewFlag: i.RenewFlag,
      ExpiredTime: i.ExpiredTime,
      LatestOperation: i.LatestOperation,
      LatestOperationState: i.LatestOperationState,
      LatestOperationRequestId: i.LatestOperationRequestId,
    },
  };
  if (phase === "failed") {
    view.failure = {
      code: "LAUNCH_FAILED",
      message: `the instance failed to launch (LatestOperation ${String(i.LatestOperation ?? "CreateInstances")}: ${String(i.LatestOperationState ?? "FAILED")}, request id ${String(i.LatestOperationRequestId ?? "unknown")})`,
    };
  }
  return view;
}

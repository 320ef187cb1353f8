import { cloudTime } from "../../core/times";
import type { InstanceView, Phase } from "../../core/types";
import { malformed } from "./client";
import { generatedFor } from "../../core/naming";
import { commonOwnerTag } from "../../core/ownership";
import { lighthouseAutoNaming, PERIODS } from "./schema";

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
      LoginSettings: i.LoginSettings,
      SystemDisk: i.SystemDisk,
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

/** MONTH_MS is an average calendar month, which rounds a subscription's length to whole months. */
const MONTH_MS = 30.436875 * 86_400_000;

/** periodOf is the subscription length in months between creation and expiry, the nearest one CreateInstances takes. */
function periodOf(view: InstanceView): number {
  const months = Math.round((Date.parse(String(view.detail?.expiresAt)) - Date.parse(String(view.createdAt))) / MONTH_MS);
  return Number.isFinite(months) ? PERIODS.reduce((best, p) => (Math.abs(p - months) < Math.abs(best - months) ? p : best)) : PERIODS[0];
}

/**
 * inputsFrom reads the inputs of a fleet from its instances as DescribeInstances shows them: bundle, blueprint, the
 * subscription (its period is the time from creation to expiry, which a renewal lengthens; the renewal flag), the
 * zones they run in, the login key pairs, the display name (as `autoName` when lightfleet generated it) and the
 * count. It never shows the manifest's secretPaths and unreadablePaths.
 */
export function inputsFrom(views: InstanceView[]): Record<string, unknown> {
  const [first] = views;
  const raw = first.raw ?? {};
  const keyIds = strings((raw.LoginSettings as Record<string, unknown> | undefined)?.KeyIds);
  const zones = [...new Set(views.flatMap((v) => (v.zone ? [v.zone] : [])))].sort();
  return {
    bundleId: raw.BundleId,
    blueprintId: raw.BlueprintId,
    instanceChargePrepaid: { period: periodOf(first), ...(typeof raw.RenewFlag === "string" ? { renewFlag: raw.RenewFlag } : {}) },
    ...(generatedFor(lighthouseAutoNaming, commonOwnerTag(views), first.name) ? { autoName: first.name } : { instanceName: first.name }),
    instanceCount: views.length,
    ...(zones.length > 0 ? { zones } : {}),
    ...(keyIds.length > 0 ? { loginConfiguration: { keyIds } } : {}),
  };
}

import type { AdminInstance, AdminSnapshot, EmulatorResponse } from "../../emulator";
import type { LighthouseApiError } from "./errors";
import type { CatalogBlueprint, CatalogBundle } from "./catalog";
import type { FailedResource, StoredInstance, StoredSnapshot } from "./models";

/** API 3.0 answers every call with HTTP 200 and exactly this content type (the Python SDK parses errors only then). */
const JSON_HEADERS = { "content-type": "application/json" };

/** renderSuccess writes `{"Response":{...fields,"RequestId"}}`. */
export function renderSuccess(requestId: string, fields: Record<string, unknown>): EmulatorResponse {
  return { status: 200, headers: JSON_HEADERS, body: JSON.stringify({ Response: { ...fields, RequestId: requestId } }) };
}

/** renderError is the one envelope writer for errors: `{"Response":{"Error":{"Code","Message"},"RequestId"}}`, HTTP 200. */
export function renderError(requestId: string, err: LighthouseApiError): EmulatorResponse {
  return {
    status: 200,
    headers: JSON_HEADERS,
    body: JSON.stringify({ Response: { Error: { Code: err.code, Message: err.message }, RequestId: requestId } }),
  };
}

/** renderInstance is an instance as DescribeInstances shows it (without localcloud's own bookkeeping). */
export function renderInstance(i: StoredInstance): Record<string, unknown> {
  const { Region: _region, schedule: _schedule, Removed: _removed, ...api } = i;
  return api;
}

/** renderSnapshot is a snapshot as DescribeSnapshots shows it. */
export function renderSnapshot(s: StoredSnapshot): Record<string, unknown> {
  const { Region: _region, schedule: _schedule, InstanceId: _instance, ...api } = s;
  return api;
}

/** renderBundle is a bundle as DescribeBundles shows it. */
export function renderBundle(b: CatalogBundle): Record<string, unknown> {
  const { noStockZones: _zones, MonthlyPrice, ...api } = b;
  return {
    ...api,
    Price: {
      InstancePrice: { OriginalBundlePrice: MonthlyPrice, OriginalPrice: MonthlyPrice, Discount: 100, DiscountPrice: MonthlyPrice, Currency: "CNY" },
    },
  };
}

/** renderBlueprint is a blueprint as DescribeBlueprints shows it. */
export function renderBlueprint(b: CatalogBlueprint): Record<string, unknown> {
  return { ...b, CreatedTime: "2024-01-01T00:00:00Z", SupportAutomationTools: true, BlueprintShared: false, Tags: [] };
}

/** renderFailedResource is one FailedResources entry of the Tag service. */
export function renderFailedResource(f: FailedResource): Record<string, unknown> {
  return { Resource: f.resource, Code: f.code, Message: f.message };
}

/** renderAdminInstance is an instance as localcloud's admin API lists it. */
export function renderAdminInstance(i: StoredInstance): AdminInstance {
  return {
    cloud: "lighthouse",
    region: i.Region,
    id: i.InstanceId,
    name: i.InstanceName,
    state: i.InstanceState,
    publicIp: i.PublicAddresses[0],
    privateIp: i.PrivateAddresses[0],
    tags: Object.fromEntries(i.Tags.map((t) => [t.Key, t.Value])),
  };
}

/** renderAdminSnapshot is a snapshot as localcloud's admin API lists it. */
export function renderAdminSnapshot(s: StoredSnapshot): AdminSnapshot {
  return { cloud: "lighthouse", region: s.Region, id: s.SnapshotId, name: s.SnapshotName, state: s.SnapshotState };
}

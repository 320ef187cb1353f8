import { CLOUDS, type CloudName } from "./types";

/** ResourceRef is what a resource id encodes, so that read works from the id alone. */
export interface ResourceRef {
  cloud: CloudName;
  region: string;
  instanceIds: string[];
}

/** encodeResourceId writes `cloud/region/id1,id2,...`. */
export function encodeResourceId(ref: ResourceRef): string {
  return `${ref.cloud}/${ref.region}/${ref.instanceIds.join(",")}`;
}

/** decodeResourceId reads an id written by encodeResourceId. */
export function decodeResourceId(id: string): ResourceRef {
  const [cloud, region, list] = id.split("/", 3);
  if (!CLOUDS.includes(cloud as CloudName) || !region) throw new Error(`not a lightfleet resource id: ${id}`);
  return { cloud: cloud as CloudName, region, instanceIds: list ? list.split(",").filter(Boolean) : [] };
}

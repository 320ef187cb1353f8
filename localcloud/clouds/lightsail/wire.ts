import type { AdminInstance, AdminSnapshot, EmulatorRequest, EmulatorResponse } from "../../emulator";
import { blueprints, bundles, type BlueprintEntry, type RegionEntry } from "./catalog";
import { LightsailError } from "./errors";
import type { InstanceRecord, OperationRecord, Page, SnapshotRecord } from "./models";

/**
 * Lightsail's wire: awsJson 1.1 requests and answers (the records of models.ts rendered as the API shows them), and
 * the awsQuery XML of the STS endpoint served beside it. Nothing here changes state.
 */

/** Input is a decoded awsJson request body. */
export type Input = Record<string, unknown>;

/** Body is a JSON response body. */
export type Body = Record<string, unknown>;

/** TARGET_PREFIX starts the `X-Amz-Target` header of every Lightsail call. */
const TARGET_PREFIX = "Lightsail_20161128.";

const JSON_TYPE = "application/x-amz-json-1.1";

/** STS_NS is the XML namespace of STS answers. */
const STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";

/** stateCodes are the EC2-style numeric codes that go with each state name. */
const stateCodes: Record<string, number> = {
  pending: 0,
  running: 16,
  "shutting-down": 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

/** operationOf is the operation an awsJson request names, or undefined when it is not a Lightsail request. */
export function operationOf(req: EmulatorRequest): string | undefined {
  const target = req.headers["x-amz-target"];
  if (req.method !== "POST" || req.path !== "/" || !target?.startsWith(TARGET_PREFIX)) return undefined;
  return target.slice(TARGET_PREFIX.length) || undefined;
}

/** parseInput decodes the JSON body; an empty body is an empty input. */
export function parseInput(req: EmulatorRequest): Input {
  if (req.body.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.body);
  } catch {
    throw new LightsailError("SerializationException", "The request body is not valid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new LightsailError("SerializationException", "The request body must be a JSON object");
  }
  return parsed as Input;
}

/** renderResult is a successful awsJson answer. */
export function renderResult(body: unknown, requestId: string): EmulatorResponse {
  return { status: 200, headers: { "content-type": JSON_TYPE, "x-amzn-requestid": requestId }, body: JSON.stringify(body) };
}

/**
 * renderError is the one writer of Lightsail's error envelope: `__type`, `message` and (for Lightsail's own
 * exceptions) its `code`, the `x-amzn-ErrorType` header and the exception's HTTP status.
 */
export function renderError(err: LightsailError, requestId: string): EmulatorResponse {
  return {
    status: err.status,
    headers: { "content-type": JSON_TYPE, "x-amzn-requestid": requestId, "x-amzn-errortype": err.type },
    body: JSON.stringify({ __type: err.type, message: err.message, ...(err.code ? { code: err.code } : {}) }),
  };
}

/** renderPage is a list answer: the page's items under `key`, and the next page's token when there is one. */
export function renderPage<T>(key: string, p: Page<T>, render: (item: T) => unknown): Body {
  return { [key]: p.items.map(render), ...(p.nextPageToken ? { nextPageToken: p.nextPageToken } : {}) };
}

/** renderOperation is an operation as the Get*Operation* calls and every mutating call show it. */
export function renderOperation(op: OperationRecord): Body {
  return {
    id: op.id,
    resourceName: op.resourceName,
    resourceType: op.resourceType,
    createdAt: op.createdAt,
    location: { availabilityZone: op.availabilityZone, regionName: op.region },
    isTerminal: op.isTerminal,
    operationDetails: op.operationDetails,
    operationType: op.operationType,
    status: op.status,
    statusChangedAt: op.statusChangedAt,
    ...(op.errorCode ? { errorCode: op.errorCode, errorDetails: op.errorDetails } : {}),
  };
}

/** renderOperations is the answer of a mutating call: the operations it started. */
export function renderOperations(ops: OperationRecord[]): Body {
  return { operations: ops.map(renderOperation) };
}

/** renderState is an instance state with its EC2-style code. */
export function renderState(i: InstanceRecord): Body {
  return { code: stateCodes[i.state] ?? 0, name: i.state };
}

/** port is one open port of an instance's default firewall, reachable from anywhere. */
function port(p: number, commonName: string): Body {
  return {
    fromPort: p,
    toPort: p,
    protocol: "tcp",
    accessFrom: "Anywhere (0.0.0.0/0 and ::/0)",
    accessType: "public",
    commonName,
    accessDirection: "inbound",
    cidrs: ["0.0.0.0/0"],
    ipv6Cidrs: ["::/0"],
    cidrListAliases: [],
  };
}

/** renderHardware is an instance's CPUs, memory and system disk, from its bundle. */
function renderHardware(i: InstanceRecord, windows: boolean): Body {
  const bundle = bundles.find((b) => b.bundleId === i.bundleId);
  return {
    cpuCount: bundle?.cpuCount ?? 2,
    ramSizeInGb: bundle?.ramSizeInGb ?? 1,
    disks: [
      {
        createdAt: i.createdAt,
        sizeInGb: bundle?.diskSizeInGb ?? 20,
        isSystemDisk: true,
        iops: 100,
        path: windows ? "C:" : "/dev/xvda",
        attachedTo: i.name,
        attachmentState: "attached",
      },
    ],
  };
}

/** renderNetworking is an instance's transfer allowance and open ports (RDP on Windows, HTTP elsewhere). */
function renderNetworking(i: InstanceRecord, windows: boolean): Body {
  const bundle = bundles.find((b) => b.bundleId === i.bundleId);
  return {
    monthlyTransfer: { gbPerMonthAllocated: bundle?.transferPerMonthInGb ?? 1024 },
    ports: windows ? [port(22, ""), port(3389, "")] : [port(22, ""), port(80, "")],
  };
}

const METADATA_OPTIONS = {
  state: "applied",
  httpTokens: "optional",
  httpEndpoint: "enabled",
  httpPutResponseHopLimit: 1,
  httpProtocolIpv6: "disabled",
};

/** renderInstance is an instance as GetInstance and GetInstances show it. */
export function renderInstance(i: InstanceRecord): Body {
  const bp = blueprints.find((b) => b.blueprintId === i.blueprintId);
  const windows = bp?.platform === "WINDOWS";
  return {
    name: i.name,
    arn: i.arn,
    supportCode: i.supportCode,
    createdAt: i.createdAt,
    location: { availabilityZone: i.availabilityZone, regionName: i.region },
    resourceType: "Instance",
    tags: i.tags,
    blueprintId: i.blueprintId,
    blueprintName: bp?.name ?? i.blueprintId,
    bundleId: i.bundleId,
    addOns: i.addOns,
    isStaticIp: false,
    privateIpAddress: i.privateIpAddress,
    ...(i.publicIpAddress ? { publicIpAddress: i.publicIpAddress } : {}),
    ipv6Addresses: i.ipv6Addresses,
    ipAddressType: i.ipAddressType,
    hardware: renderHardware(i, windows),
    networking: renderNetworking(i, windows),
    state: renderState(i),
    username: bp?.username ?? "ec2-user",
    ...(i.sshKeyName ? { sshKeyName: i.sshKeyName } : {}),
    metadataOptions: { ...METADATA_OPTIONS },
  };
}

/** renderSnapshot is an instance snapshot as GetInstanceSnapshot(s) show it. */
export function renderSnapshot(s: SnapshotRecord): Body {
  return {
    name: s.name,
    arn: s.arn,
    supportCode: s.supportCode,
    createdAt: s.createdAt,
    location: { availabilityZone: s.availabilityZone, regionName: s.region },
    resourceType: "InstanceSnapshot",
    tags: s.tags,
    state: s.state,
    progress: s.progress,
    fromAttachedDisks: [],
    fromInstanceName: s.fromInstanceName,
    fromInstanceArn: s.fromInstanceArn,
    fromBlueprintId: s.fromBlueprintId,
    fromBundleId: s.fromBundleId,
    isFromAutoSnapshot: false,
    sizeInGb: s.sizeInGb,
  };
}

/** renderBlueprint is a blueprint as GetBlueprints shows it (without the login user, which the API gives per instance). */
export function renderBlueprint({ username: _u, ...b }: BlueprintEntry): Body {
  return b;
}

/** renderRegion is a region as GetRegions shows it, with its zones when asked. */
export function renderRegion(r: RegionEntry, zones: boolean, dbZones: boolean): Body {
  return {
    continentCode: r.continentCode,
    description: r.description,
    displayName: r.displayName,
    name: r.name,
    availabilityZones: zones ? r.zones.map((z) => ({ zoneName: z, state: "available" })) : [],
    relationalDatabaseAvailabilityZones: dbZones ? r.zones.map((z) => ({ zoneName: z, state: "available" })) : [],
  };
}

/** adminInstance is an instance as localcloud's admin API lists it. */
export function adminInstance(i: InstanceRecord): AdminInstance {
  return {
    cloud: "lightsail",
    region: i.region,
    id: i.name,
    name: i.name,
    state: i.state,
    ...(i.publicIpAddress ? { publicIp: i.publicIpAddress } : {}),
    privateIp: i.privateIpAddress,
    tags: Object.fromEntries(i.tags.map((t) => [t.key, t.value ?? ""])),
  };
}

/** adminSnapshot is a snapshot as localcloud's admin API lists it. */
export function adminSnapshot(s: SnapshotRecord): AdminSnapshot {
  return { cloud: "lightsail", region: s.region, id: s.name, name: s.name, state: s.state };
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** renderStsError is the one writer of STS's XML error envelope. */
export function renderStsError(status: number, code: string, message: string, requestId: string): EmulatorResponse {
  const body = `<ErrorResponse xmlns="${STS_NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
  return { status, headers: { "content-type": "text/xml", "x-amzn-requestid": requestId }, body };
}

/** StsCredentials are the temporary credentials an STS action issued, and the role session they belong to. */
export interface StsCredentials {
  accessKeyId: string;
  secret: string;
  token: string;
  expiration: string;
  roleArn: string;
  session: string;
}

/** renderStsCredentials is the answer of AssumeRole or AssumeRoleWithWebIdentity. */
export function renderStsCredentials(op: string, c: StsCredentials, requestId: string): EmulatorResponse {
  const account = c.roleArn.split(":")[4];
  const role = c.roleArn.slice(c.roleArn.lastIndexOf("/") + 1);
  const body =
    `<${op}Response xmlns="${STS_NS}"><${op}Result>` +
    `<Credentials><AccessKeyId>${c.accessKeyId}</AccessKeyId><SecretAccessKey>${c.secret}</SecretAccessKey><SessionToken>${c.token}</SessionToken><Expiration>${c.expiration}</Expiration></Credentials>` +
    `<AssumedRoleUser><AssumedRoleId>AROA${c.accessKeyId.slice(4)}:${xmlEscape(c.session)}</AssumedRoleId><Arn>arn:aws:sts::${account}:assumed-role/${xmlEscape(role)}/${xmlEscape(c.session)}</Arn></AssumedRoleUser>` +
    `</${op}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${op}Response>`;
  return { status: 200, headers: { "content-type": "text/xml", "x-amzn-requestid": requestId }, body };
}

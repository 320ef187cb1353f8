import type { EmulatorRequest } from "../../emulator";
import { apiError } from "./errors";
import type { Filter, LighthouseModel, Page, Tag } from "./models";
import { renderBlueprint, renderBundle, renderFailedResource, renderInstance, renderSnapshot } from "./wire";

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Params reads one action's JSON parameters the way API 3.0 does: unknown names are refused (UnknownParameter),
 * required ones must be present (MissingParameter), and each value must have its documented type (InvalidParameter);
 * integers and booleans also arrive as strings (the docs' own examples send `"Period": "1"`).
 */
export class Params {
  private constructor(
    private readonly body: Json,
    private readonly prefix: string,
  ) {}

  /** of checks the parameter names of a body against the action's list. */
  static of(body: unknown, allowed: readonly string[], prefix = ""): Params {
    if (!isObject(body)) throw apiError("InvalidParameter", `The parameter \`${prefix || "body"}\` must be a JSON object.`);
    for (const k of Object.keys(body)) {
      if (!allowed.includes(k)) throw apiError("UnknownParameter", `The parameter \`${prefix}${k}\` is not recognized.`);
    }
    return new Params(body, prefix);
  }

  private name(k: string): string {
    return `${this.prefix}${k}`;
  }

  private raw(k: string, required: boolean): unknown {
    const v = this.body[k];
    if (v === undefined || v === null) {
      if (required) throw apiError("MissingParameter", `The request is missing a required parameter \`${this.name(k)}\`.`);
      return undefined;
    }
    return v;
  }

  private typeError(k: string, type: string): never {
    throw apiError("InvalidParameter", `The value type of parameter \`${this.name(k)}\` is not valid; expected ${type}.`);
  }

  has(k: string): boolean {
    return this.body[k] !== undefined && this.body[k] !== null;
  }

  string(k: string, required = false): string | undefined {
    const v = this.raw(k, required);
    if (v === undefined) return undefined;
    if (typeof v !== "string") this.typeError(k, "String");
    return v;
  }

  integer(k: string, required = false): number | undefined {
    const v = this.raw(k, required);
    if (v === undefined) return undefined;
    const n = typeof v === "string" && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
    if (typeof n !== "number" || !Number.isInteger(n)) this.typeError(k, "Integer");
    return n;
  }

  boolean(k: string): boolean | undefined {
    const v = this.raw(k, false);
    if (v === undefined) return undefined;
    if (v === "true" || v === "false") return v === "true";
    if (typeof v !== "boolean") this.typeError(k, "Boolean");
    return v;
  }

  list(k: string, required = false): unknown[] | undefined {
    const v = this.raw(k, required);
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) this.typeError(k, "Array");
    return v;
  }

  stringList(k: string, required = false): string[] | undefined {
    const v = this.list(k, required);
    if (v === undefined) return undefined;
    if (v.some((s) => typeof s !== "string")) this.typeError(k, "Array of String");
    return v as string[];
  }

  /** object reads a nested structure with its own list of field names. */
  object(k: string, allowed: readonly string[], required = false): Params | undefined {
    const v = this.raw(k, required);
    if (v === undefined) return undefined;
    if (!isObject(v)) this.typeError(k, "Object");
    return Params.of(v, allowed, `${this.name(k)}.`);
  }

  /** objects reads a list of structures, each with the same field names. */
  objects(k: string, allowed: readonly string[], required = false): Params[] | undefined {
    const v = this.list(k, required);
    if (v === undefined) return undefined;
    return v.map((item, i) => {
      if (!isObject(item)) this.typeError(`${k}.${i}`, "Object");
      return Params.of(item, allowed, `${this.name(k)}.${i}.`);
    });
  }
}

/** parseBody reads the JSON body of an API 3.0 POST (an empty body is no parameters). */
function parseBody(req: EmulatorRequest): unknown {
  if (req.body.trim() === "") return {};
  try {
    return JSON.parse(req.body);
  } catch {
    throw apiError("InvalidParameter", "The request body is not valid JSON.");
  }
}

/** CallContext is what an action knows about its call besides the parameters. */
export interface CallContext {
  region: string;
  requestId: string;
}

/** Action is one API action: its parameter names, whether it is regional, and how it maps parameters to the model. */
export interface Action {
  params: readonly string[];
  regional: boolean;
  run(p: Params, model: LighthouseModel, call: CallContext): Record<string, unknown>;
}

function filters(p: Params): Filter[] | undefined {
  return p.objects("Filters", ["Name", "Values"])?.map((f) => ({ Name: f.string("Name", true) as string, Values: f.stringList("Values", true) as string[] }));
}

function page(p: Params): Page {
  return { offset: p.integer("Offset"), limit: p.integer("Limit") };
}

function tags(p: Params, name = "Tags"): Tag[] {
  return (p.objects(name, ["Key", "Value"]) ?? []).map((t) => ({ Key: t.string("Key", true) as string, Value: t.string("Value", true) as string }));
}

function ids(p: Params, name = "InstanceIds"): string[] {
  return p.stringList(name, true) as string[];
}

const CREATE_PARAMS = [
  "BundleId",
  "BlueprintId",
  "InstanceChargePrepaid",
  "InstanceName",
  "InstanceCount",
  "Zones",
  "DryRun",
  "ClientToken",
  "LoginConfiguration",
  "Containers",
  "AutoVoucher",
  "FirewallTemplateId",
  "Tags",
  "InitCommand",
  "DomainName",
  "Subdomain",
] as const;

/** readParams parses a request's body into the action's parameters, refusing names the action does not take. */
export function readParams(req: EmulatorRequest, action: Action): Params {
  return Params.of(parseBody(req), action.params);
}

/** lighthouseActions are the Lighthouse 2020-03-24 actions localcloud serves. */
export const lighthouseActions: Record<string, Action> = {
  CreateInstances: {
    params: CREATE_PARAMS,
    regional: true,
    run(p, model, call) {
      const charge = p.object("InstanceChargePrepaid", ["Period", "RenewFlag", "TimeUnit"], true) as Params;
      const login = p.object("LoginConfiguration", ["AutoGeneratePassword", "Password", "KeyIds"]);
      const containers = p.objects("Containers", ["ContainerImage", "ContainerName", "Envs", "PublishPorts", "Volumes", "Command", "RestartPolicy"]);
      const created = model.createInstances(
        call.region,
        {
          bundleId: p.string("BundleId", true) as string,
          blueprintId: p.string("BlueprintId", true) as string,
          period: charge.integer("Period", true) as number,
          renewFlag: charge.string("RenewFlag"),
          instanceName: p.string("InstanceName"),
          instanceCount: p.integer("InstanceCount"),
          zones: p.stringList("Zones"),
          dryRun: p.boolean("DryRun"),
          clientToken: p.string("ClientToken"),
          login: login && { autoGeneratePassword: login.string("AutoGeneratePassword"), password: login.string("Password"), keyIds: login.stringList("KeyIds") },
          containers: containers?.map((c) => ({ ContainerImage: c.string("ContainerImage", true) as string, ContainerName: c.string("ContainerName") })),
          autoVoucher: p.boolean("AutoVoucher"),
          firewallTemplateId: p.string("FirewallTemplateId"),
          tags: tags(p),
        },
        call.requestId,
      );
      // A dry run that passes answers only the RequestId, as the API documents.
      return created ? { InstanceIdSet: created } : {};
    },
  },
  DescribeInstances: {
    params: ["InstanceIds", "Filters", "Offset", "Limit", "OrderField", "Order"],
    regional: true,
    run(p, model, call) {
      const out = model.describeInstances(call.region, p.stringList("InstanceIds"), filters(p), page(p));
      return { TotalCount: out.total, InstanceSet: out.items.map(renderInstance) };
    },
  },
  ModifyInstancesAttribute: {
    params: ["InstanceIds", "InstanceName"],
    regional: true,
    run(p, model, call) {
      model.modifyInstancesAttribute(call.region, ids(p), p.string("InstanceName"));
      return {};
    },
  },
  StartInstances: {
    params: ["InstanceIds"],
    regional: true,
    run(p, model, call) {
      model.startInstances(call.region, ids(p), call.requestId);
      return {};
    },
  },
  StopInstances: {
    params: ["InstanceIds", "StopType"],
    regional: true,
    run(p, model, call) {
      model.stopInstances(call.region, ids(p), p.string("StopType"), call.requestId);
      return {};
    },
  },
  RebootInstances: {
    params: ["InstanceIds"],
    regional: true,
    run(p, model, call) {
      model.rebootInstances(call.region, ids(p), call.requestId);
      return {};
    },
  },
  IsolateInstances: {
    params: ["InstanceIds", "IsolateDataDisk"],
    regional: true,
    run(p, model, call) {
      // Data disks are not emulated; the flag is still type-checked as the API does.
      p.boolean("IsolateDataDisk");
      model.isolateInstances(call.region, ids(p), call.requestId);
      return {};
    },
  },
  TerminateInstances: {
    params: ["InstanceIds"],
    regional: true,
    run(p, model, call) {
      model.terminateInstances(call.region, ids(p), call.requestId);
      return {};
    },
  },
  CreateInstanceSnapshot: {
    params: ["InstanceId", "SnapshotName", "Tags"],
    regional: true,
    run(p, model, call) {
      return { SnapshotId: model.createInstanceSnapshot(call.region, p.string("InstanceId", true) as string, p.string("SnapshotName"), tags(p), call.requestId) };
    },
  },
  DescribeSnapshots: {
    params: ["SnapshotIds", "Filters", "Offset", "Limit"],
    regional: true,
    run(p, model, call) {
      const out = model.describeSnapshots(call.region, p.stringList("SnapshotIds"), filters(p), page(p));
      return { TotalCount: out.total, SnapshotSet: out.items.map(renderSnapshot) };
    },
  },
  DeleteSnapshots: {
    params: ["SnapshotIds"],
    regional: true,
    run(p, model, call) {
      model.deleteSnapshots(call.region, ids(p, "SnapshotIds"));
      return {};
    },
  },
  DescribeBundles: {
    params: ["BundleIds", "Offset", "Limit", "Filters", "Zones"],
    regional: true,
    run(p, model) {
      // Every bundle is listed for every zone; the zones are still type-checked as the API does.
      p.stringList("Zones");
      const out = model.describeBundles(p.stringList("BundleIds"), filters(p), page(p));
      return { TotalCount: out.total, BundleSet: out.items.map(renderBundle) };
    },
  },
  DescribeBlueprints: {
    params: ["BlueprintIds", "Offset", "Limit", "Filters"],
    regional: true,
    run(p, model) {
      const out = model.describeBlueprints(p.stringList("BlueprintIds"), filters(p), page(p));
      return { TotalCount: out.total, BlueprintSet: out.items.map(renderBlueprint) };
    },
  },
};

/** tagActions are the Tag service (2018-08-13) actions localcloud serves, for Lighthouse instances. */
export const tagActions: Record<string, Action> = {
  TagResources: {
    params: ["ResourceList", "Tags"],
    regional: false,
    run(p, model) {
      const list = p.stringList("ResourceList", true) as string[];
      const t = (p.objects("Tags", ["TagKey", "TagValue"], true) as Params[]).map((x) => ({
        Key: x.string("TagKey", true) as string,
        Value: x.string("TagValue", true) as string,
      }));
      return { FailedResources: model.tagResources(list, t).map(renderFailedResource) };
    },
  },
  UnTagResources: {
    params: ["ResourceList", "TagKeys"],
    regional: false,
    run(p, model) {
      const failed = model.unTagResources(p.stringList("ResourceList", true) as string[], p.stringList("TagKeys", true) as string[]);
      return { FailedResources: failed.map(renderFailedResource) };
    },
  },
};

import { Params } from "./params";
import type { Filter, LighthouseModel, Page, Tag } from "./models";
import { renderBlueprint, renderBundle, renderInstance, renderSnapshot } from "./wire";

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
      return { FailedResources: model.tagResources(list, t) };
    },
  },
  UnTagResources: {
    params: ["ResourceList", "TagKeys"],
    regional: false,
    run(p, model) {
      return { FailedResources: model.unTagResources(p.stringList("ResourceList", true) as string[], p.stringList("TagKeys", true) as string[]) };
    },
  },
};

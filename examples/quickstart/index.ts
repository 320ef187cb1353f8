import * as pulumi from "@pulumi/pulumi";
import { Instance } from "lightfleet";

export default async function () {
  const cfg = new pulumi.Config();
  const web = new Instance("web", { cloud: "lightsail", region: "us-east-1", endpoint: cfg.get("endpoint") } as never);
  return { ids: web.instanceIds };
}

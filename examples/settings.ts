import * as pulumi from "@pulumi/pulumi";

/**
 * ExampleSettings are the knobs the examples read from stack config, so that one program serves the demo and the
 * end-to-end tests (which change the count, a tag, the name, the image and the plan between updates).
 */
export interface ExampleSettings {
  /** API endpoint, e.g. a localcloud URL; the cloud's public endpoint when absent. */
  endpoint?: string;
  count: number;
  /** Value of the `env` tag. */
  env: string;
  /** Instance name (or name prefix). */
  name?: string;
  image?: string;
  plan?: string;
  /** Login password, for the clouds and images that take one at creation (kept secret by the resource). */
  password?: pulumi.Output<string>;
}

/** settings reads the example knobs from the stack config. */
export function settings(): ExampleSettings {
  const cfg = new pulumi.Config();
  return {
    endpoint: cfg.get("endpoint"),
    count: cfg.getNumber("count") ?? 2,
    env: cfg.get("env") ?? "demo",
    name: cfg.get("name"),
    image: cfg.get("image"),
    plan: cfg.get("plan"),
    password: cfg.getSecret("password"),
  };
}

/** fleetOutputs is what each example exports for its fleet. */
export function fleetOutputs(fleet: { instanceIds: pulumi.Output<string[]>; publicIps: pulumi.Output<string[]>; privateIps: pulumi.Output<string[]>; instances: pulumi.Output<unknown[]> }) {
  return { instanceIds: fleet.instanceIds, publicIps: fleet.publicIps, privateIps: fleet.privateIps, instances: fleet.instances };
}

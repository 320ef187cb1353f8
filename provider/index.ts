/**
 * The provider implementation, required by name (`lightfleet/provider`) from the thin serialized provider at call
 * time, so that state holds no code and provider fixes reach existing stacks.
 */
import { setStackConfig, type ConfigSource } from "./core/stackConfig";
import * as instanceProvider from "./instanceProvider";
import * as snapshotProvider from "./snapshotProvider";
import { watchEngine } from "./core/engineWatch";

// Loaded in the engine's dynamic-provider process on its first call: from then on it exits when the engine is gone.
watchEngine();

/**
 * configure keeps the stack config (credentials) for this provider process. The host calls it once on each provider
 * it loads, before any other method. Providers serialized before lightfleet wrote its own provider module (seven
 * closures, one a method) call it and the methods of `instance` and `snapshot` by name, so states written by them
 * stay readable and destroyable.
 */
export async function configure(req: { config: ConfigSource }): Promise<void> {
  setStackConfig(req.config);
}

/** instance implements the Instance resource: the provider the module `__provider` holds returns. */
export const instance = {
  configure,
  check: instanceProvider.check,
  diff: instanceProvider.diff,
  create: instanceProvider.create,
  read: instanceProvider.read,
  update: instanceProvider.update,
  delete: instanceProvider.remove,
};

/** snapshot implements the InstanceSnapshot resource. */
export const snapshot = {
  configure,
  check: snapshotProvider.check,
  diff: snapshotProvider.diff,
  create: snapshotProvider.create,
  read: snapshotProvider.read,
  update: snapshotProvider.update,
  delete: snapshotProvider.remove,
};

const kinds = { instance, snapshot };

/**
 * attach is the `configure` of the providers lightfleet serialized as one closure (before it wrote its own provider
 * module): it gives the deserialized provider the methods of its resource kind, so states written then keep working.
 */
export async function attach(provider: object, kind: keyof typeof kinds, req: { config: ConfigSource }): Promise<void> {
  Object.assign(provider, kinds[kind]);
  await configure(req);
}

import type { EmulatorFactory } from "../../emulator";

/** lightsailEmulator serves the lightsail API (placeholder until its emulator lands: it routes nothing). */
export const lightsailEmulator: EmulatorFactory = () => ({
  cloud: "lightsail",
  route: () => undefined,
  authenticate: () => undefined,
  rateLimits: {},
  defaultRate: 10,
  renderFault: () => ({ status: 500, body: "{}" }),
  handle: () => ({ status: 500, body: "{}" }),
  listInstances: () => [],
  listSnapshots: () => [],
});

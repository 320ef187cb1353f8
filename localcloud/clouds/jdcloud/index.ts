import type { EmulatorFactory } from "../../emulator";

/** jdcloudEmulator serves the jdcloud API (placeholder until its emulator lands: it routes nothing). */
export const jdcloudEmulator: EmulatorFactory = () => ({
  cloud: "jdcloud",
  route: () => undefined,
  authenticate: () => undefined,
  rateLimits: {},
  defaultRate: 10,
  renderFault: () => ({ status: 500, body: "{}" }),
  handle: () => ({ status: 500, body: "{}" }),
  listInstances: () => [],
  listSnapshots: () => [],
});

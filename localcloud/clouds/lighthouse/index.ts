import type { EmulatorFactory } from "../../emulator";

/** lighthouseEmulator serves the lighthouse API (placeholder until its emulator lands: it routes nothing). */
export const lighthouseEmulator: EmulatorFactory = () => ({
  cloud: "lighthouse",
  route: () => undefined,
  authenticate: () => undefined,
  rateLimits: {},
  defaultRate: 10,
  renderFault: () => ({ status: 500, body: "{}" }),
  handle: () => ({ status: 500, body: "{}" }),
  listInstances: () => [],
  listSnapshots: () => [],
});

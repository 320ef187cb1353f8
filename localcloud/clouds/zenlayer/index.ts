import type { EmulatorFactory } from "../../emulator";

/** zenlayerEmulator serves the zenlayer API (placeholder until its emulator lands: it routes nothing). */
export const zenlayerEmulator: EmulatorFactory = () => ({
  cloud: "zenlayer",
  route: () => undefined,
  authenticate: () => undefined,
  rateLimits: {},
  defaultRate: 10,
  renderFault: () => ({ status: 500, body: "{}" }),
  handle: () => ({ status: 500, body: "{}" }),
  listInstances: () => [],
  listSnapshots: () => [],
});

export { lighthouseEmulator, createLighthouseEmulator } from "./lighthouseEmulator";
export type { LighthouseLimits } from "./catalog";

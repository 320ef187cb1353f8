export { lightsailEmulator, lightsailEmulatorWith } from "./lightsailEmulator";
export type { LightsailModelOptions } from "./models";

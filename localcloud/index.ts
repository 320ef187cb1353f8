export { startLocalcloud, type Localcloud, type LocalcloudOptions } from "./server";
export type { AdminInstance, AdminSnapshot, CloudEmulator, EmulatorContext } from "./emulator";
export type { FaultRule, FaultKind } from "./faults";

export { startLocalcloud, type Localcloud, type LocalcloudOptions, type RequestLogEntry } from "./server";
export type { AdminInstance, AdminSnapshot, CatalogItem, CloudCatalog, CloudEmulator, EmulatorContext } from "./emulator";
export type { FaultRule, FaultKind } from "./faults";

import type { EmulatorFactory } from "../emulator";
import { lightsailEmulator } from "./lightsail";
import { lighthouseEmulator } from "./lighthouse";
import { zenlayerEmulator } from "./zenlayer";
import { jdcloudEmulator } from "./jdcloud";

/** emulatorFactories lists every emulated cloud; a new cloud is one more folder and one more line here. */
export const emulatorFactories: EmulatorFactory[] = [lightsailEmulator, lighthouseEmulator, zenlayerEmulator, jdcloudEmulator];

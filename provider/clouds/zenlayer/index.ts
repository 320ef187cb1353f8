export { zenlayerDriver } from "./driver";
export { zenlayerInstanceSchema, type ZenlayerInstanceArgs } from "./schema";

export { jdcloudDriver } from "./driver";
export { jdcloudInstanceSchema, type JdcloudInstanceArgs } from "./schema";

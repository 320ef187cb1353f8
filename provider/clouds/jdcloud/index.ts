import { z } from "zod";
import type { CloudDriver } from "../../core/driver";
import { commonShape } from "../../core/commonSchema";

const schema = z.object({ cloud: z.literal("jdcloud"), ...commonShape });

/** jdcloudDriver (placeholder until the jdcloud driver lands). */
export const jdcloudDriver: CloudDriver<z.infer<typeof schema>> = {
  cloud: "jdcloud",
  schema,
  rateLimits: {},
  defaultRate: 10,
  describeBatchSize: 100,
  fieldRules: {},
  secretPaths: [],
  namesMustBeUnique: false,
  endpoint: (region) => region,
  credentialsFromEnv: () => undefined,
  credentialHelp: "",
  desiredNames: () => undefined,
  desiredCount: () => 0,
  create: async () => ({ ids: [] }),
  describe: async () => new Map(),
  findByTags: async () => [],
  findByIdsOrNames: async () => [],
  delete: async () => undefined,
  update: async () => undefined,
};

import { z } from "zod";
import type { CloudDriver } from "../../core/driver";
import { commonShape } from "../../core/commonSchema";

const schema = z.object({ cloud: z.literal("lighthouse"), ...commonShape });

/** lighthouseDriver (placeholder until the lighthouse driver lands). */
export const lighthouseDriver: CloudDriver<z.infer<typeof schema>> = {
  cloud: "lighthouse",
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

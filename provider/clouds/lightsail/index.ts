import { z } from "zod";
import type { CloudDriver } from "../../core/driver";
import { commonShape } from "../../core/commonSchema";

const schema = z.object({ cloud: z.literal("lightsail"), ...commonShape });

/** lightsailDriver (placeholder until the lightsail driver lands). */
export const lightsailDriver: CloudDriver<z.infer<typeof schema>> = {
  cloud: "lightsail",
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

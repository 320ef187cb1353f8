/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
  testTimeout: 30000,
  // Engine tests each start their own localcloud and stacks; two workers keep the 2-core machines responsive.
  maxWorkers: 2,
  globalSetup: "<rootDir>/test/support/globalSetup.ts",
};

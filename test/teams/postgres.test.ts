import { sharedBackendSuite } from "./sharedBackend";

/** The team scenario on a PostgreSQL state backend (scripts/postgres.sh). */
describe("a team on a PostgreSQL state backend", () => sharedBackendSuite("postgres"));

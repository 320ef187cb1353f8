import { Batcher } from "../../provider/core/batcher";
import { systemClock } from "../../provider/core/clock";
import type { DriverContext } from "../../provider/core/driver";

/** batchEach is a DriverContext's batch for tests that build one by hand: each call's ids in calls of their own. */
export const batchEach: DriverContext["batch"] = (_operation, ids, max, send) => new Batcher(max, 0, systemClock).add(ids, send);

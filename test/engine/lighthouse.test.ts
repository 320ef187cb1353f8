import { lifecycleSuite } from "../support/lifecycleSuite";

jest.setTimeout(180_000);

lifecycleSuite({ cloud: "lighthouse", region: "ap-guangzhou", running: "RUNNING", otherImage: "lhbp-a7oxy2z5" });

import { lifecycleSuite } from "../support/lifecycleSuite";

jest.setTimeout(180_000);

lifecycleSuite({ cloud: "jdcloud", region: "cn-north-1", running: "running", otherImage: "img-debian12" });

import { lifecycleSuite } from "../support/lifecycleSuite";

jest.setTimeout(180_000);

lifecycleSuite({ cloud: "lightsail", region: "us-east-1", running: "running", otherImage: "debian_12" });

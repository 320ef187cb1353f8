import { lifecycleSuite } from "../support/lifecycleSuite";

jest.setTimeout(180_000);

lifecycleSuite({ cloud: "zenlayer", region: "asia-east-1", running: "RUNNING", otherImage: "img-debian-12-x64" });

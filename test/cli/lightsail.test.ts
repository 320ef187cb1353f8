import { cliSuite } from "../support/cliSuite";

jest.setTimeout(180_000);

cliSuite({
  cloud: "lightsail",
  running: "running",
  update: { knob: "env", to: "prod", shown: /~ tags\s*: \{\s*~ env\s*: "demo" => "prod"/ },
  image: { to: "debian_12", shown: /~ blueprintId\s*: "ubuntu_22_04" => "debian_12"/ },
  describeOperations: ["GetInstance", "GetInstances"],
});

import { cliSuite } from "../support/cliSuite";

jest.setTimeout(180_000);

cliSuite({
  cloud: "zenlayer",
  running: "RUNNING",
  update: { knob: "env", to: "prod", shown: /~ tags\s*: \{\s*~ env\s*: "demo" => "prod"/ },
  image: { to: "img-debian-12-x64", shown: /~ imageId\s*: "img-ubuntu-2204-x64" => "img-debian-12-x64"/ },
  secrets: { password: "Lightfleet#2026" },
  unshownRequired: ["password"],
  describeOperations: ["DescribeInstances"],
});

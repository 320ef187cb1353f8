import { cliSuite } from "../support/cliSuite";

jest.setTimeout(180_000);

cliSuite({
  cloud: "lighthouse",
  running: "RUNNING",
  update: { knob: "env", to: "prod", shown: /~ tags\s*: \{\s*~ env\s*: "demo" => "prod"/ },
  image: { to: "lhbp-a7oxy2z5", shown: /~ blueprintId\s*: "lhbp-f1lkcd41" => "lhbp-a7oxy2z5"/ },
  describeOperations: ["DescribeInstances"],
});

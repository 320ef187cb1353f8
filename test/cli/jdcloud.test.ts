import { cliSuite } from "../support/cliSuite";

jest.setTimeout(180_000);

// coc-vm has no tags: the in-place change is the instances' name.
cliSuite({
  cloud: "jdcloud",
  running: "running",
  update: { knob: "name", to: "jweb2", shown: /~ instanceSpec\s*: \{[\s\S]*?~ name\s*: "jweb" => "jweb2"/ },
  image: { to: "img-debian12", shown: /~ instanceSpec\s*: \{[\s\S]*?~ imageId\s*: "img-ubuntu2204" => "img-debian12"/ },
  secrets: { password: "Fleet@Jd2026x" },
  describeOperations: ["describeInstances"],
});

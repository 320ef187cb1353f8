import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { lightsailDriver } from "../../../provider/clouds/lightsail";
import { withEnv } from "../../support/env";

describe("Lightsail credentials from the AWS chain", () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "lightfleet-aws-"));
    file = path.join(dir, "credentials");
    fs.writeFileSync(
      file,
      [
        "# shared credentials",
        "[default]",
        "aws_access_key_id = AKIDDEFAULT",
        "aws_secret_access_key=defaultsecret",
        "",
        "[ci]",
        "aws_access_key_id = AKIDCI",
        "aws_secret_access_key = ci/secret+with=signs",
        "aws_session_token = tok",
      ].join("\n"),
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each<[string, Record<string, string>, object | undefined]>([
    ["the key variables", { AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: "envsecret" }, { accessKeyId: "AKIDENV", secretAccessKey: "envsecret" }],
    [
      "the key variables with a session token",
      { AWS_ACCESS_KEY_ID: "A", AWS_SECRET_ACCESS_KEY: "S", AWS_SESSION_TOKEN: "T" },
      { accessKeyId: "A", secretAccessKey: "S", sessionToken: "T" },
    ],
    ["the default profile", { AWS_SHARED_CREDENTIALS_FILE: "<file>" }, { accessKeyId: "AKIDDEFAULT", secretAccessKey: "defaultsecret" }],
    [
      "a named profile",
      { AWS_SHARED_CREDENTIALS_FILE: "<file>", AWS_PROFILE: "ci" },
      { accessKeyId: "AKIDCI", secretAccessKey: "ci/secret+with=signs", sessionToken: "tok" },
    ],
    ["nothing when a missing file is named", { AWS_SHARED_CREDENTIALS_FILE: "<home>/none", AWS_CONFIG_FILE: "<home>/none" }, undefined],
    ["nothing under an empty HOME", { HOME: "<home>" }, undefined],
  ])("reads %s", async (_what, vars, expected) => {
    const resolved = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, v.replace("<file>", file).replace("<home>", dir)]));
    await withEnv({ HOME: dir, ...resolved }, async () => expect(await lightsailDriver.credentialsFromChain()).toEqual(expected));
  });

  it("reads the profile it is given over AWS_PROFILE", async () => {
    await withEnv({ HOME: dir, AWS_SHARED_CREDENTIALS_FILE: file, AWS_PROFILE: "default" }, async () =>
      expect(await lightsailDriver.credentialsFromChain("ci")).toMatchObject({ accessKeyId: "AKIDCI" }),
    );
  });

  it("finds ~/.aws/credentials under HOME", async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "lightfleet-home-"));
    fs.mkdirSync(path.join(home, ".aws"));
    fs.copyFileSync(file, path.join(home, ".aws", "credentials"));
    await withEnv({ HOME: home }, async () => expect(await lightsailDriver.credentialsFromChain()).toEqual({ accessKeyId: "AKIDDEFAULT", secretAccessKey: "defaultsecret" }));
    fs.rmSync(home, { recursive: true, force: true });
  });

  it("names every source in its help", () => {
    for (const word of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE", "AWS_CONFIG_FILE", "credential_process", "role_arn", "AWS_WEB_IDENTITY_TOKEN_FILE", "lightfleet:lightsailAccessKey", "lightfleet:lightsailSecretKey"]) {
      expect(lightsailDriver.credentialHelp).toContain(word);
    }
  });
});

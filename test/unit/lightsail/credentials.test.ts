import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { lightsailDriver } from "../../../provider/clouds/lightsail";
import { parseIni } from "../../../provider/clouds/lightsail/credentials";

describe("Lightsail credentials from the environment", () => {
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
        "AWS_ACCESS_KEY_ID = AKIDCI",
        "aws_secret_access_key = ci/secret+with=signs",
        "aws_session_token = tok",
        "[broken]",
        "aws_access_key_id = AKIDHALF",
      ].join("\n"),
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each<[string, NodeJS.ProcessEnv, object | undefined]>([
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
    ["a profile without a secret", { AWS_SHARED_CREDENTIALS_FILE: "<file>", AWS_PROFILE: "broken" }, undefined],
    ["an unknown profile", { AWS_SHARED_CREDENTIALS_FILE: "<file>", AWS_PROFILE: "nope" }, undefined],
    ["a missing file", { AWS_SHARED_CREDENTIALS_FILE: "<home>" }, undefined],
    ["the file under HOME", { HOME: "<home>" }, undefined],
  ])("reads %s", (_what, env, expected) => {
    const resolved = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === "<file>" ? file : v === "<home>" ? dir : v]));
    expect(lightsailDriver.credentialsFromEnv(resolved)).toEqual(expected);
  });

  it("finds ~/.aws/credentials under HOME", () => {
    fs.mkdirSync(path.join(dir, ".aws"), { recursive: true });
    fs.copyFileSync(file, path.join(dir, ".aws", "credentials"));
    expect(lightsailDriver.credentialsFromEnv({ HOME: dir })).toEqual({ accessKeyId: "AKIDDEFAULT", secretAccessKey: "defaultsecret" });
  });

  it("names the variables and config keys in its help", () => {
    for (const word of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE", "lightfleet:lightsailAccessKey", "lightfleet:lightsailSecretKey"]) {
      expect(lightsailDriver.credentialHelp).toContain(word);
    }
  });

  it("parses ini sections, comments and spacing", () => {
    expect(parseIni("; c\n[ a ]\nk = v = w\n\n[b]\nx=1")).toEqual({ a: { k: "v = w" }, b: { x: "1" } });
  });
});

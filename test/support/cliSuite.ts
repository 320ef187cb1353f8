import * as fs from "fs";
import * as path from "path";
import type { CloudName } from "../../provider/core/types";
import { CliWorkspace, exampleProgram, withProperties, withResourceOptions, type CliProject } from "./cli";
import { startTestLocalcloud, type LocalcloudHandle } from "./localcloud";

/** CliCloudCase is one cloud's YAML example (examples/yaml/<cloud>) as the CLI suite drives it. */
export interface CliCloudCase {
  cloud: CloudName;
  /** The state localcloud reports for a running instance. */
  running: string;
  /** A project config knob whose change is an in-place update, and how `preview --diff` shows that property. */
  update: { knob: string; to: string; shown: RegExp };
  /** The image knob's other value, and how `preview --diff` shows the replacing change. */
  image: { to: string; shown: RegExp };
  /** Secret project config the program needs (a login password). */
  secrets?: Record<string, string>;
  /**
   * Required inputs the cloud never shows, so an import cannot give them: the user adds them to the imported program,
   * each from the secret config of the same name.
   */
  unshownRequired?: string[];
  /** The operations the provider polls while waiting for instances to run, as localcloud names them. */
  describeOperations: string[];
}

type Outputs = { instanceIds: string[]; publicIps: string[]; privateIps: string[] };

const IPV4 = /^\d+\.\d+\.\d+\.\d+$/;

/**
 * cliSuite runs a cloud's YAML example through the real `pulumi` CLI and the lightfleet plugin against localcloud,
 * one stack reused across the steps: up, preview --diff of an update and of a replacement, refresh, import into
 * another stack, a create cut short by customTimeouts, destroy.
 */
export function cliSuite(c: CliCloudCase): void {
  describe(`${c.cloud}: a YAML program through the pulumi CLI and the lightfleet plugin`, () => {
    const ws = new CliWorkspace(c.cloud);
    const type = `lightfleet:${c.cloud}:Instance`;
    let lc: LocalcloudHandle;
    let app: CliProject;

    beforeAll(async () => {
      lc = await startTestLocalcloud();
      app = ws.project("app", exampleProgram(c.cloud));
      await app.initStack("dev", c.cloud, lc.url, c.secrets);
    });
    afterAll(async () => {
      await app?.pulumi(["destroy", "--yes"], { allowFailure: true });
      await lc?.close();
      fs.rmSync(ws.root, { recursive: true, force: true });
    });

    it("pulumi up creates the fleet, with its ids and IPs in the stack outputs and in localcloud", async () => {
      const up = await app.pulumi(["up", "--yes"]);
      expect(up.output).toMatch(new RegExp(`\\+ +${type} +web +created`));
      const out = (await app.outputs()) as Outputs;
      expect(out.instanceIds).toHaveLength(2);
      expect(out.publicIps.every((ip) => IPV4.test(ip))).toBe(true);
      expect(out.privateIps.every((ip) => IPV4.test(ip))).toBe(true);
      const held = await lc.instances(c.cloud);
      expect(held.map((i) => i.id).sort()).toEqual([...out.instanceIds].sort());
      expect(held.map((i) => i.publicIp).sort()).toEqual([...out.publicIps].sort());
      expect(held.every((i) => i.state === c.running)).toBe(true);
      // The owner comes from the resource's URN: project/stack/name.
      if (c.cloud !== "jdcloud") expect(held.every((i) => i.tags["lightfleet-owner"] === `lightfleet-${c.cloud}/dev/web`)).toBe(true);
    });

    it("pulumi preview --diff shows an in-place change property by property, and an image change as a replacement", async () => {
      await app.pulumi(["config", "set", c.update.knob, c.update.to]);
      const update = await app.pulumi(["preview", "--diff"]);
      await app.pulumi(["config", "rm", c.update.knob]);
      expect(update.output).toMatch(new RegExp(`~ ${type}: \\(update\\)`));
      expect(update.output).toMatch(c.update.shown);
      expect(update.output).not.toMatch(/replace/);

      await app.pulumi(["config", "set", "image", c.image.to]);
      const replace = await app.pulumi(["preview", "--diff"]);
      await app.pulumi(["config", "rm", "image"]);
      expect(replace.output).toMatch(new RegExp(`\\+-${type}: \\(replace\\)`));
      expect(replace.output).toMatch(c.image.shown);
      expect((await lc.instances(c.cloud)).length).toBe(2);
    });

    it("pulumi refresh reads the fleet back as the state has it", async () => {
      const r = await app.pulumi(["refresh", "--yes", "--expect-no-changes"]);
      expect(r.output).toMatch(new RegExp(`${type} +web`));
    });

    it("pulumi import adopts the fleet into another stack, whose next preview shows no change", async () => {
      const [source] = (await app.resources()).filter((r) => r.type === type);
      const before = await lc.instances(c.cloud);
      const header = `name: lightfleet-${c.cloud}-adopt\nruntime: yaml\n`;
      const adopt = ws.project("adopt", header);
      await adopt.initStack("dev", c.cloud, lc.url, c.secrets);
      const generated = path.join(adopt.dir, "imported.yaml");
      const imp = await adopt.pulumi(["import", type, "web", source.id!, "--yes", "--protect=false", "--out", generated]);
      expect(imp.output).toMatch(new RegExp(`= +${type} +web +imported`));
      // The program a user gets from the import, pasted into the project, with what the cloud never shows added.
      const unshown = c.unshownRequired ?? [];
      const config = unshown.length ? `config:\n${unshown.map((k) => `  ${k}:\n    type: string\n    secret: true\n`).join("")}` : "";
      const program = `${header}${config}${fs.readFileSync(generated, "utf8")}`;
      adopt.write(withProperties(program, "web", unshown.map((k) => `${k}: \${${k}}`)));
      await adopt.pulumi(["preview", "--expect-no-changes"]);
      const [taken] = (await adopt.resources()).filter((r) => r.type === type);
      expect(taken.outputs!.instanceIds).toEqual(source.outputs!.instanceIds);
      expect(await lc.instances(c.cloud)).toEqual(before);
      // The other stack lets go; the fleet stays with the stack that made it.
      await adopt.pulumi(["stack", "rm", "--force", "--yes"]);
    });

    it("a create slower than customTimeouts.create fails, naming the setting", async () => {
      // A localcloud of its own whose describe answers take 1.5 s: the wait for the instances outlasts 1 s.
      const slowCloud = await startTestLocalcloud();
      try {
        await slowCloud.faults(c.describeOperations.map((operation) => ({ cloud: c.cloud, operation, kind: "slow", delayMs: 1500, rate: 1 })));
        const slow = ws.project("slow", withResourceOptions(exampleProgram(c.cloud), "web", ["customTimeouts:", "  create: 1s"]));
        // Same project as the app, so a stack of its own.
        await slow.initStack("slow", c.cloud, slowCloud.url, c.secrets);
        const up = await slow.pulumi(["up", "--yes"], { allowFailure: true });
        expect(up.code).not.toBe(0);
        expect(up.output).toMatch(new RegExp(`${type} +web +\\*\\*creating failed\\*\\*`));
        expect(up.output).toMatch(/customTimeouts\.create\b[^\n]*\b1s\b/);
        // The create was cut short, not refused: the instances were launched and the resource is in the state.
        const [failed] = (await slow.resources()).filter((r) => r.type === type);
        expect(failed.id).toMatch(new RegExp(`^${c.cloud}/`));
        expect((await slowCloud.instances(c.cloud)).length).toBe(2);
        // Every instance the cut-short create launched is in the state, so a destroy right after leaves none behind.
        await slow.pulumi(["destroy", "--yes"]);
        expect(await slowCloud.instances(c.cloud)).toEqual([]);
      } finally {
        await slowCloud.close();
      }
    });

    it("pulumi destroy leaves localcloud empty", async () => {
      const r = await app.pulumi(["destroy", "--yes"]);
      expect(r.output).toMatch(new RegExp(`- +${type} +web +deleted`));
      expect(await lc.instances(c.cloud)).toEqual([]);
    });
  });
}

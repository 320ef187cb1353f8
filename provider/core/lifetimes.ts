import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { shortDigest } from "./digest";
import { machineFile } from "./machineState";

/**
 * A fleet's lifetime runs from its first CreateInstances to its delete. Each lifetime gets a nonce of its own, part
 * of the create's client token, so that a stack destroyed and created again with the same inputs never replays an
 * earlier lifetime's token (the cloud would answer with the deleted instances of that lifetime).
 *
 * The nonce is written to disk before the create call and kept until the fleet's delete: a create resumed after a
 * crash (the engine killed mid-create; `refresh` drops the pending create, so the next `check` sees no old inputs and
 * nothing the engine recorded survives) reads it back and sends the same token, which a cloud without tags (JD Cloud)
 * answers with the instances of the interrupted call. Clouds with tags find those instances by their ownership tags
 * whether or not the nonce is found. The file lives under PULUMI_HOME (~/.pulumi by default), beside the engine's
 * own state of the machine, and is named after the resource (owner) and fleet (fingerprint).
 */

function fileOf(owner: string, fingerprint: string, env: NodeJS.ProcessEnv = process.env): string {
  return machineFile("lifetimes", shortDigest(owner, fingerprint), env);
}

function record(file: string, nonce: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, nonce);
  } catch {
    // An unwritable home only costs the token's reuse after a crash; ownership tags still find what was created.
  }
}

/**
 * lifetimeNonce is the nonce of the fleet's current lifetime: the recorded one (`fresh` false: a call may have used
 * it), or a new one recorded now (`fresh` true: no call has carried it yet).
 */
export function lifetimeNonce(owner: string, fingerprint: string): { nonce: string; fresh: boolean } {
  const file = fileOf(owner, fingerprint);
  try {
    const recorded = fs.readFileSync(file, "utf8").trim();
    if (/^[0-9a-f]{16}$/.test(recorded)) return { nonce: recorded, fresh: false };
  } catch {
    // None recorded: a new lifetime starts.
  }
  return { nonce: renewLifetime(owner, fingerprint), fresh: true };
}

/** renewLifetime starts a new lifetime: a fresh nonce, recorded before any call uses it. */
export function renewLifetime(owner: string, fingerprint: string): string {
  const nonce = randomBytes(8).toString("hex");
  record(fileOf(owner, fingerprint), nonce);
  return nonce;
}

/** endLifetime forgets the nonce once the fleet's delete starts: the next create starts a new lifetime. */
export function endLifetime(owner: string, fingerprint: string): void {
  try {
    fs.rmSync(fileOf(owner, fingerprint), { force: true });
  } catch {
    // Nothing to forget.
  }
}

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
 *
 * A growth (an update's create of the instances a fleet lacks) gets a nonce of its own the same way, recorded before
 * its call with the growth it serves (named by the instances it joins) and kept until the update hands its outcome
 * to the engine: an update resumed after a crash grows from the same instances and reads it back. A nonce recorded
 * now tells the growth that no call carried its token, so an answer whose instances are already gone is a launch
 * that failed (JD Cloud deletes those itself), never an earlier growth's replay.
 */

const NONCE = /^[0-9a-f]{16}$/;

function lifetimeFile(owner: string, fingerprint: string, env: NodeJS.ProcessEnv = process.env): string {
  return machineFile("lifetimes", shortDigest(owner, fingerprint), env);
}

function growthFile(owner: string, fingerprint: string, env: NodeJS.ProcessEnv = process.env): string {
  return machineFile("growths", shortDigest(owner, fingerprint), env);
}

function record(file: string, text: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  } catch {
    // An unwritable home only costs the token's reuse after a crash; ownership tags still find what was created.
  }
}

function recorded(file: string): string {
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    return "";
  }
}

function forget(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // Nothing to forget.
  }
}

/**
 * lifetimeNonce is the nonce of the fleet's current lifetime: the recorded one (`fresh` false: a call may have used
 * it), or a new one recorded now (`fresh` true: no call has carried it yet).
 */
export function lifetimeNonce(owner: string, fingerprint: string): { nonce: string; fresh: boolean } {
  const nonce = recorded(lifetimeFile(owner, fingerprint));
  if (NONCE.test(nonce)) return { nonce, fresh: false };
  return { nonce: renewLifetime(owner, fingerprint), fresh: true };
}

/** renewLifetime starts a new lifetime: a fresh nonce, recorded before any call uses it. */
export function renewLifetime(owner: string, fingerprint: string): string {
  const nonce = randomBytes(8).toString("hex");
  record(lifetimeFile(owner, fingerprint), nonce);
  return nonce;
}

/** endLifetime forgets the nonces once the fleet's delete starts: the next create starts a new lifetime. */
export function endLifetime(owner: string, fingerprint: string): void {
  forget(lifetimeFile(owner, fingerprint));
  forget(growthFile(owner, fingerprint));
}

/**
 * growthNonce is the nonce of the fleet's growth `step`: the recorded one when the last growth recorded is this one
 * (`fresh` false: an interrupted call may have carried it), or a new one recorded now (`fresh` true).
 */
export function growthNonce(owner: string, fingerprint: string, step: string): { nonce: string; fresh: boolean } {
  const [growth, nonce] = recorded(growthFile(owner, fingerprint)).split(" ");
  if (growth === shortDigest(step) && NONCE.test(nonce ?? "")) return { nonce, fresh: false };
  return { nonce: renewGrowth(owner, fingerprint, step), fresh: true };
}

/** renewGrowth gives the growth `step` a fresh nonce, recorded before any call uses it. */
export function renewGrowth(owner: string, fingerprint: string, step: string): string {
  const nonce = randomBytes(8).toString("hex");
  record(growthFile(owner, fingerprint), `${shortDigest(step)} ${nonce}`);
  return nonce;
}

/** endGrowth forgets the growth's nonce once its outcome is handed to the engine: nothing is left to resume. */
export function endGrowth(owner: string, fingerprint: string): void {
  forget(growthFile(owner, fingerprint));
}

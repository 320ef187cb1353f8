import * as fs from "fs";
import * as path from "path";
import { shortDigest } from "./digest";
import { machineFile } from "./machineState";

/**
 * Creations are what this machine knows of the instances each resource created: `created`, the ids a CreateInstances
 * answered with, recorded right after the answer and kept until a create or update hands them to the engine;
 * `handed`, every id handed to the engine and not yet gone, and `latest`, the ones the last create or update handed.
 * This is the only mark of ownership on a cloud without tags (JD Cloud coc-vm), and it tells a replaced fleet (handed
 * before the latest) from a crashed create's (never handed, or the latest handed when the engine was killed before
 * recording it); see strays.ts. Tagged clouds are recorded too, which costs nothing and keeps one path. Only clouds
 * whose ids are assigned once are recorded: a Lightsail id is a name anyone may take again. The file lives under
 * PULUMI_HOME beside the lifetimes and is named after the resource (owner).
 */
export interface Creations {
  created: string[];
  handed: string[];
  latest: string[];
}

function fileOf(owner: string, env: NodeJS.ProcessEnv = process.env): string {
  return machineFile("created", shortDigest(owner), env);
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((id): id is string => typeof id === "string") : []);

/** creationsOf reads what this machine recorded for the resource `owner`. */
export function creationsOf(owner: string): Creations {
  try {
    const raw = JSON.parse(fs.readFileSync(fileOf(owner), "utf8")) as Partial<Creations>;
    return { created: strings(raw.created), handed: strings(raw.handed), latest: strings(raw.latest) };
  } catch {
    return { created: [], handed: [], latest: [] };
  }
}

function write(owner: string, c: Creations): void {
  const file = fileOf(owner);
  try {
    if (c.created.length + c.handed.length === 0) fs.rmSync(file, { force: true });
    else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(c));
    }
  } catch {
    // An unwritable home only costs finding a crashed create's instances on a cloud without tags.
  }
}

/** recordCreated adds the instances a CreateInstances call answered with. */
export function recordCreated(owner: string, ids: string[]): void {
  if (ids.length === 0) return;
  const c = creationsOf(owner);
  write(owner, { ...c, created: [...new Set([...c.created, ...ids])] });
}

/** recordHanded marks instances handed to the engine: no longer a crashed create's. */
export function recordHanded(owner: string, ids: string[]): void {
  if (ids.length === 0) return;
  const c = creationsOf(owner);
  const handed = new Set(ids);
  write(owner, { created: c.created.filter((id) => !handed.has(id)), handed: [...new Set([...c.handed, ...ids])], latest: ids });
}

/** forgetGone drops instances the cloud no longer lists. */
export function forgetGone(owner: string, gone: string[]): void {
  const drop = new Set(gone);
  const c = creationsOf(owner);
  if (![...c.created, ...c.handed].some((id) => drop.has(id))) return;
  const keep = (ids: string[]) => ids.filter((id) => !drop.has(id));
  write(owner, { created: keep(c.created), handed: keep(c.handed), latest: keep(c.latest) });
}

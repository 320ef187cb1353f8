import { startLocalcloud, type Localcloud, type LocalcloudOptions } from "../../localcloud/server";
import type { AdminInstance, AdminSnapshot } from "../../localcloud/emulator";

/** LocalcloudHandle is a running localcloud plus the admin calls tests use. */
export interface LocalcloudHandle {
  lc: Localcloud;
  url: string;
  instances(cloud?: string): Promise<AdminInstance[]>;
  snapshots(): Promise<AdminSnapshot[]>;
  stats(): Promise<{ calls: Record<string, Record<string, number>>; throttled: number; faults: Record<string, number> }>;
  faults(rules: unknown[]): Promise<void>;
  clearFaults(): Promise<void>;
  close(): Promise<void>;
}

/** startTestLocalcloud starts localcloud on a free loopback port, fast by default. */
export async function startTestLocalcloud(opts: LocalcloudOptions = {}): Promise<LocalcloudHandle> {
  const lc = await startLocalcloud({ port: 0, timeScale: 0.01, ...opts });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const admin = async (method: string, route: string, body?: unknown): Promise<any> => {
    const r = await fetch(`${lc.url}/_localcloud/${route}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    return r.json();
  };
  return {
    lc,
    url: lc.url,
    instances: async (cloud) => ((await admin("GET", "instances")).instances as AdminInstance[]).filter((i) => !cloud || i.cloud === cloud),
    snapshots: async () => (await admin("GET", "snapshots")).snapshots as AdminSnapshot[],
    stats: () => admin("GET", "stats"),
    faults: async (rules) => void (await admin("POST", "faults", { faults: rules })),
    clearFaults: async () => void (await admin("DELETE", "faults")),
    close: () => lc.close(),
  };
}

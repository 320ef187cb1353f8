import * as net from "net";

/** ENGINE_CHECK_MS is how often the dynamic-provider process looks whether its engine is still there. */
const ENGINE_CHECK_MS = 1000;

/**
 * engineAddress is the engine's gRPC address when this process is the engine's dynamic-provider plugin (started as
 * `node .../cmd/dynamic-provider <engine address>`), else undefined.
 */
export function engineAddress(argv: string[]): EngineAddress | undefined {
  if (!/[\\/]dynamic-provider([\\/]index\.js)?$/.test(argv[1] ?? "")) return undefined;
  return parseEngineAddress(argv[2] ?? "");
}

/** EngineAddress is where the engine's gRPC server listens. */
export interface EngineAddress {
  host: string;
  port: number;
}

/** parseEngineAddress reads a `host:port` address as the engine passes it to a plugin. */
export function parseEngineAddress(text: string): EngineAddress | undefined {
  const m = /^(.*):(\d+)$/.exec(text);
  if (!m) return undefined;
  return { host: m[1].replace(/^\[(.*)\]$/, "$1") || "127.0.0.1", port: Number(m[2]) };
}

/**
 * watchEngine ends this process once its engine is gone. An engine killed outright (SIGKILL of the CLI) never asks
 * its plugins to stop, and an idle plugin writes nothing that would fail on the broken pipe: it would wait, orphaned,
 * for as long as the machine runs. The engine's gRPC port refusing a connection means it is gone.
 */
export function watchEngine(argv: string[] = process.argv, exit: () => void = () => process.exit(1), address = engineAddress(argv)): void {
  if (!address) return;
  const timer = setInterval(() => {
    const socket = net.connect(address);
    socket.on("connect", () => socket.destroy());
    socket.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "ECONNREFUSED") {
        clearInterval(timer);
        exit();
      }
    });
  }, ENGINE_CHECK_MS);
  timer.unref();
}

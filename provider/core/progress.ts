/**
 * progress reports what a long operation is doing. The dynamic-provider host forwards the provider's stderr to the
 * engine, which shows it with the resource when run verbosely and in its logs; messages never carry credentials.
 *
 * A broken stderr pipe means the engine that reads it is gone (killed mid-update): nobody can receive this process's
 * answers any more, so it exits instead of polling on, orphaned, for as long as its waits last.
 */
let watching = false;

export function progress(message: string): void {
  if (!watching) {
    watching = true;
    process.stderr.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EPIPE" || err.code === "ERR_STREAM_DESTROYED") process.exit(1);
    });
  }
  if (process.stderr.writable) process.stderr.write(`lightfleet: ${message}\n`);
}

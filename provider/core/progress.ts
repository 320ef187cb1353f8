/**
 * progress reports what a long operation is doing. The dynamic-provider host forwards the provider's stderr to the
 * engine, which shows it with the resource when run verbosely and in its logs; messages never carry credentials.
 */
export function progress(message: string): void {
  process.stderr.write(`lightfleet: ${message}\n`);
}

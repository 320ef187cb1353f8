import { isCloudError } from "./errors";

const calls = new Map<string, Promise<unknown>>();

/**
 * coalesced runs `fn` once per key for the life of the provider process (one engine operation) and gives every caller
 * with the same key its result. A check-time dry run of a hundred fleets that differ only in their names would
 * otherwise spend a hundred calls of the API budget the creates need. An answer that may differ on a second try
 * (throttling, a 5xx, a non-cloud failure) is forgotten, so the next caller asks again.
 */
export function coalesced<T>(key: string, fn: () => Promise<T>): Promise<T> {
  let p = calls.get(key) as Promise<T> | undefined;
  if (!p) {
    p = fn();
    calls.set(key, p);
    p.catch((err: unknown) => {
      if (!isCloudError(err) || err.retryable) calls.delete(key);
    });
  }
  return p;
}

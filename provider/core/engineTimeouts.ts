import { AsyncLocalStorage } from "async_hooks";

/** TimedOperation is an operation whose time limit a user sets. */
export type TimedOperation = "create" | "update" | "delete";

/** EngineTimeout is the time limit the engine gave one operation (a resource's `customTimeouts`). */
export interface EngineTimeout {
  operation: TimedOperation;
  ms: number;
}

const scope = new AsyncLocalStorage<EngineTimeout>();

/**
 * withEngineTimeout runs `fn` with the engine's time limit for `operation` in force: every deadline core computes for
 * that operation inside `fn` (timeoutFor) follows it instead of the resource's `timeouts`. The limit lives in this
 * call's async scope only, never in the inputs, so it never shows as a change. Zero or less means none was set.
 */
export function withEngineTimeout<T>(operation: TimedOperation, ms: number, fn: () => Promise<T>): Promise<T> {
  return ms > 0 ? scope.run({ operation, ms }, fn) : fn();
}

/** engineTimeout is the engine's time limit for `operation` in the current scope, in ms, if the engine set one. */
export function engineTimeout(operation: TimedOperation): number | undefined {
  const t = scope.getStore();
  return t?.operation === operation ? t.ms : undefined;
}

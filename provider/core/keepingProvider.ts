import { isCloudError } from "./errors";

/**
 * keepingProvider readies a partial failure (a CloudError carrying the resource id) for the dynamic-provider host:
 * it adds the serialized provider to the error's properties, which the engine records as the resource's outputs (the
 * host finds the provider for a later read or delete only there, and adds it itself to a success only), and it puts
 * the message in `reasons`, the only text the engine shows for such an error ("resource init failed" otherwise).
 */
export async function keepingProvider<T>(inputs: Record<string, unknown>, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (isCloudError(err) && err.id && err.properties) {
      if (inputs.__provider !== undefined) err.properties.__provider = inputs.__provider;
      Object.assign(err, { reasons: [err.message] });
    }
    throw err;
  }
}

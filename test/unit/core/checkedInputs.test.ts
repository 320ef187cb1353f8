import { z } from "zod";
import { keepParsed, parsedInputs } from "../../../provider/core/checkedInputs";

/** countingSchema is a schema with a default that counts its parses. */
function countingSchema() {
  const counted = { parses: 0 };
  const schema = z.object({ name: z.string(), count: z.number().default(1) }).transform((v) => {
    counted.parses++;
    return v;
  });
  return { schema, counted };
}

describe("check's parse handed to diff", () => {
  it("serves the diff of the inputs check validated without parsing them again, once", () => {
    const { schema, counted } = countingSchema();
    keepParsed({ name: "web", tags: { a: "1" } }, { name: "web", count: 1, tags: { a: "1" } });
    // The engine's copy of the inputs: equal, keys in another order.
    expect(parsedInputs(schema, { tags: { a: "1" }, name: "web" })).toEqual({ success: true, data: { name: "web", count: 1, tags: { a: "1" } } });
    expect(counted.parses).toBe(0);
    expect(parsedInputs(schema, { name: "web", tags: { a: "1" } })).toMatchObject({ success: true, data: { name: "web", count: 1 } });
    expect(counted.parses).toBe(1);
  });

  it("parses inputs check did not validate, and reports them invalid", () => {
    const { schema, counted } = countingSchema();
    keepParsed({ name: "a" }, { name: "a", count: 1 });
    expect(parsedInputs(schema, { name: "b" })).toMatchObject({ success: true, data: { name: "b", count: 1 } });
    expect(parsedInputs(schema, { name: 3 })).toMatchObject({ success: false });
    expect(counted.parses).toBe(1);
  });

  it("keeps at most a thousand parses that no diff took", () => {
    const { schema, counted } = countingSchema();
    for (let i = 0; i < 1001; i++) keepParsed({ name: `n${i}` }, { name: `n${i}`, count: 7 });
    expect(parsedInputs(schema, { name: "n0" })).toMatchObject({ data: { count: 1 } });
    expect(parsedInputs(schema, { name: "n1000" })).toMatchObject({ data: { count: 7 } });
    expect(counted.parses).toBe(1);
  });
});

import { catalogError, choices, MAX_CHOICES } from "../../../provider/core/catalogCheck";

describe("catalogue check messages", () => {
  it("list every valid choice of a short catalogue", () => {
    expect(choices(["nano_3_0", "micro_3_0"])).toBe("nano_3_0, micro_3_0");
  });

  it("cap a long catalogue at a readable length and say how many were left out", () => {
    const ids = Array.from({ length: MAX_CHOICES + 30 }, (_, i) => `img-${i}`);
    const text = choices(ids);
    expect(text.split(", ")).toHaveLength(MAX_CHOICES);
    expect(text).toMatch(/ \(and 30 more\)$/);
  });

  it("say when nothing is available", () => {
    expect(choices([])).toBe("none is available there");
  });

  it("name each refused property in one error that check reports", () => {
    const err = catalogError("zenlayer", "CreateInstances", [
      { property: "imageId", message: '"img-x" is not an image of zone asia-east-1a; valid choices: img-a' },
      { property: "subnetId", message: '"subnet-x" is not a subnet of zone asia-east-1a; valid choices: subnet-a' },
    ]);
    expect(err.retryable).toBe(false);
    expect(err.message).toContain('property imageId: "img-x" is not an image');
    expect(err.message).toContain('property subnetId: "subnet-x"');
  });
});

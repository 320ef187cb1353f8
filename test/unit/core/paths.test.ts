import { pickPathsWithout } from "../../../provider/core/paths";

describe("picking values without some nested paths", () => {
  const inputs = { zone: "a", login: { password: "s3cret", keyIds: ["k1"] }, userData: "#!/bin/sh", name: "web" };

  it("keeps the picked values, drops a removed path inside one, and skips a picked path that is removed whole", () => {
    const picked = pickPathsWithout(inputs, [["zone"], ["login"], ["userData"], ["missing"]], [["login", "password"], ["userData"]]);
    expect(picked).toEqual({ zone: "a", login: { keyIds: ["k1"] } });
  });

  it("leaves the object it picks from untouched", () => {
    pickPathsWithout(inputs, [["login"]], [["login", "password"]]);
    expect(inputs.login.password).toBe("s3cret");
  });
});

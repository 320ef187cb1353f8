import { execFileSync } from "child_process";
import * as path from "path";

/**
 * globalSetup makes sure the real Pulumi engine (built from Go modules when it is not on PATH), the official Python
 * SDKs and the team tests' backend servers are there before any test runs, so no test times out while they are being
 * installed.
 */
export default function globalSetup(): void {
  // The AWS credential chain ends with the EC2 metadata service at 169.254.169.254: tests never leave loopback.
  process.env.AWS_EC2_METADATA_DISABLED = "true";
  const root = path.resolve(__dirname, "..", "..");
  const prefix = execFileSync("bash", [path.join(root, "scripts", "ensure-pulumi.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
  process.env.PATH = `${prefix}${path.delimiter}${process.env.PATH ?? ""}`;
  process.env.LIGHTFLEET_PYTHON = execFileSync("bash", [path.join(root, "scripts", "ensure-pyenv.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
  // The team tests' state backends: PostgreSQL (installed from the Debian packages when missing) and moto's S3.
  execFileSync("bash", [path.join(root, "scripts", "postgres.sh"), "install"], { stdio: ["ignore", "inherit", "inherit"] });
  execFileSync("bash", [path.join(root, "scripts", "ensure-moto.sh")], { stdio: ["ignore", "ignore", "inherit"] });
}

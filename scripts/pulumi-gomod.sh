# pulumi-gomod.sh, sourced by ensure-pulumi.sh and ensure-sdk-codegen.sh: pulumi_gomod MODULE VERSION prints the
# go.mod of a wrapper module that builds against pulumi's pkg/v3 and sdk/v3 at VERSION. sdk/v3 is named because
# minimal version selection would otherwise pick an older one; the one replace is pkg/v3's own, which a dependent
# module must repeat.
pulumi_gomod() {
  cat <<GOMOD
module $1

go 1.25.11

require (
	github.com/pulumi/pulumi/pkg/v3 $2
	github.com/pulumi/pulumi/sdk/v3 $2
)

replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
GOMOD
}

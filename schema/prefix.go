package schema

import "github.com/cayleygraph/quad/voc"

func init() { RegisterPrefixes() }

// RegisterPrefixes registers claimgraph's prefixes (cg:, cgid:, schema:,
// prov:) with quad/voc, so that short IRIs such as <cg:metric> expand to full
// ones. It is idempotent and called by the package's init.
func RegisterPrefixes() {
	voc.RegisterPrefix(Prefix, NS)
	voc.RegisterPrefix(IDPrefix, IDNS)
	voc.RegisterPrefix(SchemaPrefix, SchemaNS)
	voc.RegisterPrefix(ProvPrefix, ProvNS)
}

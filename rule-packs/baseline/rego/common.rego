# Baseline pack: what the rules of several intents share. Each helper computes what the Drools
# fact classes (ManifestFact, ModelFact) compute, so both engines judge the same facts alike.
package spendgate.packs.baseline

# The pack is written in OPA 1.x syntax; every module imports rego.v1 so that OPA 0.60+ servers
# (DESIGN section 5) accept it too. OPA 1.x takes the import as a no-op.
import rego.v1

# "outside production": metadata.environment != production.
outside_production(document) if document.metadata.environment != "production"

# "has GPUs": spec.compute is present and asks for GPUs: gpuCount > 0 when the count is given,
# else a gpuType is given.
has_gpus(compute) if compute.gpuCount > 0

has_gpus(compute) if {
	not "gpuCount" in object.keys(compute)
	"gpuType" in object.keys(compute)
}

# A JSON pointer into spec.models: /spec/models/<index>/<key>.
model_path(index, key) := sprintf("/spec/models/%d/%s", [index, key])

# A string as a JSON pointer token: ~ as ~0, then / as ~1.
pointer_token(text) := replace(replace(text, "~", "~0"), "/", "~1")

# Java's String.isBlank: empty, or only code points for which Character.isWhitespace is true:
# U+0009-U+000D, U+001C-U+0020, the line and paragraph separators U+2028 and U+2029, and the
# Unicode space separators except the no-break spaces U+00A0, U+2007 and U+202F.
blank(text) if regex.match(
	`^[\t-\r\x{1C}-\x{20}\x{1680}\x{2000}-\x{2006}\x{2008}-\x{200A}\x{2028}\x{2029}\x{205F}\x{3000}]*$`,
	text,
)

# True when instant a is strictly before instant b, both written as Java's Instant.toString()
# writes them (ISO-8601 in UTC, the fraction of a second in 0, 3, 6 or 9 digits). They are compared
# as text, not with time.parse_rfc3339_ns, which fails outside the years 1678 to 2262 where a
# manifest's startsAt (any year 0000-9999) can be.
instant_before(a, b) if instant_key(a) < instant_key(b)

# An Instant.toString() text as a sortable key: [digits of the year, year, rest to the second,
# nanoseconds in 9 digits]. Years after 9999 are written +NNNNN. Years before 0000 (written
# -NNNN, only from a startsAt early in year 0000 with a positive offset) sort before all others.
instant_key(text) := [count(year), year, rest, substring(concat("", [fraction, "000000000"]), 0, 9)] if {
	[_, year, rest, fraction] := regex.find_all_string_submatch_n(
		`^\+?([0-9]{4,})-([0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2})(?:\.([0-9]{1,9}))?Z$`,
		text, 1,
	)[0]
}

instant_key(text) := [-1] if startswith(text, "-")

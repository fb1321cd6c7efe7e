# The decision spendgate asks OPA for (POST /v1/data/spendgate/decision): the detections of every
# pack served, gathered in one array. spendgate puts this module into every bundle it writes; each
# pack's Rego lives in package spendgate.packs.<pack id> and defines the set `detections`.
# `evaluated` acknowledges every manifest of the input by name: spendgate checks that the decision
# covered each manifest it sent. Written so that OPA 0.60+ (with import rego.v1) and OPA 1.x both
# accept it.
package spendgate.decision

import rego.v1

detections := [d | some id; some d in data.spendgate.packs[id].detections]

evaluated := [m.name | some m in input.manifests]

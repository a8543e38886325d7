// The measure and method of a rulebook row (rules.md, "Measures" and
// "Methods"), parsed from every YAML form the rulebook syntax allows.
#pragma once

#include <optional>

#include "base/diagnostic.h"
#include "load/yaml_fields.h"
#include "model/rulebook.h"

namespace creditgen::load {

/// `uscc_errors`, `{count: …, window: …}`, `{sum: ledger}`, `{incidents:
/// unhandled}`, `{objections: worst_days}`, `{metric|share|growth: NAME}`,
/// `{ratio: {num: NAME|[NAMES]|{count: objection}, den: NAME}}`. Every metric
/// named must be declared in `rb.metrics`. nullopt after reporting errors.
std::optional<model::Measure> parse_measure(const YamlFile& file, const YAML::Node& node, const model::Rulebook& rb,
                                            Diagnostics& diags);

/// `{type: …, floor, each, table, order, tiers, none}`; the parameters a type
/// needs are required. nullopt after reporting errors.
std::optional<model::Method> parse_method(const YamlFile& file, const YAML::Node& node, Diagnostics& diags);

}  // namespace creditgen::load

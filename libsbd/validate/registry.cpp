// The one list of the validator's rules. Each rule lives in its own file in
// rules/ and defines `const Rule& rule_<name>()`; it is registered here by one
// explicit line (no static initialisers: a static library would drop them).
// Codes by family (docs/rules.md): SBD00xx the validator itself, 01xx
// structure, 02xx limits, 03xx timeouts, 04xx loops, 05xx failure handling,
// 06xx security, 07xx syntax.
#include "validate/rule.hpp"

namespace sbd::detail {

#define SBD_RULES(X)              \
  X(unknown_disabled_rule)        \
  X(connection_not_allowed)       \
  X(action_not_allowed)           \
  X(duplicate_edge)               \
  X(isolated_node)                \
  X(delivery_stream_destination)  \
  X(analytics_input)              \
  X(edge_into_schedule)           \
  X(deployment_references)        \
  X(property_value)               \
  X(route_conflict)               \
  X(api_authorizer)               \
  X(overlapping_edges)            \
  X(logical_id)                   \
  X(resource_count)               \
  X(function_memory)              \
  X(function_timeout)             \
  X(unknown_runtime)              \
  X(deprecated_runtime)           \
  X(runtime_blocked)              \
  X(fifo_batch_size)              \
  X(queue_visibility_timeout)     \
  X(queue_visibility_advice)      \
  X(api_integration_timeout)      \
  X(firehose_transform_timeout)   \
  X(sync_chain_timeout)           \
  X(event_loop)                   \
  X(async_on_failure)             \
  X(queue_dead_letter)            \
  X(stream_failure_destination)   \
  X(dead_letter_queue_type)       \
  X(dead_letter_retention)        \
  X(wildcard_permissions)         \
  X(unauthenticated_write)        \
  X(open_api_write)               \
  X(schedule_expression)          \
  X(iot_rule_sql)                 \
  X(api_route_syntax)

#define SBD_DECLARE_RULE(name) const Rule& rule_##name();
SBD_RULES(SBD_DECLARE_RULE)
#undef SBD_DECLARE_RULE

const std::vector<const Rule*>& registry() {
#define SBD_RULE_ADDRESS(name) &rule_##name(),
  static const std::vector<const Rule*> all = {SBD_RULES(SBD_RULE_ADDRESS)};
#undef SBD_RULE_ADDRESS
  return all;
}

}  // namespace sbd::detail

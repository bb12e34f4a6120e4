// Shared by every engine that writes CloudFormation: the plain
// CloudFormation resources of the nodes that are not functions (tables,
// buckets, queues, topics, streams, Firehose, Flink, Cognito, alarms, ...),
// and of APIs and state machines for engines without SAM's resource types.
// An engine derives from CfnBuilder, says how it names a node's resource
// (logical_id, name, arn, url: the Serverless Framework names functions
// "<Id>LambdaFunction" and gives buckets it creates a literal name), and
// calls the kind methods it does not handle natively.
#pragma once

#include "emit/common/refs.hpp"
#include "model/yaml_buffer.hpp"

#include <sbd/architecture.hpp>
#include <sbd/value.hpp>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace sbd::detail {

/// One route of an API: "GET /photos/{id}" -> {"GET", "/photos/{id}"}.
struct ApiRoute {
  std::string method;  ///< upper case; ANY for any method
  std::string path;    ///< starts with '/'
};
/// Parses "METHOD /path" (ANY for any method). Throws
/// sbd::Error(invalid) naming the node for anything else.
ApiRoute parse_api_route(const std::string& text, const std::string& node_id);

/// Throws sbd::Error(invalid) naming the nodes when resources would refer to
/// each other in a circle (refs.hpp reference_cycles), which CloudFormation
/// cannot create.
void refuse_reference_cycles(const Architecture& arch);

/// A Lambda environment variable's value as the string Lambda requires
/// (tagged values such as !Ref stay as they are).
Value env_string(const Value& v);

/// The lower-case copy of an ASCII string.
std::string lower_ascii(std::string s);

/// A set of ids given out one by one (output ids): open addressing over a
/// vector of the ids, without a heap node per id as std::unordered_set has
/// (tens of thousands of outputs in a big model).
class IdSet {
 public:
  void reserve(std::size_t n);
  /// Adds id; false when it was there already.
  bool insert(std::string_view id) { return insert(id, hash(id)); }
  /// The same with hash(id) computed already.
  bool insert(std::string_view id, std::uint64_t hash);
  static std::uint64_t hash(std::string_view id) noexcept;
  /// Asks the memory for where insert(id, hash) will look first (in a big
  /// set a cache miss, which a caller that knows its next ids hides).
  void prefetch(std::uint64_t hash) const noexcept {
    if (!slots_.empty()) __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]);
  }
  std::size_t size() const noexcept { return ids_.size(); }

 private:
  void rehash(std::size_t slots);
  std::vector<std::string> ids_;
  // 0: empty, else the id's hash (high half) and 1 + its index in ids_ (low
  // half): a probe compares hashes before it reads an id.
  std::vector<std::uint64_t> slots_;
};

class CfnBuilder {
 public:
  CfnBuilder(const Architecture& arch, std::set<std::string> reserved_ids = {});
  virtual ~CfnBuilder() = default;
  CfnBuilder(const CfnBuilder&) = delete;
  CfnBuilder& operator=(const CfnBuilder&) = delete;

  // ---- naming (engines override) -------------------------------------------
  /// The logical id of a node's main resource (default: the node id).
  virtual std::string logical_id(const Node& n) const { return n.id; }
  /// Name, ARN and URL of a node's resource (default: refs.hpp with logical_id).
  virtual Value name(const Node& n) const;
  virtual Value arn(const Node& n) const;
  virtual Value url(const Node& n) const;
  /// What other resources (Firehose transforms, state machines) invoke for a
  /// function (default: arn; SAM: the `live` alias of a gradual deployment).
  virtual Value invocation_arn(const Node& fn) const { return arn(fn); }
  /// logical_id as a LogicalIdFn for refs.hpp and iam.hpp.
  LogicalIdFn ids() const;

  // ---- documents -------------------------------------------------------------
  Value& resources() { return resources_; }
  Value& outputs() { return outputs_; }
  Value& parameters() { return parameters_; }

  // ---- plain CloudFormation per kind ----------------------------------------
  /// Builds a node of a kind every engine writes as plain CloudFormation
  /// (all but fn, api, httpApi and stepFn, whose resources are the engine's
  /// own) with the kind method below; false for the others.
  bool plain_node(const Node& n);
  void table(const Node& n);
  /// The bucket's Properties (name when needed, versioning, notifications to
  /// topics and queues) and the logical ids it must wait for.
  std::pair<Value, std::vector<std::string>> bucket_properties(const Node& n);
  void bucket(const Node& n);
  void secret(const Node& n);
  void parameter(const Node& n);
  /// The FIFO name and flag of a topic or queue (what: "Topic" or "Queue").
  Value fifo_properties(const Node& n, const std::string& what) const;
  void topic(const Node& n);
  void queue(const Node& n);
  void event_bus(const Node& n);
  /// The rules of a schedule's targets that are not functions.
  void schedule_rules(const Node& n);
  void stream(const Node& n);
  void delivery_stream(const Node& n);
  void analytics(const Node& n);
  void identity_pool(const Node& n);
  void user_pool(const Node& n);
  void alarm(const Node& n);
  /// The topic rule of an IoT rule node when it republishes (functions get
  /// their own rules from the engine's events).
  void iot_republish(const Node& n);
  /// AWS::StepFunctions::StateMachine with a role of its own: a task state
  /// per invoked function.
  void state_machine(const Node& n);
  /// A REST API from an OpenAPI body: a Lambda proxy integration per route of
  /// each function, a Step Functions StartExecution integration per route of
  /// each state machine, Cognito or IAM authorization, a deployment and a stage.
  void rest_api(const Node& n);
  /// An HTTP API from an OpenAPI body, JWT authorizers of user pools, the
  /// $default (or named) auto-deployed stage.
  void http_api(const Node& n);
  /// The OpenAPI paths of an API that integrates nothing: each of its routes
  /// (else ANY /{proxy+}) answers 501 from a mock integration, since API
  /// Gateway refuses to deploy an API without a method.
  Value mock_paths(const Node& n) const;
  /// The pieces of a state machine: a task state per invoked function, in
  /// edge order (state names "Invoke<Id>", the base cut to max_name_base
  /// characters), then the end.
  struct StateMachineParts {
    Value definition;                 ///< Comment, StartAt, States
    Value substitutions;              ///< <Id>Arn: the invocation ARN of each function
    std::vector<const Node*> called;  ///< the invoked functions, in edge order
  };
  StateMachineParts state_machine_parts(const Node& n, std::size_t max_name_base = std::string::npos) const;

  // ---- helpers ---------------------------------------------------------------
  const Value* prop(const Node& n, std::string_view key) const { return arch_.property(n, key); }
  std::string str(const Node& n, std::string_view key, const std::string& def = "") const;
  long long integer(const Node& n, std::string_view key, long long def) const;
  bool boolean(const Node& n, std::string_view key, bool def = false) const;
  const Value* eprop(const Edge& e, std::string_view key) const { return arch_.property(e, key); }
  const Node& from(const Edge& e) const { return arch_.node_at(e.from_index); }
  const Node& to(const Edge& e) const { return arch_.node_at(e.to_index); }
  std::vector<const Edge*> outs(const Node& n, const char* to_kind = nullptr) const;
  /// The indexes of a node's out / in edges (Architecture::out_edge_indexes)
  /// in a vector the builder keeps: valid until the next call of the same one.
  const std::vector<std::size_t>& out_indexes(const Node& n) const {
    arch_.out_edge_indexes(n.index, out_scratch_);
    return out_scratch_;
  }
  const std::vector<std::size_t>& in_indexes(const Node& n) const {
    arch_.in_edge_indexes(n.index, in_scratch_);
    return in_scratch_;
  }
  std::vector<const Edge*> ins(const Node& n, const char* from_kind = nullptr) const;
  /// The routes of an API edge (edge `routes`, else the API's, else ANY /{proxy+}).
  std::vector<ApiRoute> routes_of(const Edge& e) const;
  /// A logical id for a resource that belongs to a node ("<Id><suffix>"),
  /// never a node's or a reserved id nor one given out before; stable.
  std::string aux(const std::string& owner, const std::string& suffix);
  /// Adds a resource (replacing one of the same id in place, or refusing it
  /// when refuse_duplicate_resources_ names the engine). Resources are indexed,
  /// so that building stays linear in the model's size.
  Value& resource(const std::string& id, const std::string& type, Value properties = Value::map());
  Value* find_resource(const std::string& id);
  static Value& props(Value& res);
  static void depends_on(Value& res, const std::vector<std::string>& ids);
  void output(std::string id, const std::string& description, Value value);
  Value inline_policy(const std::string& name, Value statements) const;
  /// The EventBridge pattern of a bus (its `pattern`, else this app's source).
  Value event_pattern(const Node& bus) const;
  /// Merges each node's overrides into its main resource's Properties.
  void merge_node_overrides();
  /// Merges one node's overrides into its main resource's Properties (what
  /// merge_node_overrides does for every node, for an engine that writes its
  /// resources node by node).
  void merge_overrides_of(const Node& n);

  /// Sizes the documents (resources(), outputs() and their index) for every
  /// node of the model at once: for an engine that keeps the whole template
  /// as a tree until the end (the engines' build()). An engine that writes
  /// as it goes holds one node's resources at a time and does not call it.
  void reserve_documents();

  // ---- writing as it goes (an engine that writes YAML text node by node) -----
  /// From now on output() writes each output as YAML text (an entry of the
  /// Outputs map, at indentation 2) into out instead of keeping it in outputs().
  void write_outputs_to(YamlBuffer* out) { outputs_yaml_ = out; }
  YamlBuffer* outputs_text() const { return outputs_yaml_; }
  /// How many outputs were written or kept.
  std::size_t output_count() const { return output_ids_.size(); }
  /// One entry of the Outputs map as to_yaml writes it (at indentation 2).
  static void write_output(YamlBuffer& out, std::string_view id, std::string_view description, const Value& value);
  /// Takes an output id as output() does, for an output written elsewhere
  /// (write_output); false when it is taken already.
  bool claim_output_id(std::string_view id) { return output_ids_.insert(id); }
  /// The same with IdSet::hash(id) computed already, and the prefetch of a
  /// claim to come.
  bool claim_output_id(std::string_view id, std::uint64_t hash) { return output_ids_.insert(id, hash); }
  void prefetch_output_id(std::uint64_t hash) const noexcept { output_ids_.prefetch(hash); }
  /// Writes the resources built so far as YAML text (entries of the Resources
  /// map at indentation 2) and forgets them. Their ids stay taken: a second
  /// resource of the same id is then refused (what is written cannot be
  /// replaced). Returns how many were written.
  std::size_t write_resources(YamlBuffer& out);

 protected:
  const Architecture& arch_;
  /// When set ("the SAM engine"), a second resource of the same id is an
  /// internal error instead of a replacement.
  const char* refuse_duplicate_resources_ = nullptr;

 private:
  std::string republish_topic(const Node& source, const Node& target) const;

  std::unordered_set<std::string> taken_;  // filled by the first aux()
  std::set<std::string> reserved_;
  bool taken_filled_ = false;
  std::map<std::pair<std::string, std::string>, std::string> aux_;
  Value parameters_ = Value::map();
  Value resources_ = Value::map();
  Value outputs_ = Value::map();
  std::unordered_map<std::string, std::size_t> resource_index_;  // npos: written and forgotten
  IdSet output_ids_;
  mutable std::vector<std::size_t> out_scratch_, in_scratch_;
  YamlBuffer* outputs_yaml_ = nullptr;
};

}  // namespace sbd::detail

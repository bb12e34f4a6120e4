// Starter code of a function, shared by the engines (SAM, Serverless
// Framework): a handler that adapts each event source wired to the function
// and calls plain business functions in a module of their own (the talk's
// advice: keep the business logic out of the event handler), SDK clients for
// the function's outgoing edges, a unit test per function and the dependency
// manifest of its language. Documented in docs/engines/starter-code.md.
#pragma once

#include <sbd/emit.hpp>
#include <sbd/value.hpp>

#include <string>

namespace sbd::detail {

/// What an engine needs to declare one function's code.
struct StarterInfo {
  /// The folder of the function's code relative to the output root, ending
  /// in '/': "src/<FunctionId>/" (SAM CodeUri; every language).
  std::string code_uri;
  /// The handler, relative to code_uri: "app.handler" (Python, JavaScript,
  /// TypeScript), "<package>.Handler::handleRequest" (Java), "bootstrap" (Go).
  /// The function's `handler` property, when set, wins.
  std::string handler;
  /// The Lambda runtime ("python3.13", "nodejs22.x", "java21", "provided.al2023").
  std::string runtime;
  /// The language of the starter code ("python", "javascript", "typescript",
  /// "java", "go"), or "" when libsbd writes none for this runtime (then
  /// emit_starter_code writes a README only).
  std::string language;
  /// The SAM `Metadata` of the function's resource, to set as is, or a null
  /// Value when none is needed. A map:
  ///  - TypeScript: {BuildMethod: esbuild, BuildProperties: {Minify: false,
  ///    Target: es2022, Format: esm, OutExtension: [.js=.mjs], Sourcemap: false,
  ///    EntryPoints: [app.ts]}}
  ///  - Go: {BuildMethod: go1.x} (SAM runs `go build` in code_uri, producing
  ///    `bootstrap`, for the provided.al2023 runtime)
  ///  - Python, JavaScript, Java: null (SAM's default builders: pip,
  ///    npm, Maven from requirements.txt, package.json, pom.xml).
  Value metadata;
  /// True when the handler reports partial batch failures
  /// ({"batchItemFailures": [...]}) for SQS, Kinesis and DynamoDB stream
  /// events: the template must then set `FunctionResponseTypes:
  /// [ReportBatchItemFailures]` on the function's SQS, Kinesis and DynamoDB
  /// events (otherwise Lambda ignores the report and retries whole batches).
  /// True for every language libsbd writes code for.
  bool reports_batch_item_failures = false;
};

/// The code location, handler, runtime and metadata of a function node.
/// `options.runtime`, when not empty, overrides the app's default runtime
/// (not a runtime the function sets itself).
StarterInfo starter_info(const Architecture& arch, const Node& fn, const EmitOptions& options);

/// Writes the starter code of one function under code_uri (src/<FnId>/...).
void emit_starter_code(const Architecture& arch, const Node& fn, const EmitOptions& options,
                       FileSet& out);

/// Writes files shared by every function's code, if any (currently none:
/// each function's folder is self-contained). Kept so that engines need not
/// change when shared files appear.
void emit_starter_shared(const Architecture& arch, const EmitOptions& options, FileSet& out);

}  // namespace sbd::detail

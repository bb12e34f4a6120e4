// sbd validate MODEL [--format text|json|sarif] [--disable CODE,...]
// Loads a model, runs every rule and prints every finding. Exit status 0 when
// there is no error (warnings allowed), 1 with an error, 2 when the model
// cannot be read or the command line is wrong.
// Also `sbd validate --list-rules [--format text|json|markdown]`: the rules of
// the registry (the markdown table is the one in docs/rules.md; a test keeps
// them equal).
#include "commands.hpp"

#include <sbd/read.hpp>
#include <sbd/validate.hpp>
#include <sbd/value.hpp>

#include <iostream>
#include <memory>

namespace sbd_cli {

namespace {

const char* internal_summary = "a rule failed (a bug in libsbd); the other rules still ran";

std::string rules_listing(const std::string& format) {
  const auto rules = sbd::rules();
  std::string out;
  if (format == "markdown") {
    out = "| code | name | severity | summary |\n|---|---|---|---|\n";
    out += std::string("| [SBD0000](rules/SBD0000.md) | internal-error | error | ") + internal_summary + " |\n";
    for (const auto& r : rules) {
      std::string page = r.doc.rfind("docs/", 0) == 0 ? r.doc.substr(5) : r.doc;
      out += "| [" + r.code + "](" + page + ") | " + r.name + " | " + sbd::severity_name(r.severity) + " | " +
             r.summary + " |\n";
    }
  } else if (format == "json") {
    sbd::Value list = sbd::Value::list();
    for (const auto& r : rules) {
      sbd::Value o = sbd::Value::map();
      o.set("code", r.code);
      o.set("name", r.name);
      o.set("severity", sbd::severity_name(r.severity));
      o.set("summary", r.summary);
      o.set("doc", r.doc);
      list.push_back(std::move(o));
    }
    out = sbd::to_json(list, 2);
    if (out.empty() || out.back() != '\n') out += '\n';
  } else if (format == "text") {
    for (const auto& r : rules)
      out += r.code + "  " + sbd::severity_name(r.severity) + std::string(8 - std::string(sbd::severity_name(r.severity)).size(), ' ') +
             r.name + ": " + r.summary + "\n";
  } else {
    throw sbd::Error(sbd::ErrorCode::argument, "--list-rules takes --format text, json or markdown");
  }
  return out;
}

}  // namespace

void add_validate_command(CLI::App& app, int& exit_code) {
  struct Options {
    std::string model;
    std::string format = "text";
    std::vector<std::string> disable;
    std::string today;
    bool list_rules = false;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("validate", "Check a model and print every finding (exit 1 on an error)");
  cmd->add_option("MODEL", opts->model, "The model file (sbd: 1 YAML or JSON, or a browser tool export)");
  cmd->add_option("--format", opts->format, "Output: text, json or sarif (markdown with --list-rules)")
      ->check(CLI::IsMember({"text", "json", "sarif", "markdown"}));
  cmd->add_option("--disable", opts->disable, "Rule codes or names to switch off (comma-separated)")
      ->delimiter(',');
  cmd->add_option("--today", opts->today, "The date the runtime rules take as today (YYYY-MM-DD; default: the system date)");
  cmd->add_flag("--list-rules", opts->list_rules, "List the rules instead of validating");
  cmd->callback([opts, &exit_code] {
    if (opts->list_rules) {
      std::cout << rules_listing(opts->format);
      exit_code = 0;
      return;
    }
    if (opts->model.empty()) throw CLI::RequiredError("MODEL");
    if (opts->format == "markdown")
      throw sbd::Error(sbd::ErrorCode::argument, "--format markdown is only for --list-rules");
    std::vector<sbd::ReadNote> notes;
    const sbd::Architecture arch = sbd::read_file(opts->model, {}, &notes);
    for (const auto& n : notes) std::cerr << n.location.str() << ": note: " << n.message << "\n";
    sbd::ValidateOptions options;
    options.disabled.insert(opts->disable.begin(), opts->disable.end());
    options.today = opts->today;
    const sbd::Report report = sbd::validate(arch, options);
    if (opts->format == "json") {
      std::cout << report.to_json();
    } else if (opts->format == "sarif") {
      std::cout << report.to_sarif(opts->model);
    } else {
      std::cout << report.to_text(opts->model);
      std::cerr << opts->model << ": " << report.errors() << (report.errors() == 1 ? " error, " : " errors, ")
                << report.warnings() << (report.warnings() == 1 ? " warning, " : " warnings, ") << report.infos()
                << (report.infos() == 1 ? " info\n" : " infos\n");
    }
    exit_code = report.ok() ? 0 : 1;
  });
}

}  // namespace sbd_cli

// libsbd: emitters. An engine turns a const Architecture into files: either
// handed one at a time to a FileSink as they are produced (sbd::emit_to), or
// collected in a FileSet, an in-memory set of files (relative path -> bytes;
// sbd::emit). Only the CLI writes disks.
#pragma once

#include <sbd/architecture.hpp>
#include <sbd/version.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace sbd {
SBD_INLINE_NAMESPACE_BEGIN

/// Receives the files of an application one at a time, as an engine produces
/// them (sbd::emit_to), so that an application need not be held in memory
/// whole. The engines built into the library give every path once, already
/// checked with FileSet::check_path, in an order of their own (deterministic,
/// not sorted). The content is the sink's: move from it.
class FileSink {
 public:
  virtual ~FileSink() = default;
  virtual void add(const std::string& path, std::string content) = 0;
};

/// Files by relative path, in sorted order. Refuses (sbd::Error(argument))
/// empty, absolute and backslash paths, `.` or `..` components, empty
/// components, control characters, and Windows device names (CON, NUL, ...).
/// A FileSink that keeps every file.
class FileSet : public FileSink {
 public:
  /// Adds or replaces a file.
  void add(const std::string& path, std::string content) override;
  bool contains(const std::string& path) const noexcept;
  /// The content of a file; throws sbd::Error(not_found).
  const std::string& at(const std::string& path) const;
  std::size_t size() const noexcept { return files_.size(); }
  const std::map<std::string, std::string>& files() const noexcept { return files_; }
  auto begin() const noexcept { return files_.begin(); }
  auto end() const noexcept { return files_.end(); }

  /// Throws sbd::Error(argument) unless path is a safe relative path.
  static void check_path(std::string_view path);

 private:
  std::map<std::string, std::string> files_;
};

struct EmitOptions {
  std::string runtime;  ///< overrides the app's default runtime when not empty
};

/// The interface of an engine ("sam", "serverless", ...). Stateless.
class Engine {
 public:
  virtual ~Engine() = default;
  virtual std::string name() const = 0;
  virtual std::string summary() const = 0;
  virtual FileSet emit(const Architecture& arch, const EmitOptions& options) const = 0;
  /// Hands every file to sink as it is produced. The default collects emit()'s
  /// FileSet first; the built-in engines stream (emit() collects emit_to()).
  /// Throws what emit() throws; files already given stay given.
  virtual void emit_to(const Architecture& arch, const EmitOptions& options, FileSink& sink) const;
};

/// The names of the engines built into the library, sorted.
std::vector<std::string> engines();
/// The engine of that name, or nullptr.
const Engine* find_engine(std::string_view name) noexcept;
/// Runs an engine; throws sbd::Error(not_found) for an unknown engine, naming
/// the known ones.
FileSet emit(const Architecture& arch, std::string_view engine, const EmitOptions& options = {});
/// Runs an engine, handing each file to sink as soon as it is produced: the
/// same files and bytes as emit(), without holding them all (the peak memory
/// of `sbd build` is one file, not the application). Throws like emit(); on a
/// throw the sink has received some files, not all.
void emit_to(const Architecture& arch, std::string_view engine, FileSink& sink, const EmitOptions& options = {});

SBD_INLINE_NAMESPACE_END
}  // namespace sbd

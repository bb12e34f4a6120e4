// Writing a generated application under a directory, safely, file by file as
// the engine produces it (a FileSink: the application is never held whole).
#pragma once

#include <sbd/emit.hpp>

#include <cstddef>
#include <memory>
#include <string>

namespace sbd_cli {

/// Writes the files it is given under dir (created if missing, with its
/// parents), then commit() moves them into place.
///  - Only under dir: paths are checked relative paths (FileSet::check_path,
///    again here), and every component below dir is opened without following
///    symbolic links, so a link planted in dir (to a folder or a file) is
///    refused, never followed.
///  - Refuses to overwrite an existing file unless force. Each file is checked
///    when it arrives, before anything is put in its place: a refusal rolls
///    back, so dir is left as it was.
///  - Atomic per build: each file is written under a temporary name beside its
///    final one; commit() renames them all into place. On a failure (an
///    exception from add() or commit(), or a TreeWriter destroyed without
///    commit(), e.g. when the engine throws) the temporaries and the folders
///    this writer created are removed, the files already renamed are removed,
///    and (with force) the files they replaced are put back. SIGINT, SIGTERM,
///    SIGHUP and SIGQUIT are held from construction to destruction: one that
///    comes before the renames rolls back (add() and commit() then throw),
///    one during them lets them finish; then the signal is delivered.
///    SIGXFSZ is ignored meanwhile (a size limit fails the write, which rolls
///    back).
///  - A bounded number of open file descriptors (at most 256 directories, a
///    quarter of RLIMIT_NOFILE), whatever the number of folders.
/// Throws sbd::Error(io) whose message names the offending file.
class TreeWriter final : public sbd::FileSink {
 public:
  /// Throws sbd::Error(argument) for an empty dir or "-". Touches nothing yet.
  TreeWriter(const std::string& dir, bool force);
  ~TreeWriter() override;
  TreeWriter(const TreeWriter&) = delete;
  TreeWriter& operator=(const TreeWriter&) = delete;

  /// Writes one file under its temporary name. A path given twice replaces
  /// the first content.
  void add(const std::string& path, std::string content) override;
  /// Moves every file into place; returns the number of files. At most once.
  std::size_t commit();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace sbd_cli

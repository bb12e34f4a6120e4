// Writing a FileSet (a generated application) under a directory, safely.
#pragma once

#include <sbd/emit.hpp>

#include <cstddef>
#include <string>

namespace sbd_cli {

/// Writes every file of files under dir (created if missing, with its parents).
///  - Only under dir: paths are FileSet-checked relative paths, and every
///    component below dir is opened without following symbolic links, so a
///    link planted in dir (to a folder or a file) is refused, never followed.
///  - Refuses to overwrite an existing file unless force; the check covers
///    every file before anything is written, so a refusal leaves dir untouched.
///  - Atomic per build: all files are first written to temporary names, then
///    renamed into place; on a failure the temporaries and the folders this
///    call created are removed, the files already renamed are removed, and
///    (with force) the files they replaced are put back. SIGINT, SIGTERM,
///    SIGHUP and SIGQUIT are held meanwhile: an interrupt before the renames
///    rolls back, one during them lets them finish; then the signal is
///    delivered. SIGXFSZ is ignored (a size limit fails the write, which rolls
///    back).
/// Throws sbd::Error(io) whose message names the offending file.
/// Returns the number of files written.
std::size_t write_tree(const std::string& dir, const sbd::FileSet& files, bool force);

}  // namespace sbd_cli

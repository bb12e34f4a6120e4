#include "commands.hpp"

#include <sbd/error.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace sbd_cli {

namespace {
[[noreturn]] void io_error(const std::string& path, const std::string& what) {
  throw sbd::Error(sbd::ErrorCode::io, what, sbd::SourceLocation{path, 0, 0});
}
}  // namespace

namespace {

// Writes all of text to fd; returns 0 or the errno of the failure.
int write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    done += static_cast<std::size_t>(n);
  }
  return 0;
}

}  // namespace

void write_output(const std::string& path, const std::string& text, bool force) {
  if (path == "-") {
    std::cout << text;
    std::cout.flush();
    if (!std::cout) io_error("<stdout>", "cannot write to standard output");
    return;
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))) {
    // A device or a pipe (/dev/null, /dev/stdout, a FIFO): write into it.
    // Replacing it by a rename would destroy it, and nothing is overwritten.
    const int fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY);
    if (fd < 0) io_error(path, std::string("cannot open for writing: ") + std::strerror(errno));
    const int err = write_all(fd, text);
    ::close(fd);
    if (err) io_error(path, std::string("cannot write: ") + std::strerror(err));
    return;
  }
  if (::lstat(path.c_str(), &st) == 0) {
    if (!force) io_error(path, "the file exists; use --force to overwrite it");
    if (S_ISDIR(st.st_mode)) io_error(path, "is a directory");
  }
  // Write a temporary file beside the target, then rename: the target is
  // either the old file or the complete new one, never half-written. (With
  // --force, a symbolic link at path is replaced, not the file it points to.)
  std::string tmp = path + ".sbd-tmp-" + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0644);
  if (fd < 0) io_error(path, std::string("cannot create the file: ") + std::strerror(errno));
  if (const int err = write_all(fd, text)) {
    ::close(fd);
    ::unlink(tmp.c_str());
    io_error(path, std::string("cannot write the file: ") + std::strerror(err));
  }
  if (::close(fd) != 0) {
    ::unlink(tmp.c_str());
    io_error(path, "cannot write the file");
  }
  if (!force) {
    // link() refuses to replace a file that appeared meanwhile.
    const int err = ::link(tmp.c_str(), path.c_str()) != 0 ? errno : 0;
    ::unlink(tmp.c_str());
    if (err)
      io_error(path, err == EEXIST ? "the file exists; use --force to overwrite it"
                                   : std::string("cannot create the file: ") + std::strerror(err));
    return;
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    io_error(path, std::string("cannot replace the file: ") + std::strerror(err));
  }
}

}  // namespace sbd_cli

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

void write_output(const std::string& path, const std::string& text, bool force) {
  if (path == "-") {
    std::cout << text;
    std::cout.flush();
    if (!std::cout) io_error("<stdout>", "cannot write to standard output");
    return;
  }
  struct stat st {};
  if (lstat(path.c_str(), &st) == 0) {
    if (!force) io_error(path, "the file exists; use --force to overwrite it");
    if (S_ISDIR(st.st_mode)) io_error(path, "is a directory");
  }
  // Write a temporary file beside the target, then rename: the target is
  // either the old file or the complete new one, never half-written.
  std::string tmp = path + ".sbd-tmp-" + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0644);
  if (fd < 0) io_error(path, std::string("cannot create the file: ") + std::strerror(errno));
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      io_error(path, std::string("cannot write the file: ") + std::strerror(err));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) {
    ::unlink(tmp.c_str());
    io_error(path, "cannot write the file");
  }
  if (!force && ::link(tmp.c_str(), path.c_str()) != 0) {
    // link() refuses to replace a file that appeared meanwhile.
    const int err = errno;
    ::unlink(tmp.c_str());
    io_error(path, err == EEXIST ? "the file exists; use --force to overwrite it"
                                 : std::string("cannot create the file: ") + std::strerror(err));
  }
  if (!force) {
    ::unlink(tmp.c_str());
    return;
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    io_error(path, std::string("cannot replace the file: ") + std::strerror(err));
  }
}

}  // namespace sbd_cli

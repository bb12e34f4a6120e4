#include "write_tree.hpp"

#include <sbd/error.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <csignal>
#include <map>
#include <string>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace sbd_cli {

namespace {

[[noreturn]] void fail(const std::string& file, const std::string& what) {
  throw sbd::Error(sbd::ErrorCode::io, file + ": " + what);
}

std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const auto slash = path.find('/', start);
    parts.push_back(path.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return parts;
}

std::string join(const std::string& dir, const std::string& rel) {
  if (dir.empty() || dir.back() == '/') return dir + rel;
  return dir + "/" + rel;
}

// Creates dir and its missing parents (the folder the user named; links in
// the user's own path are the user's choice). Records what it created.
void make_root(const std::string& dir, std::vector<std::string>& created) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) == 0) {
    if (!S_ISDIR(st.st_mode)) fail(dir, "exists and is not a directory");
    return;
  }
  std::string cur;
  for (const std::string& part : split(dir)) {
    cur += part;
    if (!cur.empty() && cur != "/" && ::stat(cur.c_str(), &st) != 0) {
      if (::mkdir(cur.c_str(), 0755) != 0 && errno != EEXIST)
        fail(cur, std::string("cannot create the directory: ") + std::strerror(errno));
      created.push_back(cur);
    }
    cur += "/";
  }
}

// The open directories below the root, by relative path ("" is the root).
class Dirs {
 public:
  Dirs(std::string root, bool create) : root_(std::move(root)), create_(create) {
    // A quarter of the file descriptors the process may open, at most 256.
    struct rlimit limit {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
      max_open_ = std::max<std::size_t>(4, std::min<std::size_t>(256, static_cast<std::size_t>(limit.rlim_cur) / 4));
  }
  ~Dirs() {
    for (auto& [path, fd] : fds_) ::close(fd);
  }
  Dirs(const Dirs&) = delete;
  Dirs& operator=(const Dirs&) = delete;

  // The fd of the directory rel (components separated by '/'), or -1 when it
  // does not exist and create is false. Never follows a symbolic link. The fd
  // stays valid until the next call: at most max_open_ directories are kept
  // open (a build of 40,000 folders must not run out of file descriptors), and
  // one evicted is opened again, component by component, when needed.
  int open(const std::string& rel) {
    auto it = fds_.find(rel);
    if (it != fds_.end()) return it->second;
    int fd = -1;
    if (rel.empty()) {
      fd = ::open(root_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      if (fd < 0) {
        if (errno == ENOENT && !create_) return -1;
        fail(root_, std::string("cannot open the directory: ") + std::strerror(errno));
      }
    } else {
      const auto slash = rel.rfind('/');
      const std::string parent = slash == std::string::npos ? "" : rel.substr(0, slash);
      const std::string name = slash == std::string::npos ? rel : rel.substr(slash + 1);
      const int pfd = open(parent);
      if (pfd < 0) return -1;
      struct stat st {};
      if (::fstatat(pfd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
        if (S_ISLNK(st.st_mode)) fail(join(root_, rel), "is a symbolic link; refusing to follow it");
        if (!S_ISDIR(st.st_mode)) fail(join(root_, rel), "exists and is not a directory");
      } else if (errno == ENOENT) {
        if (!create_) return -1;
        if (::mkdirat(pfd, name.c_str(), 0755) != 0)
          fail(join(root_, rel), std::string("cannot create the directory: ") + std::strerror(errno));
        created_.push_back(rel);
      } else {
        fail(join(root_, rel), std::strerror(errno));
      }
      fd = ::openat(pfd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (fd < 0) fail(join(root_, rel), std::string("cannot open the directory: ") + std::strerror(errno));
    }
    if (fds_.size() >= max_open_) evict();
    fds_.emplace(rel, fd);
    return fd;
  }

  // Removes the directories this object created (deepest first), if empty.
  void remove_created() {
    for (auto it = created_.rbegin(); it != created_.rend(); ++it) {
      const auto slash = it->rfind('/');
      const std::string parent = slash == std::string::npos ? "" : it->substr(0, slash);
      const std::string name = slash == std::string::npos ? *it : it->substr(slash + 1);
      const int pfd = open(parent);
      if (pfd >= 0) ::unlinkat(pfd, name.c_str(), AT_REMOVEDIR);
    }
  }

 private:
  std::size_t max_open_ = 256;

  // Closes every open directory but the root.
  void evict() {
    for (auto it = fds_.begin(); it != fds_.end();) {
      if (it->first.empty()) {
        ++it;
        continue;
      }
      ::close(it->second);
      it = fds_.erase(it);
    }
  }

  std::string root_;
  bool create_;
  std::map<std::string, int> fds_;
  std::vector<std::string> created_;
};

void write_all(int fd, const std::string& text, const std::string& file) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(file, std::string("cannot write the file: ") + std::strerror(errno));
    }
    done += static_cast<std::size_t>(n);
  }
}

struct Pending {
  std::string rel;   // relative path of the file
  std::string dir;   // its directory, relative ("" is the root)
  std::string name;  // its name
  std::string tmp;   // its temporary name in the same directory
  std::string old;   // with --force: the file it replaced, kept until the end
  bool placed = false;
};

// The signals that interrupt a build (Ctrl-C, kill, a closed terminal) are
// held while files are written and moved into place: an interrupted build
// rolls back, then dies of the signal. SIGXFSZ (a file size limit) is ignored
// so that the write fails with EFBIG and rolls back too. SIGKILL cannot be
// held: it may leave temporary files (named .NAME.sbd-tmp-PID).
class HeldSignals {
 public:
  HeldSignals() {
    sigemptyset(&held_);
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) sigaddset(&held_, sig);
    pthread_sigmask(SIG_BLOCK, &held_, &previous_);
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGXFSZ, &ignore, &previous_xfsz_);
  }
  ~HeldSignals() {
    sigaction(SIGXFSZ, &previous_xfsz_, nullptr);
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);  // a held signal is delivered here
  }
  HeldSignals(const HeldSignals&) = delete;
  HeldSignals& operator=(const HeldSignals&) = delete;

  bool interrupted() const {
    sigset_t pending;
    sigemptyset(&pending);
    if (sigpending(&pending) != 0) return false;
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT})
      if (sigismember(&pending, sig) == 1 && sigismember(&previous_, sig) != 1) return true;
    return false;
  }

 private:
  sigset_t held_{};
  sigset_t previous_{};
  struct sigaction previous_xfsz_ {};
};

}  // namespace

std::size_t write_tree(const std::string& dir, const sbd::FileSet& files, bool force) {
  if (dir.empty() || dir == "-") throw sbd::Error(sbd::ErrorCode::argument, "build needs an output directory (-o DIR)");
  for (const auto& [path, content] : files) sbd::FileSet::check_path(path);

  // 1. Check everything before touching anything.
  {
    Dirs dirs(dir, /*create=*/false);
    for (const auto& [path, content] : files) {
      const auto slash = path.rfind('/');
      const std::string parent = slash == std::string::npos ? "" : path.substr(0, slash);
      const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
      const int pfd = dirs.open(parent);
      if (pfd < 0) continue;  // the folder does not exist yet: nothing to overwrite
      struct stat st {};
      if (::fstatat(pfd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
        if (S_ISDIR(st.st_mode)) fail(join(dir, path), "exists and is a directory");
        if (S_ISLNK(st.st_mode) && !force)
          fail(join(dir, path), "exists (a symbolic link); use --force to replace the link (never its target)");
        if (!force) fail(join(dir, path), "exists; use --force to overwrite it");
      } else if (errno != ENOENT) {
        fail(join(dir, path), std::strerror(errno));
      }
    }
  }

  // 2. Write every file under a temporary name beside its final one.
  HeldSignals held;
  std::vector<std::string> created_roots;
  make_root(dir, created_roots);
  Dirs dirs(dir, /*create=*/true);
  std::vector<Pending> pending;
  const std::string suffix = ".sbd-tmp-" + std::to_string(::getpid());
  auto cleanup = [&] {
    for (const Pending& p : pending) {
      int dfd = -1;
      try {
        dfd = dirs.open(p.dir);
      } catch (...) {
        continue;  // its folder is gone: nothing of ours is left in it
      }
      if (dfd < 0) continue;
      if (p.placed) {
        if (!p.old.empty())
          ::renameat(dfd, p.old.c_str(), dfd, p.name.c_str());  // put the user's file back
        else
          ::unlinkat(dfd, p.name.c_str(), 0);  // it did not exist before
      } else {
        ::unlinkat(dfd, p.tmp.c_str(), 0);
        if (!p.old.empty()) ::unlinkat(dfd, p.old.c_str(), 0);
      }
    }
    dirs.remove_created();
    for (auto it = created_roots.rbegin(); it != created_roots.rend(); ++it) ::rmdir(it->c_str());
  };
  try {
    for (const auto& [path, content] : files) {
      const auto slash = path.rfind('/');
      Pending p;
      p.rel = path;
      p.dir = slash == std::string::npos ? "" : path.substr(0, slash);
      const int dfd = dirs.open(p.dir);
      p.name = slash == std::string::npos ? path : path.substr(slash + 1);
      p.tmp = "." + p.name + suffix;
      if (p.tmp.size() > 255) p.tmp = ".sbd-tmp-" + std::to_string(pending.size()) + suffix;
      const int fd = ::openat(dfd, p.tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
      if (fd < 0) fail(join(dir, path), std::string("cannot create the file: ") + std::strerror(errno));
      pending.push_back(p);
      try {
        write_all(fd, content, join(dir, path));
      } catch (...) {
        ::close(fd);
        throw;
      }
      if (::close(fd) != 0) fail(join(dir, path), "cannot write the file");
    }
    if (held.interrupted()) fail(dir, "interrupted; nothing was written");
    // 3. Move them into place. Without --force a file that appeared since the
    // check is not replaced (link() refuses an existing name). With --force
    // the file replaced is kept under a second name until every file is in
    // place, so that a failure can put it back.
    for (Pending& p : pending) {
      const int dfd = dirs.open(p.dir);
      if (force) {
        std::string old = "." + p.name + ".sbd-old-" + std::to_string(::getpid());
        if (old.size() > 255) old = ".sbd-old-" + std::to_string(&p - pending.data()) + "-" + std::to_string(::getpid());
        if (::linkat(dfd, p.name.c_str(), dfd, old.c_str(), 0) == 0)
          p.old = old;
        else if (errno != ENOENT)
          fail(join(dir, p.rel), std::string("cannot keep the file while replacing it: ") + std::strerror(errno));
        if (::renameat(dfd, p.tmp.c_str(), dfd, p.name.c_str()) != 0)
          fail(join(dir, p.rel), std::string("cannot replace the file: ") + std::strerror(errno));
      } else {
        if (::linkat(dfd, p.tmp.c_str(), dfd, p.name.c_str(), 0) != 0)
          fail(join(dir, p.rel), errno == EEXIST ? std::string("exists; use --force to overwrite it")
                                                 : std::string("cannot create the file: ") + std::strerror(errno));
        ::unlinkat(dfd, p.tmp.c_str(), 0);
      }
      p.placed = true;
    }
  } catch (...) {
    cleanup();
    throw;
  }
  for (const Pending& p : pending)
    if (!p.old.empty()) ::unlinkat(dirs.open(p.dir), p.old.c_str(), 0);
  return pending.size();
}

}  // namespace sbd_cli

#include "write_tree.hpp"

#include <sbd/error.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <csignal>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unordered_map>
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
  explicit Dirs(std::string root) : root_(std::move(root)) {
    // A quarter of the file descriptors the process may open, at most 256.
    struct rlimit limit {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
      max_open_ = std::max<std::size_t>(4, std::min<std::size_t>(256, static_cast<std::size_t>(limit.rlim_cur) / 4));
  }
  ~Dirs() {
    for (auto& [path, dir] : fds_) ::close(dir.fd);
  }
  Dirs(const Dirs&) = delete;
  Dirs& operator=(const Dirs&) = delete;

  // From now on open() creates nothing (a rollback must not make folders).
  void stop_creating() { create_ = false; }

  // The fd of the directory rel (components separated by '/'), created with
  // its parents when missing (or -1 when missing once stop_creating() was
  // called). Never follows a symbolic link. *fresh (when given) tells whether
  // this object created the folder, as far as it remembers (a folder evicted
  // and opened again counts as not fresh). The fd stays valid until the next
  // call: at most max_open_ directories are kept open (a build of 40,000
  // folders must not run out of file descriptors), and one evicted is opened
  // again, component by component, when needed.
  int open(const std::string& rel, bool* fresh = nullptr) {
    auto it = fds_.find(rel);
    if (it != fds_.end()) {
      if (fresh) *fresh = it->second.fresh;
      return it->second.fd;
    }
    int fd = -1;
    bool made = false;
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
      bool parent_fresh = false;
      const int pfd = open(parent, &parent_fresh);
      if (pfd < 0) return -1;
      // Nothing is in a folder made a moment ago but what we put there.
      int err = ENOENT;
      struct stat st {};
      if (!parent_fresh) {
        err = ::fstatat(pfd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 ? 0 : errno;
        if (err == 0 && S_ISLNK(st.st_mode)) fail(join(root_, rel), "is a symbolic link; refusing to follow it");
        if (err == 0 && !S_ISDIR(st.st_mode)) fail(join(root_, rel), "exists and is not a directory");
      }
      if (err == ENOENT) {
        if (!create_) return -1;
        if (::mkdirat(pfd, name.c_str(), 0755) != 0)
          fail(join(root_, rel), std::string("cannot create the directory: ") + std::strerror(errno));
        created_.push_back(rel);
        made = true;
      } else if (err != 0) {
        fail(join(root_, rel), std::strerror(err));
      }
      fd = ::openat(pfd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (fd < 0) fail(join(root_, rel), std::string("cannot open the directory: ") + std::strerror(errno));
    }
    if (fds_.size() >= max_open_) evict();
    fds_.emplace(rel, Open{fd, made});
    if (fresh) *fresh = made;
    return fd;
  }

  // Removes the directories this object created (deepest first), if empty.
  void remove_created() {
    stop_creating();
    for (auto it = created_.rbegin(); it != created_.rend(); ++it) {
      const auto slash = it->rfind('/');
      const std::string parent = slash == std::string::npos ? "" : it->substr(0, slash);
      const std::string name = slash == std::string::npos ? *it : it->substr(slash + 1);
      int pfd = -1;
      try {
        pfd = open(parent);
      } catch (...) {
        continue;
      }
      if (pfd >= 0) ::unlinkat(pfd, name.c_str(), AT_REMOVEDIR);
    }
  }

 private:
  struct Open {
    int fd;
    bool fresh;
  };
  std::size_t max_open_ = 256;

  // Closes every open directory but the root.
  void evict() {
    for (auto it = fds_.begin(); it != fds_.end();) {
      if (it->first.empty()) {
        ++it;
        continue;
      }
      ::close(it->second.fd);
      it = fds_.erase(it);
    }
  }

  std::string root_;
  bool create_ = true;
  std::map<std::string, Open> fds_;
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

// A file written under its temporary name, waiting for commit().
struct Pending {
  std::string rel;              // relative path of the file
  std::uint32_t name_at = 0;    // where its name starts in rel
  bool placed = false;          // renamed into place
  bool kept_old = false;        // with --force: the file it replaced is kept under old_name()

  std::string dir() const { return name_at == 0 ? std::string() : rel.substr(0, name_at - 1); }
  std::string name() const { return rel.substr(name_at); }
};

}  // namespace

struct TreeWriter::State {
  State(std::string dir_, bool force_) : dir(std::move(dir_)), force(force_) {}

  const std::string dir;
  const bool force;
  const std::string pid = std::to_string(::getpid());
  HeldSignals held;
  std::vector<std::string> created_roots;
  std::unique_ptr<Dirs> dirs;           // made by the first file (or commit)
  std::deque<Pending> pending;          // stable: `index` points into it
  std::unordered_map<std::string_view, std::size_t> index;
  bool committed = false;
  bool rolled_back = false;

  // Temporary names beside the final ones (a fixed short name when the file's
  // name is too long to extend).
  std::string tmp_name(const Pending& p, std::size_t i) const {
    std::string tmp = "." + p.name() + ".sbd-tmp-" + pid;
    if (tmp.size() > 255) tmp = ".sbd-tmp-" + std::to_string(i) + ".sbd-tmp-" + pid;
    return tmp;
  }
  std::string old_name(const Pending& p, std::size_t i) const {
    std::string old = "." + p.name() + ".sbd-old-" + pid;
    if (old.size() > 255) old = ".sbd-old-" + std::to_string(i) + "-" + pid;
    return old;
  }

  void start() {
    if (dirs) return;
    make_root(dir, created_roots);
    dirs = std::make_unique<Dirs>(dir);
  }

  // The directory of the root, when this writer created it.
  bool root_is_fresh() const { return !created_roots.empty(); }

  void write(const std::string& path, const std::string& content) {
    sbd::FileSet::check_path(path);
    if (held.interrupted()) fail(dir, "interrupted; nothing was written");
    start();
    if (auto it = index.find(path); it != index.end()) {
      // The same path again: its content replaces the first.
      const Pending& p = pending[it->second];
      const int dfd = dirs->open(p.dir());
      const int fd = ::openat(dfd, tmp_name(p, it->second).c_str(), O_WRONLY | O_TRUNC | O_NOFOLLOW | O_CLOEXEC);
      if (fd < 0) fail(join(dir, path), std::string("cannot create the file: ") + std::strerror(errno));
      write_and_close(fd, content, path);
      return;
    }
    Pending p;
    p.rel = path;
    const auto slash = path.rfind('/');
    p.name_at = slash == std::string::npos ? 0 : static_cast<std::uint32_t>(slash + 1);
    bool fresh = false;
    const std::string parent = p.dir();
    const int dfd = dirs->open(parent, &fresh);
    if (parent.empty()) fresh = root_is_fresh();
    const std::string name = p.name();
    if (!fresh) {
      // Refuse to overwrite before writing anything in its place.
      struct stat st {};
      if (::fstatat(dfd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
        if (S_ISDIR(st.st_mode)) fail(join(dir, path), "exists and is a directory");
        if (S_ISLNK(st.st_mode) && !force)
          fail(join(dir, path), "exists (a symbolic link); use --force to replace the link (never its target)");
        if (!force) fail(join(dir, path), "exists; use --force to overwrite it");
      } else if (errno != ENOENT) {
        fail(join(dir, path), std::strerror(errno));
      }
    }
    const std::size_t i = pending.size();
    const int fd = ::openat(dfd, tmp_name(p, i).c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) fail(join(dir, path), std::string("cannot create the file: ") + std::strerror(errno));
    pending.push_back(std::move(p));
    index.emplace(pending.back().rel, i);
    write_and_close(fd, content, path);
  }

  void write_and_close(int fd, const std::string& content, const std::string& path) {
    try {
      write_all(fd, content, join(dir, path));
    } catch (...) {
      ::close(fd);
      throw;
    }
    if (::close(fd) != 0) fail(join(dir, path), "cannot write the file");
  }

  std::size_t place_all() {
    start();
    if (held.interrupted()) fail(dir, "interrupted; nothing was written");
    // Without --force a file that appeared since the check is not replaced
    // (link() refuses an existing name). With --force the file replaced is
    // kept under a second name until every file is in place, so that a
    // failure can put it back.
    for (std::size_t i = 0; i < pending.size(); ++i) {
      Pending& p = pending[i];
      const int dfd = dirs->open(p.dir());
      const std::string name = p.name(), tmp = tmp_name(p, i);
      if (force) {
        const std::string old = old_name(p, i);
        if (::linkat(dfd, name.c_str(), dfd, old.c_str(), 0) == 0)
          p.kept_old = true;
        else if (errno != ENOENT)
          fail(join(dir, p.rel), std::string("cannot keep the file while replacing it: ") + std::strerror(errno));
        if (::renameat(dfd, tmp.c_str(), dfd, name.c_str()) != 0)
          fail(join(dir, p.rel), std::string("cannot replace the file: ") + std::strerror(errno));
      } else {
        if (::linkat(dfd, tmp.c_str(), dfd, name.c_str(), 0) != 0)
          fail(join(dir, p.rel), errno == EEXIST ? std::string("exists; use --force to overwrite it")
                                                 : std::string("cannot create the file: ") + std::strerror(errno));
        ::unlinkat(dfd, tmp.c_str(), 0);
      }
      p.placed = true;
    }
    committed = true;
    for (std::size_t i = 0; i < pending.size(); ++i) {
      const Pending& p = pending[i];
      if (!p.kept_old) continue;
      try {
        ::unlinkat(dirs->open(p.dir()), old_name(p, i).c_str(), 0);
      } catch (...) {
        // Every file is in place; a copy of a replaced one stays behind.
      }
    }
    return pending.size();
  }

  // Puts everything back as it was. Never throws.
  void roll_back() noexcept {
    if (rolled_back || committed) return;
    rolled_back = true;
    if (!dirs) {
      for (auto it = created_roots.rbegin(); it != created_roots.rend(); ++it) ::rmdir(it->c_str());
      return;
    }
    dirs->stop_creating();
    for (std::size_t i = 0; i < pending.size(); ++i) {
      const Pending& p = pending[i];
      int dfd = -1;
      try {
        dfd = dirs->open(p.dir());
      } catch (...) {
        continue;  // its folder is gone: nothing of ours is left in it
      }
      if (dfd < 0) continue;
      const std::string name = p.name();
      if (p.placed) {
        if (p.kept_old)
          ::renameat(dfd, old_name(p, i).c_str(), dfd, name.c_str());  // put the user's file back
        else
          ::unlinkat(dfd, name.c_str(), 0);  // it did not exist before
      } else {
        ::unlinkat(dfd, tmp_name(p, i).c_str(), 0);
        if (p.kept_old) ::unlinkat(dfd, old_name(p, i).c_str(), 0);
      }
    }
    dirs->remove_created();
    dirs.reset();
    for (auto it = created_roots.rbegin(); it != created_roots.rend(); ++it) ::rmdir(it->c_str());
  }
};

TreeWriter::TreeWriter(const std::string& dir, bool force) {
  if (dir.empty() || dir == "-") throw sbd::Error(sbd::ErrorCode::argument, "build needs an output directory (-o DIR)");
  state_ = std::make_unique<State>(dir, force);
}

TreeWriter::~TreeWriter() {
  state_->roll_back();  // nothing when committed
}

void TreeWriter::add(const std::string& path, std::string content) {
  if (state_->committed || state_->rolled_back)
    throw sbd::Error(sbd::ErrorCode::internal, "sbd build: a file after the build ended: " + path);
  try {
    state_->write(path, content);
  } catch (...) {
    state_->roll_back();
    throw;
  }
}

std::size_t TreeWriter::commit() {
  if (state_->committed || state_->rolled_back)
    throw sbd::Error(sbd::ErrorCode::internal, "sbd build: the build was already committed or rolled back");
  try {
    return state_->place_all();
  } catch (...) {
    state_->roll_back();
    throw;
  }
}

}  // namespace sbd_cli

#include <sbd/emit.hpp>
#include <sbd/error.hpp>

#include <cctype>

namespace sbd {
SBD_INLINE_NAMESPACE_BEGIN

namespace {

bool is_device_name(std::string_view component) {
  // Windows reserves these names, with any extension, in any case. They are
  // three or four characters long: anything else is decided at once (this
  // runs for every component of every file an engine writes).
  const std::string_view stem = component.substr(0, component.find('.'));
  if (stem.size() != 3 && stem.size() != 4) return false;
  // Every name starts with one of C, P, A, N, L ("src", "app", "events"...
  // are decided by their first letter).
  switch (stem[0] | 0x20) {
    case 'c': case 'p': case 'a': case 'n': case 'l': break;
    default: return false;
  }
  char upper[4] = {};
  for (std::size_t i = 0; i < stem.size(); ++i)
    upper[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(stem[i])));
  const std::string_view s(upper, stem.size());
  static constexpr std::string_view kNames[] = {
      "CON",  "PRN",  "AUX",  "NUL",  "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7",
      "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9"};
  for (std::string_view n : kNames)
    if (s == n) return true;
  return false;
}

// True when path is a safe relative path, in one pass (every file of every
// build goes through here). Anything else is explained by check_path's slow
// path, which names the first problem.
bool is_safe_path(std::string_view path) noexcept {
  const std::size_t n = path.size();
  if (n == 0 || n > 1024 || path[0] == '/' || (n >= 2 && path[1] == ':')) return false;
  std::size_t start = 0;     // of the current component
  std::size_t dot = n;       // first '.' of the current component, or n
  for (std::size_t i = 0;; ++i) {
    if (i == n || path[i] == '/') {
      const std::size_t len = i - start;
      if (len == 0 || len > 255) return false;
      const char last = path[i - 1];
      if (last == ' ' || last == '.') return false;  // also "." and ".."
      const std::size_t stem = (dot < i ? dot : i) - start;
      if ((stem == 3 || stem == 4) && is_device_name(path.substr(start, len))) return false;
      if (i == n) return true;
      start = i + 1;
      dot = n;
      continue;
    }
    const auto c = static_cast<unsigned char>(path[i]);
    if (c < 0x20 || c == 0x7F || c == '\\') return false;
    if (c == '.' && dot == n) dot = i;
  }
}

}  // namespace

void FileSet::check_path(std::string_view path) {
  if (is_safe_path(path)) return;
  const auto bad = [&](const std::string& why) {
    throw Error(ErrorCode::argument, "unsafe output path '" + std::string(path) + "': " + why);
  };
  if (path.empty()) bad("empty");
  if (path.size() > 1024) bad("longer than 1024 characters");
  if (path.front() == '/') bad("absolute");
  if (path.size() >= 2 && path[1] == ':') bad("a drive letter");
  for (char c : path) {
    if (c == '\\') bad("a backslash");
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) bad("a control character");
  }
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    const std::string_view comp = path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (comp.empty()) bad("an empty component");
    if (comp == "." || comp == "..") bad("a '.' or '..' component");
    if (comp.size() > 255) bad("a component longer than 255 characters");
    if (is_device_name(comp)) bad("a reserved device name");
    if (comp.back() == ' ' || comp.back() == '.') bad("a component ending in a space or '.'");
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
}

void FileSet::add(const std::string& path, std::string content) {
  check_path(path);
  // Contents are built by appending, so their capacity is up to twice their
  // size; a FileSet holds every file of an application until it is written
  // (hundreds of MB for 10,000 cells): keep only the bytes.
  content.shrink_to_fit();
  files_[path] = std::move(content);
}

bool FileSet::contains(const std::string& path) const noexcept { return files_.count(path) != 0; }

const std::string& FileSet::at(const std::string& path) const {
  auto it = files_.find(path);
  if (it == files_.end()) throw Error(ErrorCode::not_found, "no file '" + path + "' in the output");
  return it->second;
}

SBD_INLINE_NAMESPACE_END
}  // namespace sbd

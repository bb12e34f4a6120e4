#include <sbd/emit.hpp>
#include <sbd/error.hpp>

namespace sbd {
SBD_INLINE_NAMESPACE_BEGIN

namespace {

char ascii_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

bool is_device_name(std::string_view component) {
  // Windows reserves these names, with any extension, in any case: CON, PRN,
  // AUX, NUL, COM1-COM9, LPT1-LPT9. Decided from the stem's length and
  // letters (this runs for every component of every file an engine writes).
  const std::string_view stem = component.substr(0, component.find('.'));
  if (stem.size() != 3 && stem.size() != 4) return false;
  const char a = ascii_upper(stem[0]), b = ascii_upper(stem[1]), c = ascii_upper(stem[2]);
  if (stem.size() == 3)
    return (a == 'C' && b == 'O' && c == 'N') || (a == 'P' && b == 'R' && c == 'N') ||
           (a == 'A' && b == 'U' && c == 'X') || (a == 'N' && b == 'U' && c == 'L');
  return ((a == 'C' && b == 'O' && c == 'M') || (a == 'L' && b == 'P' && c == 'T')) && stem[3] >= '1' &&
         stem[3] <= '9';
}

// What a byte of a path is to is_safe_path.
enum CharClass : unsigned char { kPlain, kSlash, kDot, kBad };
struct CharClasses {
  CharClass of[256];
  constexpr CharClasses() : of() {
    for (int c = 0; c < 256; ++c)
      of[c] = c < 0x20 || c == 0x7F || c == '\\' ? kBad : c == '/' ? kSlash : c == '.' ? kDot : kPlain;
  }
};
constexpr CharClasses kCharClasses;

// Whether path[start, end) is a safe component; dot is its first '.', or
// past it.
bool is_safe_component(std::string_view path, std::size_t start, std::size_t end, std::size_t dot) noexcept {
  const std::size_t len = end - start;
  if (len == 0 || len > 255) return false;
  const char last = path[end - 1];
  if (last == ' ' || last == '.') return false;  // also "." and ".."
  const std::size_t stem = (dot < end ? dot : end) - start;
  return !((stem == 3 || stem == 4) && is_device_name(path.substr(start, len)));
}

// True when path is a safe relative path, in one pass over a table of byte
// classes (every file of every build goes through here). Anything else is
// explained by check_path's slow path, which names the first problem.
bool is_safe_path(std::string_view path) noexcept {
  const std::size_t n = path.size();
  if (n == 0 || n > 1024 || path[0] == '/' || (n >= 2 && path[1] == ':')) return false;
  const char* p = path.data();
  std::size_t start = 0;  // of the current component
  std::size_t dot = n;    // first '.' of the current component, or n
  for (std::size_t i = 0;; ++i) {
    while (i < n && kCharClasses.of[static_cast<unsigned char>(p[i])] == kPlain) ++i;
    if (i == n) return is_safe_component(path, start, n, dot);
    switch (kCharClasses.of[static_cast<unsigned char>(p[i])]) {
      case kDot:
        if (dot == n) dot = i;
        break;
      case kSlash:
        if (!is_safe_component(path, start, i, dot)) return false;
        start = i + 1;
        dot = n;
        break;
      default:
        return false;
    }
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
  // (Starter code and engines size most contents exactly: no call then.)
  if (content.capacity() != content.size()) content.shrink_to_fit();
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

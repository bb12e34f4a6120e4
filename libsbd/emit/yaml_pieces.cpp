#include "emit/yaml_pieces.hpp"

#include <sbd/error.hpp>

#include <string_view>
#include <utility>
#include <vector>

namespace sbd::detail {

namespace {

class PieceWriter {
 public:
  PieceWriter(std::string& out, std::size_t chunk) : out_(out), chunk_(chunk < 1 ? 1 : chunk) {}

  // Writes the entries of map, the value found at path_ (empty: the document).
  void entries(Value& map) {
    const std::vector<std::string>& keys = map.keys();
    std::vector<Value>& items = map.items();
    std::size_t i = 0;
    while (i < keys.size()) {
      if (big(items[i])) {
        path_.push_back(&keys[i]);
        entries(items[i]);
        path_.pop_back();
        if (written_ > path_.size()) written_ = path_.size();
        items[i] = Value();
        ++i;
        continue;
      }
      Value piece = Value::map();
      std::size_t n = 0;
      for (; i < keys.size() && !big(items[i]) && n < chunk_; ++i, ++n) piece.append(keys[i], std::move(items[i]));
      write(std::move(piece));
    }
  }

 private:
  bool big(const Value& v) const { return v.is_map() && v.tag().empty() && v.size() >= chunk_; }

  // Writes piece (entries of the map at path_), wrapped in the keys of
  // path_, dropping the header lines already written.
  void write(Value piece) {
    for (auto it = path_.rbegin(); it != path_.rend(); ++it) {
      Value wrapper = Value::map();
      wrapper.append(**it, std::move(piece));
      piece = std::move(wrapper);
    }
    const std::string text = to_yaml(piece);
    piece = Value();  // this piece's subtrees are freed now
    std::size_t from = 0;
    for (std::size_t level = 0; level < written_; ++level) {
      const std::size_t eol = text.find('\n', from);
      if (eol == std::string::npos) throw Error(ErrorCode::internal, "YAML pieces: a header line is missing");
      from = eol + 1;
    }
    out_.append(text, from, std::string::npos);
    written_ = path_.size();
  }

  std::string& out_;
  const std::size_t chunk_;
  std::vector<const std::string*> path_;  // keys from the document down to the map being written
  std::size_t written_ = 0;               // header lines of path_ already in out_
};

}  // namespace

std::string to_yaml_consuming(Value doc, std::size_t chunk) {
  if (!doc.is_map() || !doc.tag().empty() || doc.size() == 0) return to_yaml(doc);
  std::string out;
  PieceWriter(out, chunk).entries(doc);
  return out;
}

}  // namespace sbd::detail

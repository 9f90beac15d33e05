// model/latent/vocabulary.h — the latent model's own words: text to token ids, with every word it
// does not know reported back. Built from the texts the model was trained on and stored in the
// weights file's metadata (one space-separated string), so a file carries its vocabulary.
// No LibTorch.
//
//   Vocabulary v = Vocabulary::from_texts({"three red balls in a dark blue room"});
//   Tokens t = v.encode("three crimson balls");   // t.unknown_words == {"crimson"}
//
// Tokens: lowercase ASCII runs between spaces and punctuation; "," is a token, and ". ; : ! ?"
// all become "." (the separator between a scene and an event text). Id 0 pads, id 1 is unknown.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "wv/result.h"

namespace wv::model::latent {

inline constexpr int32_t kPadId = 0;
inline constexpr int32_t kUnknownId = 1;

struct Tokens {
  std::vector<int32_t> ids;                // one per token; kUnknownId for unknown words
  std::vector<std::string> unknown_words;  // as written (bytes outside printable ASCII as \xNN)
};

// `text` split into lowercase tokens (see above).
std::vector<std::string> tokenize(std::string_view text);

class Vocabulary {
 public:
  Vocabulary() = default;  // empty: every word is unknown
  // Every token of `texts`, sorted.
  static Vocabulary from_texts(const std::vector<std::string>& texts);
  // The metadata string; refuses empty, repeated or malformed words naming `file_name`.
  static Result<Vocabulary> from_metadata(const std::string& words, const std::string& file_name);

  std::string to_metadata() const;  // words joined by single spaces
  int32_t size() const { return int32_t(words_.size()) + 2; }  // with pad and unknown
  Tokens encode(std::string_view text) const;

 private:
  explicit Vocabulary(std::vector<std::string> words);
  std::vector<std::string> words_;
  std::unordered_map<std::string, int32_t> ids_;
};

}  // namespace wv::model::latent

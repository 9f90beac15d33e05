#include "model/latent/vocabulary.h"

#include <algorithm>
#include <cstdio>
#include <set>

namespace wv::model::latent {
namespace {

constexpr size_t kMaxWords = 10000;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_punct(char c) { return c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?'; }

std::string printable(std::string_view word) {
  std::string out;
  for (char c : word) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7f) {
      out += c;
    } else {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02X", u);
      out += hex;
    }
  }
  return out;
}

// Tokens with their spelling as written, for unknown-word reports.
std::vector<std::pair<std::string, std::string>> split(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> tokens;
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (is_space(c)) {
      ++i;
    } else if (is_punct(c)) {
      tokens.push_back({c == ',' ? "," : ".", std::string(1, c)});
      ++i;
    } else {
      size_t j = i;
      while (j < text.size() && !is_space(text[j]) && !is_punct(text[j])) ++j;
      std::string lower(text.substr(i, j - i));
      for (char& ch : lower) {
        if (ch >= 'A' && ch <= 'Z') ch = char(ch - 'A' + 'a');
      }
      tokens.push_back({lower, printable(text.substr(i, j - i))});
      i = j;
    }
  }
  return tokens;
}

}  // namespace

std::vector<std::string> tokenize(std::string_view text) {
  std::vector<std::string> out;
  for (auto& [token, written] : split(text)) out.push_back(token);
  return out;
}

Vocabulary::Vocabulary(std::vector<std::string> words) : words_(std::move(words)) {
  for (size_t i = 0; i < words_.size(); ++i) ids_[words_[i]] = int32_t(i) + 2;
}

Vocabulary Vocabulary::from_texts(const std::vector<std::string>& texts) {
  std::set<std::string> words;
  for (const std::string& text : texts) {
    for (std::string& t : tokenize(text)) words.insert(std::move(t));
  }
  return Vocabulary({words.begin(), words.end()});
}

Result<Vocabulary> Vocabulary::from_metadata(const std::string& text, const std::string& file_name) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i <= text.size()) {
    size_t j = text.find(' ', i);
    if (j == std::string::npos) j = text.size();
    std::string word = text.substr(i, j - i);
    if (word.empty()) return Error{file_name + ": metadata 'latent.vocabulary' has an empty word (two spaces, or a space at an end)"};
    if (tokenize(word) != std::vector<std::string>{word}) {
      return Error{file_name + ": metadata 'latent.vocabulary' word \"" + printable(word) + "\" is not one lowercase token"};
    }
    words.push_back(std::move(word));
    if (words.size() > kMaxWords) return Error{file_name + ": metadata 'latent.vocabulary' has more than 10000 words"};
    i = j + 1;
  }
  std::vector<std::string> sorted = words;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) {
    return Error{file_name + ": metadata 'latent.vocabulary' repeats a word"};
  }
  return Vocabulary(std::move(words));
}

std::string Vocabulary::to_metadata() const {
  std::string out;
  for (const std::string& w : words_) out += (out.empty() ? "" : " ") + w;
  return out;
}

Tokens Vocabulary::encode(std::string_view text) const {
  Tokens out;
  for (auto& [token, written] : split(text)) {
    auto it = ids_.find(token);
    if (it == ids_.end()) {
      out.ids.push_back(kUnknownId);
      out.unknown_words.push_back(written);
    } else {
      out.ids.push_back(it->second);
    }
  }
  return out;
}

}  // namespace wv::model::latent

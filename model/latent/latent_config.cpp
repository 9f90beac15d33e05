#include "model/latent/latent_config.h"

#include <charconv>
#include <cstdlib>
#include <cstdio>
#include <vector>

namespace wv::model::latent {
namespace {

struct IntField {
  const char* key;
  int32_t LatentConfig::*member;
  int32_t min, max;
};

// Ranges bound memory and time for a hostile file as much as they describe sane models.
const std::vector<IntField>& int_fields() {
  static const std::vector<IntField> fields = {
      {"latent.frame_size", &LatentConfig::frame_size, 16, 256},
      {"latent.latent_channels", &LatentConfig::latent_channels, 1, 64},
      {"latent.ae_width", &LatentConfig::ae_width, 4, 256},
      {"latent.net_width", &LatentConfig::net_width, 4, 512},
      {"latent.prior_blocks", &LatentConfig::prior_blocks, 1, 16},
      {"latent.dynamics_blocks", &LatentConfig::dynamics_blocks, 1, 16},
      {"latent.text_width", &LatentConfig::text_width, 4, 512},
      {"latent.max_positions", &LatentConfig::max_positions, 1, 4096},
      {"latent.prior_steps", &LatentConfig::prior_steps, 1, 100},
      {"latent.action_dim", &LatentConfig::action_dim, 0, 2},
  };
  return fields;
}

}  // namespace

Status validate_config(const LatentConfig& c) {
  for (const IntField& f : int_fields()) {
    const int32_t v = c.*(f.member);
    if (v < f.min || v > f.max) {
      return Error{std::string(f.key) + " = " + std::to_string(v) + " is outside [" + std::to_string(f.min) +
                   ", " + std::to_string(f.max) + "]"};
    }
  }
  if (c.frame_size % 4 != 0) return Error{"latent.frame_size must be a multiple of 4, not " + std::to_string(c.frame_size)};
  if (c.action_dim != 0 && c.action_dim != 2) return Error{"latent.action_dim must be 0 or 2 (a push vector)"};
  if (!(c.fps > 0.0 && c.fps <= 1000.0)) return Error{"latent.fps must be in (0, 1000]"};
  if (!(c.prior_guidance >= 0.0 && c.prior_guidance <= 10.0)) return Error{"latent.prior_guidance must be in [0, 10]"};
  return Status::success();
}

std::map<std::string, std::string> to_metadata(const LatentConfig& c) {
  std::map<std::string, std::string> m;
  for (const IntField& f : int_fields()) m[f.key] = std::to_string(c.*(f.member));
  char fps[32];
  std::snprintf(fps, sizeof fps, "%.17g", c.fps);
  m["latent.fps"] = fps;
  if (c.prior_guidance != 1.0) {
    char g[32];
    std::snprintf(g, sizeof g, "%.17g", c.prior_guidance);
    m["latent.prior_guidance"] = g;
  }
  return m;
}

Result<LatentConfig> config_from_metadata(const std::map<std::string, std::string>& metadata,
                                          const std::string& file_name) {
  LatentConfig c;
  for (const IntField& f : int_fields()) {
    auto it = metadata.find(f.key);
    if (it == metadata.end()) return Error{file_name + ": metadata '" + f.key + "' is missing (not a latent world model file?)"};
    const std::string& s = it->second;
    int32_t v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size()) {
      return Error{file_name + ": metadata '" + f.key + "' = \"" + s + "\" is not an integer"};
    }
    c.*(f.member) = v;
  }
  auto fps = metadata.find("latent.fps");
  if (fps == metadata.end()) return Error{file_name + ": metadata 'latent.fps' is missing"};
  char* end = nullptr;
  c.fps = std::strtod(fps->second.c_str(), &end);
  if (fps->second.empty() || *end != '\0') return Error{file_name + ": metadata 'latent.fps' = \"" + fps->second + "\" is not a number"};
  if (auto g = metadata.find("latent.prior_guidance"); g != metadata.end()) {
    char* gend = nullptr;
    c.prior_guidance = std::strtod(g->second.c_str(), &gend);
    if (g->second.empty() || *gend != '\0') {
      return Error{file_name + ": metadata 'latent.prior_guidance' = \"" + g->second + "\" is not a number"};
    }
  }
  if (Status s = validate_config(c); !s) return Error{file_name + ": " + s.error().message};
  return c;
}

}  // namespace wv::model::latent

#include "model/latent/latent_config.h"

#include <charconv>
#include <cmath>
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

std::string number_text(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", v);
  return text;
}

// Leaves `value` alone when `key` is absent.
Status read_optional_number(const std::map<std::string, std::string>& metadata, const char* key,
                            const std::string& file_name, double& value) {
  auto it = metadata.find(key);
  if (it == metadata.end()) return Status::success();
  char* end = nullptr;
  const double v = std::strtod(it->second.c_str(), &end);
  if (it->second.empty() || *end != '\0') {
    return Error{file_name + ": metadata '" + key + "' = \"" + it->second + "\" is not a number"};
  }
  value = v;
  return Status::success();
}

// An optional whole number in [0, max]; absent leaves `value` as it is.
Status read_optional_count(const std::map<std::string, std::string>& metadata, const char* key,
                           const std::string& file_name, int32_t max, int32_t& value) {
  double v = value;
  if (Status s = read_optional_number(metadata, key, file_name, v); !s) return s;
  if (v != std::floor(v) || v < 0 || v > max) {
    return Error{file_name + ": metadata '" + key + "' must be a whole number in [0, " + std::to_string(max) + "]"};
  }
  value = int32_t(v);
  return Status::success();
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
  if (c.palette_size < 0 || c.palette_size > 64) return Error{"latent.palette_size must be in [0, 64]"};
  if (!(c.sharpness >= 0.1 && c.sharpness <= 100.0)) return Error{"latent.sharpness must be in [0.1, 100]"};
  if (c.dynamics_flow_steps < 0 || c.dynamics_flow_steps > 64) return Error{"latent.dynamics_flow_steps must be in [0, 64]"};
  if (!(c.dynamics_flow_noise > 0.0 && c.dynamics_flow_noise <= 4.0)) return Error{"latent.dynamics_flow_noise must be in (0, 4]"};
  return Status::success();
}

std::map<std::string, std::string> to_metadata(const LatentConfig& c) {
  std::map<std::string, std::string> m;
  for (const IntField& f : int_fields()) m[f.key] = std::to_string(c.*(f.member));
  m["latent.fps"] = number_text(c.fps);
  if (c.prior_guidance != 1.0) m["latent.prior_guidance"] = number_text(c.prior_guidance);
  if (c.palette_size > 0) {
    m["latent.palette_size"] = std::to_string(c.palette_size);
    m["latent.sharpness"] = number_text(c.sharpness);
  }
  if (c.dynamics_flow_steps > 0) m["latent.dynamics_flow_steps"] = std::to_string(c.dynamics_flow_steps);
  if (c.dynamics_flow_noise != 1.0) m["latent.dynamics_flow_noise"] = number_text(c.dynamics_flow_noise);
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
  // Optional fields: files written before them load with the defaults.
  if (Status s = read_optional_number(metadata, "latent.prior_guidance", file_name, c.prior_guidance); !s) return s.error();
  if (Status s = read_optional_number(metadata, "latent.sharpness", file_name, c.sharpness); !s) return s.error();
  if (Status s = read_optional_count(metadata, "latent.palette_size", file_name, 64, c.palette_size); !s) return s.error();
  if (Status s = read_optional_number(metadata, "latent.dynamics_flow_noise", file_name, c.dynamics_flow_noise); !s) {
    return s.error();
  }
  if (Status s = read_optional_count(metadata, "latent.dynamics_flow_steps", file_name, 64, c.dynamics_flow_steps); !s) {
    return s.error();
  }
  if (Status s = validate_config(c); !s) return Error{file_name + ": " + s.error().message};
  return c;
}

}  // namespace wv::model::latent

// tests/model/torchscript_fixtures.h — the TorchScript files make_fixture_model.py writes at
// build time, and loading them the way a user who named them on the command line would.
#pragma once

#include <memory>
#include <string>

#include "model/torchscript_model.h"
#include "model/world_model.h"

namespace wv::model::testing {

inline std::string ts_fixture(const std::string& file) { return std::string(WV_TORCHSCRIPT_FIXTURES) + "/" + file; }

inline Result<std::shared_ptr<WorldModel>> load_named(const std::string& path) {
  return load_torchscript_model(path, {.named_by_user = true});
}

}  // namespace wv::model::testing

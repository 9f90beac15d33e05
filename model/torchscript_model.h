// model/torchscript_model.h — external world models: a TorchScript file (saved from Python with
// torch.jit.script(model).save(path)) behind the WorldModel contract (DESIGN.md §5). What the
// file must provide is docs/model-contract.md; the loader checks all of it before the model runs.
//
//   ModelTrust trust{.named_by_user = true};                 // the user gave --model on the command line
//   auto m = load_torchscript_model("models/field.pt", trust);
//   if (!m) { log_error(m.error().message); return; }        // names the file and what is wrong
//   params.model = *m;                                       // a RolloutEngine rollout
//
// Loading: reads the file once (≤ kMaxTorchScriptBytes), checks trust against the SHA-256 of those
// bytes (model_trust.h) and parses those same bytes, so the file cannot change in between. Then
// it checks the info attributes, the methods' signatures, and runs one init and one step with
// B = 1 as a smoke check. Every refusal is an Error naming the file and the reason; no Torch
// exception escapes. Thread-safety: load from any thread; the model itself is called from one
// thread at a time (the engine guarantees it).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "model/model_trust.h"
#include "wv/result.h"

namespace wv::model {

class WorldModel;

inline constexpr uint64_t kMaxTorchScriptBytes = uint64_t(4) << 30;  // bounds memory on a wrong file

struct TorchScriptLoad {
  std::string device = "cpu";  // "cpu", "cuda:0", ...: the module and its tensors move there
};

Result<std::shared_ptr<WorldModel>> load_torchscript_model(const std::string& path, const ModelTrust& trust,
                                                           const TorchScriptLoad& options = {});

}  // namespace wv::model

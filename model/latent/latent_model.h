// model/latent/latent_model.h — the built-in world model ("toyworld-latent"): loads a weights
// file into a model::WorldModel. No LibTorch in this header, so app/ can include it.
//
//   wv::Result<std::shared_ptr<wv::model::WorldModel>> m =
//       wv::model::latent::load_latent_model("assets/models/toyworld-latent-v1/model.safetensors");
//   if (!m) { wv::log_error(m.error().message); return; }   // names the file and the reason
//
// What the model is (prompt encoder, autoencoder, flow prior, dynamics), what its inputs mean
// and how it was trained: assets/models/toyworld-latent-v1/MODEL_CARD.md.
// Contract details of this model:
//  - prompt embedding [1, text_width]; unknown words are reported, and encoded as "unknown";
//  - init noise [2C, S, S] (S = frame_size / 4): the flow prior's start for the latents of the
//    frame before frame 0 and of frame 0; a start image becomes frame 0 and the prior fills in
//    the frame before it, so the seed still chooses the motion;
//  - step noise [0]: the dynamics are deterministic (the simulated physics they learn is);
//  - action [B, 2]: a push, added to every object's velocity (room units/s per unit);
//  - state: the latents of the last two frames, [B, C, S, S] each.
// Thread-safety: as model::WorldModel (one caller at a time).
#pragma once

#include <memory>
#include <string>

#include "wv/result.h"

namespace wv::model {
class WorldModel;
}

namespace wv::model::latent {

// Refuses (Error naming `path` and the reason) a missing, damaged or foreign file, and a file
// whose tensors do not match its own config in name, shape or dtype.
Result<std::shared_ptr<WorldModel>> load_latent_model(const std::string& path);

}  // namespace wv::model::latent

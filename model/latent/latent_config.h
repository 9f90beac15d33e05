// model/latent/latent_config.h — the sizes of the built-in latent world model. Stored in the
// weights file's metadata, so a file says which network it holds and the loader can check every
// tensor against it. Plain values, no LibTorch.
//
//   wv::model::latent::LatentConfig c;            // the shipped size
//   c.frame_size = 64;
//   std::map<std::string, std::string> meta = to_metadata(c);
//   wv::Result<LatentConfig> back = config_from_metadata(meta, "model.safetensors");
//
// Append fields at the end; never reorder.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "wv/result.h"

namespace wv::model::latent {

struct LatentConfig {
  int32_t frame_size = 64;      // frames are frame_size × frame_size (a multiple of 4)
  int32_t latent_channels = 8;  // the latent is latent_channels × frame_size/4 × frame_size/4
  int32_t ae_width = 32;        // autoencoder channels at full and half resolution: w, 2w
  int32_t net_width = 64;       // prior and dynamics channels
  int32_t prior_blocks = 3;     // residual blocks
  int32_t dynamics_blocks = 4;
  int32_t text_width = 64;      // word embedding and prompt vector size
  int32_t max_positions = 64;   // positional embeddings; later words share the last one
  int32_t prior_steps = 8;      // Euler steps of the flow prior at init
  int32_t action_dim = 2;       // a push: velocity change of every object, room units per second
  double fps = 30.0;
  // Classifier-free guidance of the prior at init: v = v_uncond + g (v_cond - v_uncond); 1 is
  // plain conditional sampling (one network call per Euler step). Optional in the metadata
  // ("latent.prior_guidance", 1 when absent), so files written before it load unchanged.
  double prior_guidance = 1.0;
  // 0: the decoder draws RGB directly (sigmoid). K > 0: frames are made of K palette colors (a
  // tensor of the file): the decoder gives each pixel a distribution over them, the frame is its
  // expectation at `sharpness` (logits scaled), and the encoder reads such distributions, so a
  // rollout re-encodes every frame it draws (errors snap back to the palette instead of
  // drifting into blur). Optional in the metadata: 0 when absent.
  int32_t palette_size = 0;
  double sharpness = 1.0;
  // 0: the dynamics regress the next latent (deterministic). K > 0: they are a conditional flow:
  // the next latent's change is integrated from the engine's step noise in K Euler steps, so a
  // step draws one possible future instead of the blurred mean of all of them. Optional in the
  // metadata ("latent.dynamics_flow_steps", 0 when absent).
  int32_t dynamics_flow_steps = 0;
  // Flow dynamics: the scale of the step noise the change is integrated from. Below 1 the flow
  // starts near "no change", so each draw stays tied to the current frame instead of being
  // rebuilt from noise. Optional in the metadata ("latent.dynamics_flow_noise", 1 when absent).
  double dynamics_flow_noise = 1.0;

  int32_t latent_size() const { return frame_size / 4; }
};

// Ok, or an Error naming what is out of range.
Status validate_config(const LatentConfig& config);

// "latent.frame_size" = "64", ...
std::map<std::string, std::string> to_metadata(const LatentConfig& config);

// Reads and validates the fields written by to_metadata; errors start with `file_name`.
Result<LatentConfig> config_from_metadata(const std::map<std::string, std::string>& metadata,
                                          const std::string& file_name);

}  // namespace wv::model::latent

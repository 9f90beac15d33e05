// model/latent/episodes.h — training data for the latent world model: short clips of toyworld
// episodes (the simulator is only the teacher; the model never calls it at inference), with
// mid-clip events and pushes. No LibTorch: pixels are plain floats.
//
//   ClipParams p{.frame_size = 64, .clip_frames = 10, .batch = 8};
//   ClipBatch b = make_clip_batch(p, /*seed=*/step_seed);   // same seed, same batch
//
// The prompt in force at a frame is the scene text until an event happens, then
// "<scene text>. <event text>" (prompt_with_event): the latest event is appended to the scene it
// changes. The model is trained on exactly this composition, so the rollout engine should pass
// the same (scene, then scene + latest event).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace wv::model::latent {

struct ClipParams {
  int32_t frame_size = 64;
  int32_t clip_frames = 10;      // 2 context frames + predicted frames
  int32_t batch = 16;
  double fps = 30.0;
  double event_chance = 0.5;     // a clip holds an event (at or before one of its frames)
  double push_chance = 0.1;      // a frame gets a push action
  double push_speed = 1.0;       // room units per second per unit of action
  int32_t max_offset = 90;       // clips start within the first max_offset + clip_frames frames
  bool palette_labels = false;   // also fill ClipBatch::labels / start_labels
};

struct ClipBatch {
  int32_t batch = 0, frames = 0, size = 0;
  std::vector<float> pixels;         // [batch, frames, 3, size, size], sRGB values in [0, 1]
  std::vector<std::string> prompts;  // [batch, frames]: the prompt in force at each frame
  std::vector<float> actions;        // [batch, frames, 2]: the push applied to make each frame
  std::vector<float> start_pixels;   // [batch, 2, 3, size, size]: frames 0 and 1 of each episode
  std::vector<std::string> start_prompts;  // [batch]: the scene text
  // With ClipParams::palette_labels: each pixel as a distribution over training_palette()
  // ([batch, frames, K, size, size] and [batch, 2, K, size, size]). An edge pixel splits
  // between the two colors it blends (its coverage); shading inside an object or the room does
  // not count as another color.
  std::vector<float> labels, start_labels;
};

// The colors frames are labelled with: toyworld's room colors, then its object colors, as sRGB
// in [0, 1] (flat, without the renderer's shading).
std::vector<std::array<float, 3>> training_palette();

// Deterministic in (params, seed).
ClipBatch make_clip_batch(const ClipParams& params, uint64_t seed);

// "<scene>. <event>": the prompt in force after an event (see above).
std::string prompt_with_event(const std::string& scene_text, const std::string& event_text);

// Scene and event texts as the training data writes them, from `count` draws: the corpus the
// vocabulary is built from.
std::vector<std::string> training_texts(int32_t count, uint64_t seed);

}  // namespace wv::model::latent

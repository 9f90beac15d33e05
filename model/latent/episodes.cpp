#include "model/latent/episodes.h"

#include <algorithm>
#include <optional>

#include "model/toyworld/palette.h"
#include "model/toyworld/random.h"
#include "model/toyworld/raster.h"
#include "model/toyworld/simulator.h"
#include "model/toyworld/text.h"
#include "wv/frame.h"

namespace wv::model::latent {
namespace {

using namespace wv::toyworld;

int pick(uint64_t& rng, int n) { return int(next_u64(rng) % uint64_t(n)); }
bool chance(uint64_t& rng, double p) { return next_uniform(rng, 0.0, 1.0) < p; }

Force random_force(uint64_t& rng) { return Force{Direction(pick(rng, 4)), Strength(pick(rng, 3))}; }

ObjectSpec random_object(uint64_t& rng) {
  return ObjectSpec{Shape(pick(rng, 2)), Color(pick(rng, kColorCount)), Size(pick(rng, 3)),
                    chance(rng, 0.7) ? Place::Anywhere : Place(pick(rng, 6))};
}

// Mostly ordinary worlds (gravity down, still air), so that the common case is learned well.
Scene random_scene(uint64_t& rng) {
  Scene s;
  s.background = Background(pick(rng, kBackgroundCount));
  const int n = 1 + pick(rng, 3);
  for (int i = 0; i < n; ++i) s.objects.push_back(i > 0 && chance(rng, 0.4) ? s.objects.back() : random_object(rng));
  const double g = next_uniform(rng, 0.0, 1.0);
  s.gravity = g < 0.55 ? std::optional(Force{}) : (g < 0.85 ? std::optional(random_force(rng)) : std::nullopt);
  if (chance(rng, 0.2)) s.wind = random_force(rng);
  s.walls = Walls(pick(rng, 3));
  return s;
}

// The events the issue names, one change each.
Event random_event(uint64_t& rng) {
  Change c;
  switch (pick(rng, 8)) {
    case 0: c.kind = ChangeKind::FlipGravity; break;
    case 1: c.kind = ChangeKind::SetGravity; c.force = random_force(rng); break;
    case 2: c.kind = ChangeKind::SetGravity; break;  // gravity turns off
    case 3: c.kind = ChangeKind::SetWind; c.force = random_force(rng); break;
    case 4:
      c.kind = ChangeKind::Recolor;
      if (chance(rng, 0.6)) c.who.shape = Shape(pick(rng, 2));  // else "everything"
      c.color = Color(pick(rng, kColorCount));
      break;
    case 5: {
      c.kind = ChangeKind::Appear;
      c.object = random_object(rng);
      break;
    }
    case 6: c.kind = ChangeKind::Freeze; break;
    default: c.kind = ChangeKind::SetWalls; c.walls = Walls(pick(rng, 3)); break;
  }
  return Event{{c}};
}

// The rendered frame's pixels as planar floats.
void copy_pixels(const Frame& frame, float* out) {
  const size_t plane = size_t(frame.width) * size_t(frame.height);
  for (int32_t y = 0; y < frame.height; ++y) {
    const uint8_t* row = frame.row(y);
    for (int32_t x = 0; x < frame.width; ++x) {
      const size_t i = size_t(y) * size_t(frame.width) + size_t(x);
      for (int c = 0; c < 3; ++c) out[c * plane + i] = float(row[4 * x + c]) * (1.0f / 255.0f);
    }
  }
}

int palette_index(Background b) { return int(b); }
int palette_index(Color c) { return kBackgroundCount + int(c); }

// Each pixel between the two nearest of the colors the world holds (its room and its objects),
// split by where it lies on the segment between them: anti-aliased edges keep their coverage.
// Splits within 15% of either end are snapped to it, so shading is not read as a blend.
void label_pixels(const WorldState& world, const Frame& frame, const std::vector<std::array<float, 3>>& palette,
                  float* out) {
  std::vector<int> present = {palette_index(world.background)};
  for (const Body& b : world.bodies) {
    if (std::find(present.begin(), present.end(), palette_index(b.color)) == present.end()) {
      present.push_back(palette_index(b.color));
    }
  }
  const size_t plane = size_t(frame.width) * size_t(frame.height);
  std::fill(out, out + palette.size() * plane, 0.0f);
  auto dist2 = [&](const float* c, int k) {
    const auto& q = palette[size_t(k)];
    return (c[0] - q[0]) * (c[0] - q[0]) + (c[1] - q[1]) * (c[1] - q[1]) + (c[2] - q[2]) * (c[2] - q[2]);
  };
  for (int32_t y = 0; y < frame.height; ++y) {
    const uint8_t* row = frame.row(y);
    for (int32_t x = 0; x < frame.width; ++x) {
      const float c[3] = {row[4 * x] / 255.0f, row[4 * x + 1] / 255.0f, row[4 * x + 2] / 255.0f};
      int a = present[0], b = -1;
      for (int k : present) {
        if (dist2(c, k) < dist2(c, a)) a = k;
      }
      for (int k : present) {
        if (k != a && (b < 0 || dist2(c, k) < dist2(c, b))) b = k;
      }
      const size_t i = size_t(y) * size_t(frame.width) + size_t(x);
      float t = 0.0f;
      if (b >= 0) {
        const auto &pa = palette[size_t(a)], &pb = palette[size_t(b)];
        float dot = 0, len2 = 0;
        for (int j = 0; j < 3; ++j) {
          dot += (c[j] - pa[size_t(j)]) * (pb[size_t(j)] - pa[size_t(j)]);
          len2 += (pb[size_t(j)] - pa[size_t(j)]) * (pb[size_t(j)] - pa[size_t(j)]);
        }
        t = std::clamp(dot / std::max(len2, 1e-6f), 0.0f, 1.0f);
        if (t < 0.15f) t = 0.0f;
        if (t > 0.85f) t = 1.0f;
      }
      out[size_t(a) * plane + i] += 1.0f - t;
      if (b >= 0) out[size_t(b) * plane + i] += t;
    }
  }
}

}  // namespace

std::string prompt_with_event(const std::string& scene_text, const std::string& event_text) {
  return scene_text + ". " + event_text;
}

ClipBatch make_clip_batch(const ClipParams& p, uint64_t seed) {
  ClipBatch b;
  b.batch = p.batch;
  b.frames = p.clip_frames;
  b.size = p.frame_size;
  const size_t frame_floats = size_t(3) * size_t(p.frame_size) * size_t(p.frame_size);
  b.pixels.resize(size_t(p.batch) * size_t(p.clip_frames) * frame_floats);
  b.prompts.resize(size_t(p.batch) * size_t(p.clip_frames));
  b.actions.assign(size_t(p.batch) * size_t(p.clip_frames) * 2, 0.0f);
  b.start_pixels.resize(size_t(p.batch) * 2 * frame_floats);
  b.start_prompts.resize(size_t(p.batch));
  auto scratch = make_frame(p.frame_size, p.frame_size, 0, 0.0);
  const std::vector<std::array<float, 3>> palette = training_palette();
  const size_t label_floats = palette.size() * size_t(p.frame_size) * size_t(p.frame_size);
  if (p.palette_labels) {
    b.labels.resize(size_t(p.batch) * size_t(p.clip_frames) * label_floats);
    b.start_labels.resize(size_t(p.batch) * 2 * label_floats);
  }
  // Renders the world once into the pixels and, when asked, the labels of frame slot `k`.
  auto record = [&](const WorldState& world, std::vector<float>& pixels, std::vector<float>& labels, size_t k) {
    render_world(world, *scratch);
    copy_pixels(*scratch, &pixels[k * frame_floats]);
    if (p.palette_labels) label_pixels(world, *scratch, palette, &labels[k * label_floats]);
  };
  const double dt = 1.0 / p.fps;

  uint64_t rng = seed;
  for (int32_t i = 0; i < p.batch; ++i) {
    const Scene scene = random_scene(rng);
    const std::string scene_text = format_scene(scene);
    WorldState world = make_world(scene, next_u64(rng), p.frame_size, p.frame_size);
    b.start_prompts[i] = scene_text;

    const int64_t offset = pick(rng, std::max(1, p.max_offset));
    std::optional<Event> event;
    int64_t event_frame = -1;
    std::string event_prompt;
    if (chance(rng, p.event_chance)) {
      event = random_event(rng);
      event_frame = std::max<int64_t>(2, offset - 10 + pick(rng, 10 + p.clip_frames));
      event_prompt = prompt_with_event(scene_text, format_event(*event));
    }
    for (int64_t f = 0; f <= offset + p.clip_frames - 1; ++f) {
      const int64_t t = f - offset;  // frame within the clip
      if (f > 0) {
        if (t >= 2 && chance(rng, p.push_chance)) {
          const float ax = float(next_uniform(rng, -1.0, 1.0)), ay = float(next_uniform(rng, -1.0, 1.0));
          b.actions[(size_t(i) * size_t(p.clip_frames) + size_t(t)) * 2 + 0] = ax;
          b.actions[(size_t(i) * size_t(p.clip_frames) + size_t(t)) * 2 + 1] = ay;
          for (Body& body : world.bodies) {
            body.vx += ax * p.push_speed;
            body.vy += ay * p.push_speed;
          }
        }
        step_world(world, dt);
        if (f == event_frame) apply_event(world, *event);
      }
      if (f <= 1) record(world, b.start_pixels, b.start_labels, size_t(i) * 2 + size_t(f));
      if (t >= 0) {
        const size_t k = size_t(i) * size_t(p.clip_frames) + size_t(t);
        record(world, b.pixels, b.labels, k);
        b.prompts[k] = event && f >= event_frame ? event_prompt : scene_text;
      }
    }
  }
  return b;
}

std::vector<std::array<float, 3>> training_palette() {
  std::vector<std::array<float, 3>> colors;
  auto add = [&](Rgb8 c) { colors.push_back({c.r / 255.0f, c.g / 255.0f, c.b / 255.0f}); };
  for (int i = 0; i < kBackgroundCount; ++i) add(rgb(Background(i)));
  for (int i = 0; i < kColorCount; ++i) add(rgb(Color(i)));
  return colors;
}

std::vector<std::string> training_texts(int32_t count, uint64_t seed) {
  std::vector<std::string> texts;
  uint64_t rng = seed;
  for (int32_t i = 0; i < count; ++i) {
    const std::string scene = format_scene(random_scene(rng));
    texts.push_back(prompt_with_event(scene, format_event(random_event(rng))));
  }
  return texts;
}

}  // namespace wv::model::latent

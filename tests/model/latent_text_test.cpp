// The latent model's plain parts: vocabulary, config metadata, training clips.
#include <gtest/gtest.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "model/latent/episodes.h"
#include "model/latent/latent_config.h"
#include "model/latent/vocabulary.h"

namespace wv::model::latent {
namespace {

TEST(LatentVocabulary, ReportsUnknownWordsAsWrittenAndKnowsTheRest) {
  const Vocabulary v = Vocabulary::from_texts({"three red balls in a dark blue room. gravity flips"});
  const Tokens t = v.encode("Three CRIMSON balls, in a d\xC3\xA9j\xC3\xA0 room!");
  EXPECT_EQ(t.unknown_words, (std::vector<std::string>{"CRIMSON", ",", "d\\xC3\\xA9j\\xC3\\xA0"}));
  ASSERT_EQ(t.ids.size(), 9u);  // three crimson balls , in a deja room .
  EXPECT_NE(t.ids[0], kUnknownId);
  EXPECT_EQ(t.ids[1], kUnknownId);
  EXPECT_EQ(t.ids[8], v.encode(".").ids[0]);  // "!" is the separator "."
  EXPECT_NE(t.ids[8], kUnknownId);
}

TEST(LatentVocabulary, MetadataRoundTripAndRefusals) {
  const Vocabulary v = Vocabulary::from_texts(training_texts(200, 5));
  auto back = Vocabulary::from_metadata(v.to_metadata(), "m.safetensors");
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->to_metadata(), v.to_metadata());
  EXPECT_EQ(back->size(), v.size());
  auto repeated = Vocabulary::from_metadata("ball red ball", "m.safetensors");
  ASSERT_FALSE(repeated.ok());
  EXPECT_NE(repeated.error().message.find("m.safetensors"), std::string::npos);
  EXPECT_NE(repeated.error().message.find("repeats"), std::string::npos);
  EXPECT_FALSE(Vocabulary::from_metadata("ball  red", "m").ok());
  EXPECT_FALSE(Vocabulary::from_metadata("Ball", "m").ok());
}

TEST(LatentConfig, MetadataRoundTripAndRefusals) {
  LatentConfig c;
  c.frame_size = 32;
  c.fps = 24.0;
  auto back = config_from_metadata(to_metadata(c), "w.safetensors");
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->frame_size, 32);
  EXPECT_EQ(back->fps, 24.0);

  auto meta = to_metadata(c);
  meta["latent.frame_size"] = "30";
  auto bad = config_from_metadata(meta, "w.safetensors");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("w.safetensors: latent.frame_size must be a multiple of 4"), std::string::npos);
  meta["latent.frame_size"] = "64x";
  EXPECT_NE(config_from_metadata(meta, "w").error().message.find("is not an integer"), std::string::npos);
  meta.erase("latent.frame_size");
  EXPECT_NE(config_from_metadata(meta, "w").error().message.find("is missing"), std::string::npos);
}

// Optional real-valued fields: absent from a file that keeps the default (files written before
// the field load as before), read back when set, refused out of range or not a number.
TEST(LatentConfig, OptionalNumbersAreAbsentByDefaultReadBackAndChecked) {
  struct OptionalNumber {
    const char* key;
    double LatentConfig::*member;
    double value, absent;
    std::vector<std::pair<const char*, const char*>> bad;  // value, what the error says
  };
  const OptionalNumber fields[] = {
      {"latent.prior_guidance", &LatentConfig::prior_guidance, 2.5, 1.0,
       {{"11", "prior_guidance must be in [0, 10]"}, {"x", "is not a number"}}},
      {"latent.dynamics_flow_noise", &LatentConfig::dynamics_flow_noise, 0.25, 1.0,
       {{"0", "dynamics_flow_noise must be in (0, 4]"}, {"-0.5", "dynamics_flow_noise must be in (0, 4]"},
        {"4.5", "dynamics_flow_noise must be in (0, 4]"}, {"nan", "dynamics_flow_noise must be in (0, 4]"},
        {"quarter", "is not a number"}}},
  };
  for (const OptionalNumber& f : fields) {
    LatentConfig c;
    c.dynamics_flow_steps = 4;
    EXPECT_EQ(to_metadata(c).count(f.key), 0u) << f.key;
    c.*f.member = f.value;
    auto meta = to_metadata(c);
    auto back = config_from_metadata(meta, "w");
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ((*back).*f.member, f.value) << f.key;
    meta.erase(f.key);
    EXPECT_EQ((*config_from_metadata(meta, "w")).*f.member, f.absent) << f.key;
    for (const auto& [bad, says] : f.bad) {
      meta[f.key] = bad;
      auto refused = config_from_metadata(meta, "w");
      ASSERT_FALSE(refused.ok()) << f.key << " = " << bad;
      EXPECT_NE(refused.error().message.find(says), std::string::npos) << refused.error().message;
    }
  }
}

TEST(LatentConfig, PaletteIsOptionalInTheMetadata) {
  LatentConfig c;
  EXPECT_EQ(to_metadata(c).count("latent.palette_size"), 0u);  // RGB files as before
  c.palette_size = 15;
  c.sharpness = 2.0;
  auto meta = to_metadata(c);
  auto back = config_from_metadata(meta, "w");
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->palette_size, 15);
  EXPECT_EQ(back->sharpness, 2.0);
  meta.erase("latent.palette_size");
  meta.erase("latent.sharpness");
  EXPECT_EQ(config_from_metadata(meta, "w")->palette_size, 0);
  meta["latent.palette_size"] = "2.5";
  EXPECT_NE(config_from_metadata(meta, "w").error().message.find("'latent.palette_size' must be a whole number"),
            std::string::npos);
  meta["latent.palette_size"] = "15";
  meta["latent.sharpness"] = "0";
  EXPECT_NE(config_from_metadata(meta, "w").error().message.find("sharpness must be in [0.1, 100]"), std::string::npos);
}

TEST(LatentConfig, DynamicsFlowStepsAreOptionalInTheMetadata) {
  LatentConfig c;
  EXPECT_EQ(to_metadata(c).count("latent.dynamics_flow_steps"), 0u);  // deterministic files as before
  c.dynamics_flow_steps = 4;
  auto meta = to_metadata(c);
  auto back = config_from_metadata(meta, "w");
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->dynamics_flow_steps, 4);
  meta.erase("latent.dynamics_flow_steps");
  EXPECT_EQ(config_from_metadata(meta, "w")->dynamics_flow_steps, 0);
  for (const char* bad : {"-1", "65", "1.5", "four"}) {
    meta["latent.dynamics_flow_steps"] = bad;
    EXPECT_FALSE(config_from_metadata(meta, "w").ok()) << bad;
  }
}

// Labels are per-pixel distributions over the palette: certain inside the room and the objects,
// split only where an edge blends two colors, and the room's label is the room's color.
TEST(LatentEpisodes, PaletteLabelsAreDistributionsThatSplitOnlyEdges) {
  const ClipParams p{.frame_size = 32, .clip_frames = 3, .batch = 6, .palette_labels = true};
  const ClipBatch b = make_clip_batch(p, 5);
  const size_t K = training_palette().size(), plane = 32 * 32;
  ASSERT_EQ(b.labels.size(), size_t(6 * 3) * K * plane);
  ASSERT_EQ(b.start_labels.size(), size_t(6 * 2) * K * plane);
  size_t split = 0, pixels = 0;
  for (size_t f = 0; f < size_t(6 * 3); ++f) {
    const float* l = &b.labels[f * K * plane];
    for (size_t i = 0; i < plane; ++i, ++pixels) {
      float sum = 0, top = 0;
      for (size_t k = 0; k < K; ++k) sum += l[k * plane + i], top = std::max(top, l[k * plane + i]);
      ASSERT_NEAR(sum, 1.0f, 1e-5f);
      if (top < 0.999f) ++split;
    }
    // The corner is room: its label is one of the room colors, which lead the palette.
    size_t corner = 0;
    for (size_t k = 0; k < K; ++k) corner = l[k * plane] > l[corner * plane] ? k : corner;
    EXPECT_LT(corner, size_t(6)) << "frame " << f;
  }
  EXPECT_GT(split, 0u) << "anti-aliased edges are split between two colors";
  EXPECT_LT(double(split) / double(pixels), 0.1) << "only edges are split";
}

TEST(LatentEpisodes, ClipsAreDeterministicInRangeAndCarryEventPrompts) {
  const ClipParams p{.frame_size = 16, .clip_frames = 6, .batch = 24, .event_chance = 1.0};
  const ClipBatch a = make_clip_batch(p, 11), b = make_clip_batch(p, 11), c = make_clip_batch(p, 12);
  EXPECT_EQ(a.pixels, b.pixels);
  EXPECT_EQ(a.prompts, b.prompts);
  EXPECT_NE(a.pixels, c.pixels);
  ASSERT_EQ(a.pixels.size(), size_t(24 * 6 * 3 * 16 * 16));
  EXPECT_TRUE(std::all_of(a.pixels.begin(), a.pixels.end(), [](float v) { return v >= 0.0f && v <= 1.0f; }));
  int with_event = 0;
  for (int32_t i = 0; i < a.batch; ++i) {
    const std::string& last = a.prompts[size_t(i) * 6 + 5];
    EXPECT_EQ(last.rfind(a.start_prompts[size_t(i)], 0), 0u) << "the scene text leads every prompt";
    if (last != a.start_prompts[size_t(i)]) {
      ++with_event;
      EXPECT_EQ(last.substr(a.start_prompts[size_t(i)].size(), 2), ". ");
    }
  }
  EXPECT_EQ(with_event, 24);  // every clip's event happens before or inside it
}

}  // namespace
}  // namespace wv::model::latent

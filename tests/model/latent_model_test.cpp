// The latent world model through the WorldModel contract, its weights files, and training,
// all with a tiny config (16x16 frames) so the suite runs in seconds.
#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "model/latent/latent_model.h"
#include "model/latent/networks.h"
#include "model/latent/train.h"
#include "model/world_model.h"

namespace wv::model::latent {
namespace {

namespace fs = std::filesystem;

LatentConfig tiny() {
  LatentConfig c;
  c.frame_size = 16;
  c.latent_channels = 4;
  c.ae_width = 8;
  c.net_width = 16;
  c.prior_blocks = 1;
  c.dynamics_blocks = 1;
  c.text_width = 16;
  c.prior_steps = 3;
  return c;
}

fs::path out_dir(const std::string& name) {
  const fs::path p = fs::path(WV_TEST_OUTPUT_DIR) / "latent" / name;
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

// A palette model draws with toyworld's training palette.
LatentConfig tiny_palette() {
  LatentConfig c = tiny();
  c.palette_size = int32_t(training_palette().size());
  c.sharpness = 2.0;
  return c;
}

struct Fixture {
  LatentConfig config;
  Vocabulary vocabulary = Vocabulary::from_texts(training_texts(300, 1));
  LatentNets nets{nullptr};
  std::shared_ptr<WorldModel> model;
  explicit Fixture(LatentConfig c = tiny()) : config(c) {
    torch::manual_seed(7);
    nets = LatentNets(config, vocabulary.size());
    if (config.palette_size > 0) {
      torch::NoGradGuard no_grad;
      const auto colors = training_palette();
      for (size_t k = 0; k < colors.size(); ++k) {
        for (int64_t j = 0; j < 3; ++j) nets->decoder->palette[int64_t(k)][j] = colors[k][size_t(j)];
      }
    }
    model = make_latent_model(nets, config, vocabulary, "tiny");
  }
};

at::Tensor noise(const WorldModel& m, int64_t batch, uint64_t seed) {
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  std::vector<int64_t> shape = {batch};
  for (int64_t s : m.info().init_noise_shape) shape.push_back(s);
  return torch::randn(shape, gen);
}

// Frames of init and `steps` steps, stacked [steps + 1, B, 3, H, W].
at::Tensor roll_out(WorldModel& m, const at::Tensor& prompt, const at::Tensor& init_noise, int steps,
                    const at::Tensor& start_image = {}) {
  const int64_t b = init_noise.size(0);
  ModelOutput out = m.init({.prompt = prompt, .noise = init_noise, .start_image = start_image});
  std::vector<at::Tensor> frames = {out.frame};
  for (int i = 0; i < steps; ++i) {
    out = m.step({.state = out.state, .prompt = prompt, .action = torch::zeros({b, 2}), .noise = torch::zeros({b, 0})});
    frames.push_back(out.frame);
  }
  return torch::stack(frames);
}

TEST(LatentModel, InfoDescribesTheContract) {
  Fixture f;
  const ModelInfo& i = f.model->info();
  EXPECT_EQ(i.width, 16);
  EXPECT_EQ(i.height, 16);
  EXPECT_EQ(i.context_frames, 2);
  EXPECT_EQ(i.action_dim, 2);
  EXPECT_TRUE(i.supports_batching);
  EXPECT_TRUE(i.accepts_start_image);
  EXPECT_EQ(i.init_noise_shape, (std::vector<int64_t>{8, 4, 4}));
}

TEST(LatentModel, UnknownWordsAreReported) {
  Fixture f;
  const EncodedPrompt p = f.model->encode_prompt("three crimson balls in a dark blue zorb");
  EXPECT_EQ(p.unknown_words, (std::vector<std::string>{"crimson", "zorb"}));
  EXPECT_EQ(p.embedding.sizes().vec(), (std::vector<int64_t>{1, 16}));
  EXPECT_TRUE(f.model->encode_prompt("").unknown_words.empty());
  EXPECT_TRUE(torch::isfinite(f.model->encode_prompt("").embedding).all().item<bool>());
}

TEST(LatentModel, FramesHaveTheDeclaredShapeAndRange) {
  Fixture f;
  const at::Tensor frames = roll_out(*f.model, f.model->encode_prompt("a red ball").embedding, noise(*f.model, 1, 3), 4);
  EXPECT_EQ(frames.sizes().vec(), (std::vector<int64_t>{5, 1, 3, 16, 16}));
  EXPECT_EQ(frames.scalar_type(), at::kFloat);
  EXPECT_GE(frames.min().item<float>(), 0.0f);
  EXPECT_LE(frames.max().item<float>(), 1.0f);
}

TEST(LatentModel, SameSeedSameWorldOtherSeedOtherWorld) {
  Fixture f;
  const at::Tensor p = f.model->encode_prompt("three red balls in a dark blue room").embedding;
  const at::Tensor a = roll_out(*f.model, p, noise(*f.model, 1, 1), 3);
  const at::Tensor again = roll_out(*f.model, p, noise(*f.model, 1, 1), 3);
  const at::Tensor other = roll_out(*f.model, p, noise(*f.model, 1, 2), 3);
  EXPECT_TRUE(torch::equal(a, again));
  EXPECT_GT((a[0] - other[0]).abs().max().item<float>(), 1e-3f) << "the first frames of two seeds must differ";
}

// The batching guarantee: a rollout stepped inside a batch of 3 gives the frames it gives alone,
// up to float rounding far below one 8-bit level (1/255); not bit-identical (DESIGN.md §3).
TEST(LatentModel, BatchOfThreeMatchesEachAloneWithinRounding) {
  Fixture f;
  std::vector<at::Tensor> prompts, noises;
  const char* texts[] = {"a red ball", "two blue boxes in a grey room", "a green ball. gravity flips"};
  for (int i = 0; i < 3; ++i) {
    prompts.push_back(f.model->encode_prompt(texts[i]).embedding);
    noises.push_back(noise(*f.model, 1, uint64_t(10 + i)));
  }
  const at::Tensor batched = roll_out(*f.model, torch::cat(prompts), torch::cat(noises), 5);
  for (int i = 0; i < 3; ++i) {
    const at::Tensor alone = roll_out(*f.model, prompts[size_t(i)], noises[size_t(i)], 5);
    EXPECT_LT((batched.narrow(1, i, 1) - alone).abs().max().item<float>(), 1e-4f) << "rollout " << i;
  }
}

TEST(LatentModel, StartImageBecomesFrameZero) {
  Fixture f;
  const at::Tensor image = torch::rand({1, 3, 16, 16});
  const at::Tensor p = f.model->encode_prompt("a red ball").embedding;
  const ModelOutput out = f.model->init({.prompt = p, .noise = noise(*f.model, 1, 1), .start_image = image});
  torch::NoGradGuard no_grad;
  const at::Tensor expected = f.nets->decoder->forward(f.nets->encoder->forward(image));
  EXPECT_LT((out.frame - expected).abs().max().item<float>(), 1e-6f);
  // The seed still chooses the frame before it (the motion).
  const ModelOutput other = f.model->init({.prompt = p, .noise = noise(*f.model, 1, 2), .start_image = image});
  EXPECT_TRUE(torch::equal(out.state[1], other.state[1]));
  EXPECT_FALSE(torch::equal(out.state[0], other.state[0]));
}

TEST(LatentModel, WrongInputShapesAreRefusedWithWhatWasExpected) {
  Fixture f;
  const at::Tensor p = f.model->encode_prompt("a red ball").embedding;
  try {
    f.model->init({.prompt = p, .noise = torch::zeros({1, 3, 4, 4}), .start_image = {}});
    FAIL() << "a wrong noise shape was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("init noise must be float [1, 8, 4, 4], got [1, 3, 4, 4]"), std::string::npos) << e.what();
  }
  EXPECT_THROW(f.model->step({.state = {}, .prompt = p, .action = {}, .noise = {}}), std::invalid_argument);
}

// A palette model's frames are expectations over its palette; each step continues from the frame
// it drew, encoded again (not from the raw predicted latent).
TEST(LatentPaletteModel, FramesComeFromThePaletteAndStepsReencodeThem) {
  Fixture f(tiny_palette());
  const at::Tensor p = f.model->encode_prompt("a red ball").embedding;
  const ModelOutput first = f.model->init({.prompt = p, .noise = noise(*f.model, 1, 1), .start_image = {}});
  const ModelOutput next = f.model->step({.state = first.state, .prompt = p, .action = {}, .noise = {}});
  EXPECT_EQ(next.frame.sizes().vec(), (std::vector<int64_t>{1, 3, 16, 16}));
  EXPECT_TRUE(torch::equal(next.state[0], first.state[1]));
  torch::NoGradGuard no_grad;
  const at::Tensor raw = f.nets->dynamics->forward(first.state[0], first.state[1], p, torch::zeros({1, 2}));
  const at::Tensor dist = torch::softmax(f.nets->decoder->forward(raw) * 2.0, 1);
  EXPECT_LT((next.frame - colors_of(dist, f.nets->decoder->palette)).abs().max().item<float>(), 1e-5f);
  EXPECT_LT((next.state[1] - f.nets->encoder->forward(dist)).abs().max().item<float>(), 1e-5f);
  EXPECT_GT((next.state[1] - raw).abs().max().item<float>(), 1e-3f) << "the state is the re-encoded frame";
  // A start image enters as palette colors: a pure palette color is read as that color.
  const at::Tensor red = f.nets->decoder->palette[6].view({1, 3, 1, 1}).expand({1, 3, 16, 16}).contiguous();
  const at::Tensor read = palette_distribution(red, f.nets->decoder->palette);
  EXPECT_GT(read.select(1, 6).min().item<float>(), 0.99f);
}

// Flow dynamics draw each step from the engine's step noise: the same noise gives the same
// frame, other noise another one, and a step without it is refused.
TEST(LatentFlowModel, StepsAreDrawnFromTheStepNoise) {
  LatentConfig c = tiny();
  c.dynamics_flow_steps = 3;
  Fixture f(c);
  {
    // Zero-initialized output: give the velocity something to say.
    torch::NoGradGuard no_grad;
    f.nets->dynamics->conv_out->weight.normal_(0.0, 0.1);
  }
  EXPECT_EQ(f.model->info().step_noise_shape, (std::vector<int64_t>{4, 4, 4}));
  const at::Tensor p = f.model->encode_prompt("a red ball").embedding;
  const ModelOutput first = f.model->init({.prompt = p, .noise = noise(*f.model, 1, 1), .start_image = {}});
  auto step = [&](uint64_t seed) {
    at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed);
    return f.model->step({.state = first.state, .prompt = p, .action = {}, .noise = torch::randn({1, 4, 4, 4}, gen)});
  };
  const ModelOutput a = step(5), again = step(5), other = step(6);
  EXPECT_TRUE(torch::equal(a.frame, again.frame));
  EXPECT_GT((a.frame - other.frame).abs().max().item<float>(), 1e-3f);
  EXPECT_LE(a.state[1].abs().max().item<float>(), 1.0f) << "kept in the encoder's range";

  // A flow noise scale s draws from the noise times s: the same as scale 1 given scaled noise.
  LatentConfig quiet = c;
  quiet.dynamics_flow_noise = 0.25;
  const auto scaled = make_latent_model(f.nets, quiet, f.vocabulary, "tiny");
  at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(5);
  const at::Tensor n = torch::randn({1, 4, 4, 4}, gen);
  const ModelOutput from_scaled = scaled->step({.state = first.state, .prompt = p, .action = {}, .noise = n});
  const ModelOutput from_quiet_noise = f.model->step({.state = first.state, .prompt = p, .action = {}, .noise = n * 0.25});
  EXPECT_TRUE(torch::allclose(from_scaled.frame, from_quiet_noise.frame, 1e-5, 1e-6));
  EXPECT_GT((from_scaled.frame - a.frame).abs().max().item<float>(), 1e-3f);
  try {
    f.model->step({.state = first.state, .prompt = p, .action = {}, .noise = torch::zeros({1, 0})});
    ADD_FAILURE() << "a flow step without noise must be refused";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("step noise must be float [1, 4, 4, 4]"), std::string::npos) << e.what();
  }
}

TEST(LatentWeights, RoundTripGivesTheSameRollouts) {
  Fixture f;
  const fs::path path = out_dir("roundtrip") / "tiny.safetensors";
  ASSERT_TRUE(save_latent_weights(path.string(), *f.nets, f.config, f.vocabulary, "tiny", {}).ok());
  auto loaded = load_latent_model(path.string());
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ((*loaded)->info().name, "tiny");
  const std::string text = "two small green balls. the balls turn red";
  const at::Tensor a = roll_out(*f.model, f.model->encode_prompt(text).embedding, noise(*f.model, 1, 5), 3);
  const at::Tensor b = roll_out(**loaded, (*loaded)->encode_prompt(text).embedding, noise(**loaded, 1, 5), 3);
  EXPECT_TRUE(torch::equal(a, b));
}

TEST(LatentWeights, TruncatedWrongShapeAndForeignFilesAreRefused) {
  Fixture f;
  const fs::path dir = out_dir("refused");
  const fs::path good = dir / "good.safetensors";
  ASSERT_TRUE(save_latent_weights(good.string(), *f.nets, f.config, f.vocabulary, "tiny", {}).ok());

  const fs::path truncated = dir / "truncated.safetensors";
  fs::copy_file(good, truncated);
  fs::resize_file(truncated, fs::file_size(good) - 100);
  auto t = load_latent_model(truncated.string());
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().message.rfind(truncated.string(), 0), 0u) << t.error().message;

  // Same metadata, one tensor of another shape.
  NamedTensors tensors;
  for (const auto& p : f.nets->named_parameters()) tensors[p.key()] = p.value().detach();
  tensors["decoder.conv1.weight"] = torch::zeros({16, 4, 1, 1});
  auto meta = to_metadata(f.config);
  meta["format"] = "worldview-latent-v1";
  meta["latent.name"] = "tiny";
  meta["latent.vocabulary"] = f.vocabulary.to_metadata();
  const fs::path wrong = dir / "wrong_shape.safetensors";
  ASSERT_TRUE(save_tensors(wrong.string(), tensors, meta).ok());
  auto w = load_latent_model(wrong.string());
  ASSERT_FALSE(w.ok());
  EXPECT_NE(w.error().message.find("'decoder.conv1.weight': expected shape [16, 4, 3, 3], found [16, 4, 1, 1]"),
            std::string::npos) << w.error().message;

  meta["format"] = "something-else";
  const fs::path foreign = dir / "foreign.safetensors";
  ASSERT_TRUE(save_tensors(foreign.string(), tensors, meta).ok());
  auto g = load_latent_model(foreign.string());
  ASSERT_FALSE(g.ok());
  EXPECT_NE(g.error().message.find("not a toyworld-latent weights file"), std::string::npos) << g.error().message;
}

TrainConfig tiny_training(const fs::path& dir, int64_t steps) {
  TrainConfig c;
  c.out_dir = dir.string();
  c.steps = steps;
  c.seed = 3;
  c.model = tiny();
  c.clips.batch = 4;
  c.clips.clip_frames = 5;
  c.checkpoint_every = 10;
  c.vocabulary_texts = 300;
  c.samples = {{"a red ball", "gravity flips", 2, 1}};
  c.sample_frames = 4;
  c.learning_rate = 1e-2;
  return c;
}

double mean(const std::vector<float>& v, size_t from, size_t n) {
  double s = 0;
  for (size_t i = from; i < from + n; ++i) s += v[i];
  return s / double(n);
}

TEST(LatentTraining, PaletteModelLossFallsAndItsPaletteIsSaved) {
  TrainConfig c = tiny_training(out_dir("train-palette"), 100);
  c.palette = true;
  c.learning_rate = 3e-3;
  auto r = train(c, {});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_LT(mean(r->loss_history, 90, 10), 0.75 * mean(r->loss_history, 0, 10));
  auto loaded = load_latent_weights(r->weights_path);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ(loaded->config.palette_size, int32_t(training_palette().size()));
  const auto colors = training_palette();
  EXPECT_FLOAT_EQ(loaded->nets->decoder->palette[7][1].item<float>(), colors[7][1]);
  TrainConfig rgb_only = c;
  rgb_only.out_dir = out_dir("train-palette-consistency").string();
  rgb_only.consistency_weight = 0.5;
  auto refused = train(rgb_only, {});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("consistency term is for RGB models"), std::string::npos) << refused.error().message;
}

TEST(LatentTraining, LossFallsAndTheSavedModelLoads) {
  const fs::path dir = out_dir("train");
  auto r = train(tiny_training(dir, 100), {});
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->loss_history.size(), 100u);
  EXPECT_LT(mean(r->loss_history, 90, 10), 0.75 * mean(r->loss_history, 0, 10));
  EXPECT_EQ(r->sha256.size(), 64u);
  ASSERT_EQ(r->samples.size(), 1u);
  EXPECT_EQ(r->samples[0].frames.size(), 4u);
  EXPECT_EQ(r->samples[0].frames[0]->width, 16);
  EXPECT_TRUE(load_latent_model(r->weights_path).ok());
}

// Flow dynamics trained from a deterministic model's weights: the text encoder, autoencoder and
// prior come from the file, the dynamics start fresh; the flow loss falls.
TEST(LatentTraining, FlowDynamicsFromDeterministicWeightsKeepTheRestAndLearn) {
  auto base = train(tiny_training(out_dir("flow-base"), 20), {});
  ASSERT_TRUE(base.ok()) << base.error().message;

  TrainConfig kept = tiny_training(out_dir("flow-kept"), 1);
  kept.init_from = base->weights_path;
  kept.model.dynamics_flow_steps = 2;
  kept.model.dynamics_flow_noise = 0.5;
  kept.learning_rate = 0.0;
  auto unchanged = train(kept, {});
  ASSERT_TRUE(unchanged.ok()) << unchanged.error().message;
  auto before = load_latent_weights(base->weights_path);
  auto after = load_latent_weights(unchanged->weights_path);
  ASSERT_TRUE(before.ok() && after.ok());
  EXPECT_EQ(after->config.dynamics_flow_steps, 2);
  EXPECT_EQ(after->config.dynamics_flow_noise, 0.5);
  EXPECT_TRUE(torch::equal(after->nets->encoder->conv1->weight, before->nets->encoder->conv1->weight));
  EXPECT_TRUE(torch::equal(after->nets->prior->conv_out->weight, before->nets->prior->conv_out->weight));
  EXPECT_NE(after->nets->dynamics->conv_in->weight.size(1), before->nets->dynamics->conv_in->weight.size(1));

  TrainConfig flow = tiny_training(out_dir("flow-trained"), 100);
  flow.init_from = base->weights_path;
  flow.model.dynamics_flow_steps = 2;
  flow.flow_object_weight = 9;
  flow.learning_rate = 3e-3;
  auto r = train(flow, {});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_LT(mean(r->loss_history, 90, 10), 0.75 * mean(r->loss_history, 0, 10));
  EXPECT_EQ(r->samples[0].frames.size(), 4u);

  // Teacher-forced: learns from true contexts, and its loss falls too.
  TrainConfig forced = flow;
  forced.out_dir = out_dir("flow-forced").string();
  forced.flow_teacher_forcing = true;
  auto f = train(forced, {});
  ASSERT_TRUE(f.ok()) << f.error().message;
  EXPECT_LT(mean(f->loss_history, 90, 10), 0.75 * mean(f->loss_history, 0, 10));
  EXPECT_NE(f->sha256, r->sha256);

  flow.out_dir = out_dir("flow-consistency").string();
  flow.consistency_weight = 0.5;
  auto refused = train(flow, {});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("flow dynamics are for RGB models"), std::string::npos) << refused.error().message;
}

// --train-only: the named parts learn, the others keep the weights they started from.
TEST(LatentTraining, TrainOnlyLeavesTheOtherPartsAsTheyWere) {
  auto base = train(tiny_training(out_dir("only-base"), 20), {});
  ASSERT_TRUE(base.ok()) << base.error().message;
  TrainConfig only = tiny_training(out_dir("only-dynamics"), 5);
  only.init_from = base->weights_path;
  only.train_only = {"dynamics"};
  only.learning_rate = 3e-3;
  auto r = train(only, {});
  ASSERT_TRUE(r.ok()) << r.error().message;
  auto before = load_latent_weights(base->weights_path);
  auto after = load_latent_weights(r->weights_path);
  ASSERT_TRUE(before.ok() && after.ok());
  EXPECT_TRUE(torch::equal(after->nets->encoder->conv1->weight, before->nets->encoder->conv1->weight));
  EXPECT_TRUE(torch::equal(after->nets->decoder->up2->weight, before->nets->decoder->up2->weight));
  EXPECT_TRUE(torch::equal(after->nets->prior->conv_out->weight, before->nets->prior->conv_out->weight));
  EXPECT_TRUE(torch::equal(after->nets->text->out->weight, before->nets->text->out->weight));
  EXPECT_FALSE(torch::equal(after->nets->dynamics->conv_in->weight, before->nets->dynamics->conv_in->weight));

  // Only the prior: the losses of parts that do not learn are not computed (reported as 0).
  TrainConfig prior_only = only;
  prior_only.out_dir = out_dir("only-prior").string();
  prior_only.train_only = {"prior"};
  std::vector<TrainProgress> seen;
  auto p = train(prior_only, [&](const TrainProgress& progress) { seen.push_back(progress); });
  ASSERT_TRUE(p.ok()) << p.error().message;
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back().recon, 0.0);
  EXPECT_EQ(seen.back().dynamics, 0.0);
  EXPECT_GT(seen.back().prior, 0.0);
  auto prior_trained = load_latent_weights(p->weights_path);
  ASSERT_TRUE(prior_trained.ok());
  EXPECT_FALSE(torch::equal(prior_trained->nets->prior->conv_out->weight, before->nets->prior->conv_out->weight));
  EXPECT_TRUE(torch::equal(prior_trained->nets->dynamics->conv_in->weight, before->nets->dynamics->conv_in->weight));
  // Object cells weighed more: the prior learns something else from the same data.
  prior_only.out_dir = out_dir("only-prior-objects").string();
  prior_only.prior_object_weight = 9;
  auto weighted = train(prior_only, {});
  ASSERT_TRUE(weighted.ok()) << weighted.error().message;
  EXPECT_NE(weighted->sha256, p->sha256);
  EXPECT_NE(weighted->loss_history, p->loss_history);

  only.out_dir = out_dir("only-bad").string();
  only.train_only = {"dynamics", "wings"};
  auto refused = train(only, {});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("no part \"wings\""), std::string::npos) << refused.error().message;
}

// A run stopped after its step-10 checkpoint (here by a progress callback that throws, as a kill
// would stop it) and resumed gives exactly the losses of a run that was never stopped.
TEST(LatentTraining, ResumingAfterAStopContinuesExactly) {
  auto whole = train(tiny_training(out_dir("whole"), 20), {});
  ASSERT_TRUE(whole.ok()) << whole.error().message;

  const fs::path dir = out_dir("resumed");
  auto stopped = train(tiny_training(dir, 20), [](const TrainProgress& p) {
    if (p.step == 10) throw std::runtime_error("stopped");
  });
  ASSERT_FALSE(stopped.ok());
  TrainConfig rest = tiny_training(dir, 20);
  rest.resume = true;
  auto resumed = train(rest, {});
  ASSERT_TRUE(resumed.ok()) << resumed.error().message;
  EXPECT_EQ(resumed->loss_history, whole->loss_history);
  EXPECT_EQ(resumed->sha256, whole->sha256);

  TrainConfig wrong_seed = rest;
  wrong_seed.seed = 4;
  auto refused = train(wrong_seed, {});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("was trained with --seed 3"), std::string::npos) << refused.error().message;
}

}  // namespace
}  // namespace wv::model::latent

#include "app/rollout_sources.h"

#include <filesystem>

#include "app/rollout_track.h"
#include "app/workspace/trusted_models.h"
#include "model/rollout_engine.h"
#include "model/world_model.h"
#include "net/client.h"
#include "wv/log.h"

namespace wv::app {

namespace {

std::vector<std::filesystem::path> with_default_folders(std::vector<std::filesystem::path> folders) {
  for (std::filesystem::path& folder : ModelCatalog::default_folders()) folders.push_back(std::move(folder));
  return folders;
}

}  // namespace

RolloutSources::RolloutSources(std::vector<std::filesystem::path> model_folders, size_t lookahead,
                               std::unique_ptr<model::RolloutEngine> engine, std::unique_ptr<RemoteSources> remote)
    : models_(with_default_folders(std::move(model_folders))),
      lookahead_(lookahead),
      engine_(std::move(engine)),
      remote_(std::move(remote)) {}

RolloutSources::~RolloutSources() = default;

Result<std::unique_ptr<RolloutSources>> RolloutSources::create(const RolloutSourcesParams& params) {
  if (!params.remote.server.empty()) {
    auto remote = RemoteSources::connect(params.remote);
    if (!remote) return remote.error();
    return std::unique_ptr<RolloutSources>(
        new RolloutSources(params.model_folders, params.lookahead, nullptr, std::move(*remote)));
  }
  auto engine = model::RolloutEngine::create({.inference_threads = params.inference_threads,
                                              .intra_op_threads = params.intra_op_threads,
                                              .max_batch = params.exact ? 1 : 8});
  if (!engine) return engine.error();
  std::unique_ptr<RolloutSources> sources(
      new RolloutSources(params.model_folders, params.lookahead, std::move(*engine), nullptr));
  const bool named_list = !params.trusted_models.empty();
  const std::string list = named_list ? params.trusted_models : default_trusted_models_path();
  std::error_code ec;
  if (!list.empty() && (named_list || std::filesystem::exists(list, ec))) {
    auto pins = load_trusted_models(list);
    if (!pins) wv::log_error(pins.error().message + " (no model is trusted from this list)");
    else for (const std::string& refused : sources->models_.add_trusted(*pins, list)) wv::log_warn(refused);
  }
  for (const std::string& path : params.model_files) {
    auto id = sources->models_.add_named_file(path);
    if (!id) return id.error();
    sources->named_ids_.push_back(*id);
  }
  return sources;
}

Result<std::shared_ptr<wv::FrameSource>> RolloutSources::open(const RolloutSourceSpec& spec, const std::string& where,
                                                              wv::FramePtr start_image) {
  if (remote_) {
    if (start_image) return Error{where + ": tethered rollouts cannot start from an image"};
    return remote_->open(spec, where);
  }
  auto model = models_.get(spec.model);
  if (!model) return Error{where + ": " + model.error().message};
  RolloutTrack track = rollout_track(spec, (*model)->info().fps);
  model::RolloutParams params;
  params.model = *model;
  params.seed = spec.seed;
  params.name = where;
  params.prompt_track = std::move(track.prompts);
  params.seed_changes = std::move(track.seed_changes);
  params.start_image = std::move(start_image);
  params.lookahead = lookahead_;
  auto rollout = engine_->start(std::move(params));
  if (!rollout) return Error{where + ": " + rollout.error().message};
  // Rollouts closed since (a host of libworldview opens and closes many) hold queued frames.
  std::erase_if(opened_, [](const Opened& o) { return o.rollout->status().closed; });
  opened_.push_back({where, *rollout});
  return std::shared_ptr<wv::FrameSource>(*rollout);
}

std::vector<std::string> RolloutSources::available_models() const {
  return remote_ ? remote_->client()->models() : models_.available();
}

void RolloutSources::report() const {
  if (remote_) remote_->report();
  for (const Opened& o : opened_) {
    const model::RolloutStatus s = o.rollout->status();
    if (!s.unknown_words.empty()) {
      std::string words;
      for (const std::string& w : s.unknown_words) words += (words.empty() ? "\"" : ", \"") + w + "\"";
      wv::log_warn(o.where + ": the model does not know " + words + " (ignored)");
    }
    if (s.error) wv::log_error(o.where + ": " + s.error->message);
  }
}

}  // namespace wv::app

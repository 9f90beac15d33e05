// app/rollout_sources.h — panels whose worlds a world model generates: one rollout engine and
// the models it runs, shared by every rollout panel of a run (DESIGN.md §3).
//
//   auto rollouts = wv::app::RolloutSources::create({.exact = true});    // headless export
//   auto source = (*rollouts)->open(spec.rollout, "panel 2");            // a wv::FrameSource
//   ... play it like any source ...
//   (*rollouts)->report();   // logs unknown words and failures, per panel
//
// A workspace event is steered in at frame round(at_s × the model's fps): from there the model
// is prompted with "<prompt>. <event>" (the latest event; the built-in model's convention).
// Threading: open() and report() from the thread that owns the panels; the engine's workers
// produce frames on their own.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "app/model_catalog.h"
#include "app/remote_sources.h"
#include "app/workspace/workspace.h"
#include "wv/frame_source.h"
#include "wv/result.h"

namespace wv::model {
class RolloutEngine;
class Rollout;
}  // namespace wv::model

namespace wv::app {

struct RolloutSourcesParams {
  int inference_threads = 1;  // engine workers
  int intra_op_threads = 1;   // LibTorch threads per worker
  // Exact replay (headless export): every rollout stepped alone, so its frames are the same
  // whatever else plays (DESIGN.md §3). Interactive modes batch instead.
  bool exact = false;
  std::vector<std::string> model_files;  // TorchScript models the user named (command line)
  // The trusted-models list (app/workspace/trusted_models.h); empty: the default list, if that
  // file exists. A list that cannot be read is reported and nothing is trusted from it; the run
  // goes on.
  std::string trusted_models;
  // A tethered server (--connect): rollouts are computed there; no local engine or models.
  RemoteOptions remote;
  size_t lookahead = 3;  // frames each rollout computes ahead of display (1..64)
  std::vector<std::filesystem::path> model_folders;  // searched before ModelCatalog::default_folders()
};

class RolloutSources {
 public:
  static Result<std::unique_ptr<RolloutSources>> create(const RolloutSourcesParams& params);
  ~RolloutSources();

  // Ids of the named model files, in order (e.g. to make the first the prompt panels' model).
  const std::vector<std::string>& named_model_ids() const { return named_ids_; }

  // Errors name `where`, the model and the reason (unknown model, bad prompt, ...). A start
  // image (RGBA8 of the model's size) makes frame 0; tethered rollouts take none.
  Result<std::shared_ptr<wv::FrameSource>> open(const RolloutSourceSpec& spec, const std::string& where,
                                                wv::FramePtr start_image = nullptr);

  // Ids of the models open() can run: the local catalog's, or the tethered server's.
  std::vector<std::string> available_models() const;

  // Logs, per rollout, the words its model did not know and why it failed, if it did (closed
  // rollouts are let go at the next open()).
  void report() const;

  // The local inference core, for `worldview serve` (null engine when tethered).
  ModelCatalog& models() { return models_; }
  model::RolloutEngine* engine() { return engine_.get(); }

 private:
  RolloutSources(std::vector<std::filesystem::path> model_folders, size_t lookahead,
                 std::unique_ptr<model::RolloutEngine> engine, std::unique_ptr<RemoteSources> remote);

  ModelCatalog models_;
  size_t lookahead_;
  std::unique_ptr<model::RolloutEngine> engine_;
  struct Opened {
    std::string where;
    std::shared_ptr<model::Rollout> rollout;
  };
  std::vector<Opened> opened_;
  std::vector<std::string> named_ids_;
  std::unique_ptr<RemoteSources> remote_;
};

}  // namespace wv::app

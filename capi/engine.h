// capi/engine.h — what a wv_engine is: the program's rollout machinery (app/rollout_sources.h:
// models by id, trusted models, the rollout engine or a tethered server), the producer thread,
// and how many sources and workspaces of it are open, so it is never destroyed under them.
//
//   auto engine = wv::capi::Engine::create(params);   // Result<std::shared_ptr<Engine>>
//   auto source = (*engine)->open_rollout(spec, "rollout 1", nullptr);
//   (*engine)->release(*source);                      // closing it
//
// Threading: every method from any thread.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "app/panels.h"
#include "app/rollout_sources.h"
#include "capi/producer.h"
#include "wv/worldview.h"

namespace wv::capi {

class Source;

class Engine {
 public:
  // Errors name the parameter or the server.
  static Result<std::shared_ptr<Engine>> create(const wv_engine_params& params);
  ~Engine();

  Result<std::shared_ptr<Source>> open_rollout(const app::RolloutSourceSpec& spec, const std::string& name,
                                               wv::FramePtr start_image);
  Result<std::shared_ptr<Source>> open(const app::SourceSpec& spec, const std::string& name);
  // Every panel of `workspace` opened and placed (app/panels.h); a panel whose source failed has
  // none (logged). `sources` gets each panel's Source (null where it failed).
  std::vector<app::Panel> open_panels(const app::Workspace& workspace, const std::string& file_name,
                                      std::vector<std::shared_ptr<Source>>& sources);
  // A fresh copy of a panel's source that nothing pumps and no handle names (a review export
  // replays it).
  Result<std::shared_ptr<wv::FrameSource>> open_copy(const app::SourceSpec& spec, const std::string& name);
  // A source made elsewhere (a branch) joins this engine's producer.
  std::shared_ptr<Source> adopt(std::shared_ptr<Source> source);
  // The source was closed: it is no longer pumped or counted.
  void release(const Source& source);

  void hold() { ++holders_; }  // a workspace of this engine exists
  void unhold() { --holders_; }
  bool in_use() const { return holders_ > 0; }
  bool on_producer_thread() const { return producer_->on_producer_thread(); }

  std::vector<std::string> models() const;

  // The process is exiting with the engine alive (the host did not destroy it): its threads
  // stop before LibTorch's teardown, so no model step runs on a torn-down library.
  void stop_for_exit();

 private:
  explicit Engine(std::unique_ptr<app::RolloutSources> rollouts);

  mutable std::mutex rollouts_mutex_;  // RolloutSources::open is the owning thread's: one at a time
  std::unique_ptr<app::RolloutSources> rollouts_;  // null: stopped for the process's exit
  std::unique_ptr<Producer> producer_;  // stopped first: it pumps the sources
  std::atomic<int> holders_{0};         // open sources and workspaces
};

}  // namespace wv::capi

#include "capi/engine.h"

#include <dlfcn.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <vector>

#include "capi/source.h"

namespace wv::capi {
namespace {

// share/worldview/models of the installation the library is in (lib/libworldview.so → ../share/...),
// so an installed library finds the built-in model wherever the host program lives.
std::filesystem::path installed_models_folder() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&installed_models_folder), &info) == 0 || !info.dli_fname) return {};
  return (std::filesystem::path(info.dli_fname).parent_path() / WV_MODELS_FROM_LIB).lexically_normal();
}

// Engines alive now, for the exit hook. Never destroyed: the hook runs during exit.
std::mutex& live_mutex() {
  static auto* mutex = new std::mutex;
  return *mutex;
}
std::vector<Engine*>& live_engines() {
  static auto* engines = new std::vector<Engine*>;
  return *engines;
}

// Stops every live engine when the main thread exits. exit() runs the exiting thread's
// thread_local destructors before any atexit handler or static destructor, so this runs before
// LibTorch's and oneDNN's statics go, whatever order those were made in; a handler registered
// with atexit would run after every static made later (oneDNN makes some on later steps).
struct StopEnginesAtExit {
  ~StopEnginesAtExit() {
    std::lock_guard lock(live_mutex());
    for (Engine* engine : live_engines()) engine->stop_for_exit();
  }
};

// On Linux the main thread's id is the process id.
bool on_main_thread() { return ::gettid() == ::getpid(); }

constexpr const char* kExiting = "the process is exiting: the engine has stopped";

Status check_range(const char* field, int32_t value, int32_t low, int32_t high) {
  if (value >= low && value <= high) return {};
  return Error{std::string("wv_engine_params.") + field + " = " + std::to_string(value) + ": expected " +
               std::to_string(low) + ".." + std::to_string(high)};
}

}  // namespace

Result<std::shared_ptr<Engine>> Engine::create(const wv_engine_params& p) {
  for (const Status& s : {check_range("inference_threads", p.inference_threads, 1, 16),
                          check_range("intra_op_threads", p.intra_op_threads, 0, 64),
                          check_range("lookahead", p.lookahead, 1, 64)}) {
    if (!s) return s.error();
  }
  if ((p.model_folder_count > 0 && !p.model_folders) || (p.model_file_count > 0 && !p.model_files)) {
    return Error{"wv_engine_params: a model list with a count but no array"};
  }
  app::RolloutSourcesParams params;
  params.inference_threads = p.inference_threads;
  params.intra_op_threads = p.intra_op_threads;
  params.exact = p.exact != 0;
  params.lookahead = size_t(p.lookahead);
  for (size_t i = 0; i < p.model_folder_count; ++i) {
    if (!p.model_folders[i]) return Error{"wv_engine_params.model_folders[" + std::to_string(i) + "] is NULL"};
    params.model_folders.emplace_back(p.model_folders[i]);
  }
  if (const std::filesystem::path installed = installed_models_folder(); !installed.empty()) {
    params.model_folders.push_back(installed);
  }
  for (size_t i = 0; i < p.model_file_count; ++i) {
    if (!p.model_files[i]) return Error{"wv_engine_params.model_files[" + std::to_string(i) + "] is NULL"};
    params.model_files.emplace_back(p.model_files[i]);
  }
  if (p.trusted_models_file) params.trusted_models = p.trusted_models_file;
  if (p.server) {
    params.remote.server = p.server;
    if (p.server_token_file) params.remote.token_file = p.server_token_file;
    if (p.server_codec) params.remote.codec = p.server_codec;
  }
  auto rollouts = app::RolloutSources::create(params);
  if (!rollouts) return rollouts.error();
  return std::shared_ptr<Engine>(new Engine(std::move(*rollouts)));
}

Engine::Engine(std::unique_ptr<app::RolloutSources> rollouts)
    : rollouts_(std::move(rollouts)), producer_(std::make_unique<Producer>()) {
  // Hosts exit from the main thread (main returns); an engine made on another thread still
  // counts on wv_engine_destroy before exit (wv/worldview.h).
  if (on_main_thread()) {
    static thread_local StopEnginesAtExit stop_at_exit;
    (void)stop_at_exit;
  }
  std::lock_guard lock(live_mutex());
  live_engines().push_back(this);
}

Engine::~Engine() {
  {
    std::lock_guard lock(live_mutex());
    std::erase(live_engines(), this);
  }
  producer_.reset();
}

void Engine::stop_for_exit() {
  producer_->stop();
  std::lock_guard lock(rollouts_mutex_);
  rollouts_.reset();  // joins the inference workers (open rollouts close)
}

Result<std::shared_ptr<Source>> Engine::open_rollout(const app::RolloutSourceSpec& spec, const std::string& name,
                                                     wv::FramePtr start_image) {
  Result<std::shared_ptr<wv::FrameSource>> opened = Error{};
  {
    std::lock_guard lock(rollouts_mutex_);
    if (!rollouts_) return Error{kExiting};
    opened = rollouts_->open(spec, name, std::move(start_image));
  }
  if (!opened) return opened.error();
  app::SourceSpec source_spec;
  source_spec.kind = app::SourceSpec::Kind::Rollout;
  source_spec.rollout = spec;
  return adopt(std::make_shared<Source>(std::move(*opened), std::move(source_spec), name));
}

Result<std::shared_ptr<Source>> Engine::open(const app::SourceSpec& spec, const std::string& name) {
  if (spec.kind == app::SourceSpec::Kind::Rollout) return open_rollout(spec.rollout, name, nullptr);
  auto opened = app::open_source(spec, name, nullptr);
  if (!opened) return opened.error();
  return adopt(std::make_shared<Source>(std::move(*opened), spec, name));
}

Result<std::shared_ptr<wv::FrameSource>> Engine::open_copy(const app::SourceSpec& spec, const std::string& name) {
  std::lock_guard lock(rollouts_mutex_);
  if (!rollouts_) return Error{kExiting};
  return app::open_source(spec, name, rollouts_.get());
}

std::vector<app::Panel> Engine::open_panels(const app::Workspace& workspace, const std::string& file_name,
                                            std::vector<std::shared_ptr<Source>>& sources) {
  std::vector<app::Panel> panels;
  {
    std::lock_guard lock(rollouts_mutex_);
    panels = app::open_panels(workspace, file_name, rollouts_.get());
  }
  sources.clear();
  for (size_t i = 0; i < panels.size(); ++i) {
    sources.push_back(panels[i].source ? adopt(std::make_shared<Source>(panels[i].source, workspace.panels[i].source,
                                                                        panels[i].name))
                                       : nullptr);
  }
  return panels;
}

std::shared_ptr<Source> Engine::adopt(std::shared_ptr<Source> source) {
  ++holders_;
  source->set_engine(this);
  producer_->add(source);
  return source;
}

void Engine::release(const Source& source) {
  producer_->remove(&source);
  --holders_;
}

std::vector<std::string> Engine::models() const {
  std::lock_guard lock(rollouts_mutex_);
  return rollouts_ ? rollouts_->available_models() : std::vector<std::string>{};
}

}  // namespace wv::capi

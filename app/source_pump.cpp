#include "app/source_pump.h"

#include <chrono>

#include "wv/log.h"

namespace wv::app {

SourcePump::SourcePump(std::vector<PumpedSource> sources)
    : sources_(std::move(sources)), finished_(sources_.size()) {
  thread_ = std::thread([this] { run(); });
}

SourcePump::~SourcePump() {
  stop_ = true;
  thread_.join();
}

bool SourcePump::finished(size_t index) const { return finished_[index].load(); }

void SourcePump::run() {
  while (!stop_) {
    bool produced = false;
    for (size_t i = 0; i < sources_.size(); ++i) {
      if (finished_[i]) continue;
      switch (sources_[i].source->pump()) {
        case PumpResult::Produced: produced = true; break;
        case PumpResult::Full:
        case PumpResult::Paused: break;
        case PumpResult::Ended: finished_[i] = true; break;
        case PumpResult::Failed: {
          const auto error = sources_[i].source->error();
          wv::log_error(sources_[i].name + ": " + (error ? error->message : "source failed"));
          finished_[i] = true;
          break;
        }
      }
    }
    // Every queue full or paused: the consumer frees a slot at most once per displayed frame,
    // so a short sleep costs no frames and keeps the core free for rendering and encoding.
    if (!produced) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

}  // namespace wv::app

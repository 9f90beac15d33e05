#include "capi/producer.h"

#include <algorithm>
#include <chrono>

#include "capi/source.h"
#include "wv/log.h"

namespace wv::capi {

Producer::Producer() { thread_ = std::thread([this] { run(); }); }

Producer::~Producer() { stop(); }

void Producer::stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void Producer::add(std::shared_ptr<Source> source) {
  std::lock_guard lock(mutex_);
  sources_.push_back(std::move(source));
}

void Producer::remove(const Source* source) {
  std::lock_guard lock(mutex_);
  std::erase_if(sources_, [source](const std::shared_ptr<Source>& s) { return s.get() == source; });
}

void Producer::run() {
  std::vector<std::shared_ptr<Source>> round;
  while (!stop_) {
    {
      std::lock_guard lock(mutex_);
      round = sources_;
    }
    bool produced = false;
    for (const std::shared_ptr<Source>& source : round) {
      switch (source->pump()) {
        case wv::PumpResult::Produced: produced = true; break;
        case wv::PumpResult::Full:
        case wv::PumpResult::Paused:
        case wv::PumpResult::Ended: break;
        case wv::PumpResult::Failed: wv::log_error(source->name() + ": " + source->error_message()); break;
      }
    }
    // Dropped here, not while a source may be closed elsewhere: the last owner may be this thread.
    round.clear();
    // Every queue full or paused: hosts take at most a frame per display refresh, so a short
    // sleep costs no frames and leaves the cores to inference (as app/source_pump.cpp).
    if (!produced) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

}  // namespace wv::capi

// app/source_pump.h — the producer thread that keeps panels' sources producing while their
// queues have room (DESIGN.md §3 "on demand"): full or paused sources cost nothing.
//
//   wv::app::SourcePump pump({src_a.get(), src_b.get()});   // starts the thread
//   ... render thread takes frames from each source's frames() ...
//   // destructor stops and joins the thread
//
// One thread serves every source in turn. A source that fails is reported once (with its
// panel's name) and skipped from then on; the others keep producing.
#pragma once

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "wv/frame_source.h"

namespace wv::app {

struct PumpedSource {
  wv::FrameSource* source = nullptr;  // not owned; outlives the pump
  std::string name;                   // for messages, e.g. "panel 2 (three red balls ...)"
};

class SourcePump {
 public:
  explicit SourcePump(std::vector<PumpedSource> sources);
  ~SourcePump();
  SourcePump(const SourcePump&) = delete;
  SourcePump& operator=(const SourcePump&) = delete;

  // True once the source has ended or failed: no more frames will come.
  bool finished(size_t index) const;

 private:
  void run();

  std::vector<PumpedSource> sources_;
  std::vector<std::atomic<bool>> finished_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace wv::app

// capi/producer.h — the engine's producer thread: keeps every open source busy while its
// lookahead has room (DESIGN.md §3 "on demand") and calls each source's frame callback when a
// frame arrives. Like app/source_pump.h, but sources come and go while it runs, and it reports
// frames to the host instead of logging failures alone.
//
//   Producer producer;                 // starts the thread
//   producer.add(source);              // from wv_*_open
//   producer.remove(source.get());     // from wv_source_close: never pumped again
//
// Threading: add/remove from any thread, the producer thread included (a callback may close a
// source). The destructor stops and joins the thread (never from the thread itself).
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace wv::capi {

class Source;

class Producer {
 public:
  Producer();
  ~Producer();
  Producer(const Producer&) = delete;
  Producer& operator=(const Producer&) = delete;

  // Stops and joins the thread (the process is exiting); add and remove still work.
  void stop();

  void add(std::shared_ptr<Source> source);
  void remove(const Source* source);
  bool on_producer_thread() const { return std::this_thread::get_id() == thread_.get_id(); }

 private:
  void run();

  std::mutex mutex_;
  std::vector<std::shared_ptr<Source>> sources_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace wv::capi

#include "wv/frame_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace {

wv::FramePtr frame_at(int64_t index, double fps = 30.0) {
  return wv::make_frame(2, 2, index, double(index) / fps);
}

TEST(FrameQueue, RefusesPushWhenFull) {
  wv::FrameQueue q(2);
  EXPECT_TRUE(q.try_push(frame_at(0)));
  EXPECT_TRUE(q.try_push(frame_at(1)));
  EXPECT_FALSE(q.has_room());
  EXPECT_FALSE(q.try_push(frame_at(2)));
  EXPECT_EQ(q.size(), 2u);
}

TEST(FrameQueue, KeepsPresentationOrderWhateverThePushOrder) {
  wv::FrameQueue q(4);
  q.try_push(frame_at(2));
  q.try_push(frame_at(0));
  q.try_push(frame_at(3));
  q.try_push(frame_at(1));
  for (int64_t i = 0; i < 4; ++i) EXPECT_EQ(q.try_pop()->index, i);
  EXPECT_EQ(q.try_pop(), nullptr);
}

TEST(FrameQueue, TakeForTimeReturnsNewestDueFrameAndDropsOlder) {
  wv::FrameQueue q(8);
  for (int64_t i = 0; i < 5; ++i) q.try_push(frame_at(i, 10.0));  // pts 0.0 .. 0.4
  EXPECT_EQ(q.take_for_time(-0.01), nullptr);
  auto f = q.take_for_time(0.25);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->index, 2);
  EXPECT_EQ(q.size(), 2u);
  EXPECT_EQ(q.take_for_time(0.25), nullptr) << "nothing new is due";
  EXPECT_EQ(q.take_for_time(10.0)->index, 4);
}

TEST(FrameQueue, FlushFromDropsLookaheadOnly) {
  wv::FrameQueue q(8);
  for (int64_t i = 10; i < 16; ++i) q.try_push(frame_at(i));
  EXPECT_EQ(q.flush_from(13), 3u);
  EXPECT_EQ(q.size(), 3u);
  EXPECT_EQ(q.try_pop()->index, 10);
  EXPECT_EQ(q.flush_from(100), 0u);
}

TEST(FrameQueue, CloseWakesWaitersAndRefusesPushes) {
  wv::FrameQueue q(1);
  q.try_push(frame_at(0));
  std::thread closer([&] { q.close(); });
  EXPECT_FALSE(q.wait_for_room(std::chrono::seconds(5)));
  closer.join();
  EXPECT_FALSE(q.try_push(frame_at(1)));
  EXPECT_EQ(q.try_pop()->index, 0) << "queued frames survive close";
}

// Several producers and one consumer: nothing is lost or duplicated, the bound holds, and the
// consumer sees non-decreasing presentation times per take.
TEST(FrameQueue, ConcurrentProducersAndConsumer) {
  constexpr int kProducers = 4;
  constexpr int kPerProducer = 500;
  wv::FrameQueue q(3);
  std::atomic<bool> over_capacity{false};
  std::vector<std::thread> producers;
  for (int p = 0; p < kProducers; ++p) {
    producers.emplace_back([&, p] {
      for (int i = 0; i < kPerProducer; ++i) {
        auto f = wv::make_frame(1, 1, int64_t(p) * kPerProducer + i, 0.0);
        while (!q.try_push(f)) q.wait_for_room(std::chrono::milliseconds(10));
        if (q.size() > q.capacity()) over_capacity = true;
      }
    });
  }
  std::vector<int> seen(kProducers * kPerProducer, 0);
  int received = 0;
  while (received < kProducers * kPerProducer) {
    if (!q.wait_for_frame(std::chrono::seconds(10))) break;
    while (auto f = q.try_pop()) {
      ++seen[size_t(f->index)];
      ++received;
    }
  }
  for (auto& t : producers) t.join();
  EXPECT_FALSE(over_capacity.load());
  EXPECT_EQ(received, kProducers * kPerProducer);
  for (int count : seen) ASSERT_EQ(count, 1);
}

}  // namespace

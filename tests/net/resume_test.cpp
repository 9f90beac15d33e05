// A server that goes away mid-stream and comes back: the client reconnects with backoff and
// its rollouts continue from the frame the panel shows, with the same frames.
#include <gtest/gtest.h>

#include "tests/net/loopback_util.h"

namespace wv::net::testing {
namespace {

TEST(Resume, AfterARestartTheRolloutContinuesWithIdenticalFrames) {
  LogCapture log;
  FakeHost host;
  auto server = Server::start(loopback_params(), host);
  ASSERT_TRUE(server) << server.error().message;
  const uint16_t port = (*server)->port();
  auto client = Client::connect(client_params(port));
  ASSERT_TRUE(client);
  auto rollout = (*client)->open(fake_rollout("calm", 8));
  ASSERT_TRUE(rollout);
  std::vector<FramePtr> frames = take_frames(**rollout, 10);
  ASSERT_EQ(frames.size(), 10u);
  ASSERT_TRUE((*rollout)->steer(12, "storm"));  // the track the resumed rollout must keep

  server->reset();  // mid-stream: frames were in flight
  ASSERT_TRUE(log.wait_for("connection lost")) << log.all();
  EXPECT_FALSE((*client)->connected());
  std::this_thread::sleep_for(150ms);  // a few failed reconnects
  FakeHost host2;
  auto restarted = Server::start(loopback_params(port), host2);
  ASSERT_TRUE(restarted) << restarted.error().message;

  auto more = take_frames(**rollout, 20);
  ASSERT_EQ(more.size(), 20u);
  EXPECT_EQ((*client)->reconnects(), 1);
  frames.insert(frames.end(), more.begin(), more.end());
  const std::vector<PromptEntry> track = {{0, "calm"}, {12, "storm"}};
  for (size_t i = 0; i < frames.size(); ++i) {
    EXPECT_EQ(frames[i]->index, int64_t(i)) << "no frame lost or repeated across the restart";
    EXPECT_EQ(pixels_of(*frames[i]), expected_frame(host.options(), track, {{0, 8}}, frames[i]->index)) << "frame " << i;
  }
  EXPECT_EQ(host2.opened, 1);
}

TEST(Resume, ARefusalOnReconnectFailsTheRolloutsWithTheReason) {
  FakeHost host;
  auto params = loopback_params();
  params.token = "old";
  auto server = Server::start(params, host);
  ASSERT_TRUE(server);
  const uint16_t port = (*server)->port();
  auto client = Client::connect(client_params(port, "old"));
  ASSERT_TRUE(client);
  auto rollout = (*client)->open(fake_rollout("calm", 8));
  ASSERT_TRUE(rollout);
  ASSERT_EQ(take_frames(**rollout, 3).size(), 3u);
  server->reset();
  params.listen.port = port;
  params.token = "new";
  auto restarted = Server::start(params, host);
  ASSERT_TRUE(restarted);
  const auto end = std::chrono::steady_clock::now() + 5s;
  while ((*rollout)->pump() != PumpResult::Failed && std::chrono::steady_clock::now() < end) {
    (*rollout)->frames().try_pop();
    std::this_thread::sleep_for(5ms);
  }
  ASSERT_TRUE((*rollout)->error());
  EXPECT_NE((*rollout)->error()->message.find("refused: wrong token"), std::string::npos) << (*rollout)->error()->message;
}

}  // namespace
}  // namespace wv::net::testing

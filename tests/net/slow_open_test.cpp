// A rollout whose model loads slowly (the fake host's "fake-slow" sleeps in open()) holds up no
// one else: the server opens on its loader thread, and the opening client's later messages wait
// for the answer and then apply in order.
#include <gtest/gtest.h>

#include "tests/net/loopback_util.h"

namespace wv::net::testing {
namespace {

TEST(SlowOpen, OtherClientsAreServedWhileAModelLoads) {
  FakeHost host(FakeHostOptions{.load_time = 1500ms});
  auto server = Server::start(loopback_params(), host);
  ASSERT_TRUE(server) << server.error().message;
  const uint16_t port = (*server)->port();
  auto watcher = Client::connect(client_params(port));
  ASSERT_TRUE(watcher) << watcher.error().message;
  auto playing = (*watcher)->open(fake_rollout("steady", 1));
  ASSERT_TRUE(playing) << playing.error().message;
  ASSERT_EQ(take_frames(**playing, 3).size(), 3u);

  // Another client opens the slow model and steers it at once, before the answer.
  RawPeer loader(port);
  loader.send(hello_bytes());
  loader.send(encode(Open{.rollout = 1, .model = "fake-slow", .prompt_track = {{0, "calm"}}, .seed_track = {{0, 2}}, .window = 16}));
  loader.send(encode(Steer{.rollout = 1, .epoch = 1, .frame = 0, .text = "storm"}));
  const auto end = std::chrono::steady_clock::now() + 5s;
  while (host.loading == 0 && std::chrono::steady_clock::now() < end) std::this_thread::sleep_for(1ms);
  ASSERT_EQ(host.loading, 1);

  // Meanwhile: frames for the playing client, a new client's handshake, the figures.
  const auto frames = take_frames(**playing, 12, 1000ms);
  auto newcomer = Client::connect(client_params(port));
  const bool stats_answered = newcomer && (*newcomer)->stats();
  ASSERT_EQ(host.loading, 1) << "the model loaded before the checks ended: they prove nothing";
  EXPECT_EQ(frames.size(), 12u);
  EXPECT_TRUE(newcomer) << newcomer.error().message;
  EXPECT_TRUE(stats_answered);

  // The slow client: Welcome, Opened, then frames; every frame made after its Steer (epoch 1)
  // has the steered prompt: the Steer waited for its rollout rather than being lost. It reads
  // (and reports the frames consumed) until frames of the Steer come.
  std::vector<uint8_t> bytes;
  std::vector<Message> messages;
  size_t steered = 0;
  const auto read_end = std::chrono::steady_clock::now() + 5s;
  while (steered == 0 && std::chrono::steady_clock::now() < read_end) {
    loader.receive_for(50ms, bytes);
    messages = messages_in(bytes);
    const auto received = frames_in(messages);
    if (!received.empty()) loader.send(encode(Consumed{1, received.size()}));
    steered = 0;
    for (const FrameMessage& f : received) {
      if (f.epoch != 1) continue;  // made before the Steer applied: a client drops these
      ++steered;
      EXPECT_EQ(f.data, expected_frame(host.options(), {{0, "storm"}}, {{0, 2}}, f.index)) << "frame " << f.index;
    }
  }
  ASSERT_GE(messages.size(), 3u);
  EXPECT_TRUE(std::holds_alternative<Welcome>(messages[0]));
  EXPECT_TRUE(std::holds_alternative<Opened>(messages[1]));
  EXPECT_GE(steered, 1u);
}

}  // namespace
}  // namespace wv::net::testing

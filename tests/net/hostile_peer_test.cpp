// Peers that break the protocol, or read too slowly: that connection closes (or loses frames)
// with a logged reason, and the server keeps serving everyone else.
#include <gtest/gtest.h>

#include "tests/net/loopback_util.h"

namespace wv::net::testing {
namespace {

class HostilePeer : public ::testing::Test {
 protected:
  void SetUp() override {
    auto params = loopback_params();
    params.handshake_timeout = 300ms;
    params.message_timeout = 300ms;
    auto s = Server::start(params, host_);
    ASSERT_TRUE(s) << s.error().message;
    server_ = std::move(*s);
    auto c = Client::connect(client_params(server_->port()));
    ASSERT_TRUE(c) << c.error().message;
    client_ = *c;
    auto r = client_->open(fake_rollout("bystander", 3));
    ASSERT_TRUE(r) << r.error().message;
    bystander_ = *r;
    ASSERT_EQ(take_frames(*bystander_, 5).size(), 5u);
  }

  // The well-behaved client still gets exact frames.
  void expect_bystander_served() {
    const auto frames = take_frames(*bystander_, 5);
    ASSERT_EQ(frames.size(), 5u);
    for (const auto& f : frames) {
      EXPECT_EQ(pixels_of(*f), expected_frame(host_.options(), {{0, "bystander"}}, {{0, 3}}, f->index));
    }
    EXPECT_TRUE(client_->connected());
  }

  LogCapture log_;
  FakeHost host_{FakeHostOptions{}};
  std::unique_ptr<Server> server_;
  std::shared_ptr<Client> client_;
  std::shared_ptr<RemoteRollout> bystander_;
};

TEST_F(HostilePeer, AMalformedMessageClosesThatConnection) {
  RawPeer peer(server_->port());
  ASSERT_TRUE(peer.connected());
  peer.send(hello_bytes());
  auto steer = encode(SetPlaying{1, true});
  steer.back() = 7;  // not a flag
  peer.send(steer);
  EXPECT_TRUE(peer.wait_closed());
  EXPECT_TRUE(log_.wait_for("closing: SetPlaying message: a flag at byte 4 is 7, not 0 or 1")) << log_.all();
  expect_bystander_served();
}

TEST_F(HostilePeer, ATruncatedMessageClosesThatConnection) {
  RawPeer peer(server_->port());
  peer.send(hello_bytes());
  auto open = encode(Open{.rollout = 1, .model = "fake", .prompt_track = {{0, "x"}}, .seed_track = {{0, 1}}});
  open.resize(open.size() - 6);
  peer.send(open);
  peer.shutdown_write();
  EXPECT_TRUE(peer.wait_closed());
  EXPECT_TRUE(log_.wait_for("Open message: cut short: the connection ended after")) << log_.all();
  expect_bystander_served();
}

TEST_F(HostilePeer, AMessageThatStopsHalfwayTimesOut) {
  RawPeer peer(server_->port());
  peer.send(hello_bytes());
  auto steer = encode(Steer{.rollout = 1, .epoch = 1, .frame = 2, .text = "never finished"});
  steer.resize(steer.size() - 3);
  peer.send(steer);  // and the socket stays open
  EXPECT_TRUE(peer.wait_closed());
  EXPECT_TRUE(log_.wait_for("the rest of a Steer message did not arrive within 300 ms")) << log_.all();
  expect_bystander_served();
}

TEST_F(HostilePeer, AnOversizedMessageIsRefusedAtItsHeader) {
  RawPeer peer(server_->port());
  peer.send(hello_bytes());
  peer.send({0x00, 0x00, 0x00, 0x40, uint8_t(MessageType::Open)});  // 1 GiB announced, nothing sent
  EXPECT_TRUE(peer.wait_closed());
  EXPECT_TRUE(log_.wait_for("closing: Open message: oversized: 1073741824 bytes (at most 65536)")) << log_.all();
  expect_bystander_served();
}

TEST_F(HostilePeer, ServerOnlyMessagesAndUnknownTypesAreRefused) {
  {
    RawPeer peer(server_->port());
    peer.send(hello_bytes());
    peer.send({0x00, 0x00, 0x10, 0x00, uint8_t(MessageType::Frame)});
    EXPECT_TRUE(peer.wait_closed());
    EXPECT_TRUE(log_.wait_for("a client may not send Frame messages")) << log_.all();
  }
  {
    RawPeer peer(server_->port());
    peer.send({0x00, 0x00, 0x00, 0x00, 200});
    EXPECT_TRUE(peer.wait_closed());
    EXPECT_TRUE(log_.wait_for("closing: unknown message type 200")) << log_.all();
  }
  expect_bystander_served();
}

TEST_F(HostilePeer, NothingBeforeHelloAndHelloInTime) {
  {
    RawPeer peer(server_->port());
    peer.send(encode(StatsRequest{}));
    EXPECT_TRUE(peer.wait_closed());
    EXPECT_TRUE(log_.wait_for("sent StatsRequest before Hello")) << log_.all();
  }
  {
    RawPeer peer(server_->port());  // says nothing
    EXPECT_TRUE(peer.wait_closed(2s));
    EXPECT_TRUE(log_.wait_for("no Hello within 300 ms")) << log_.all();
  }
  {
    RawPeer peer(server_->port());
    auto hello = hello_bytes();
    hello[kHeaderBytes] = 'X';  // not the magic
    peer.send(hello);
    EXPECT_TRUE(peer.wait_closed());
    EXPECT_TRUE(log_.wait_for("Hello message: not a worldview client")) << log_.all();
  }
  expect_bystander_served();
}

TEST_F(HostilePeer, ClaimingMoreFramesConsumedThanSentIsRefused) {
  RawPeer peer(server_->port());
  peer.send(hello_bytes());
  peer.send(encode(Open{.rollout = 1, .model = "fake", .prompt_track = {{0, "x"}}, .seed_track = {{0, 1}}, .window = 1}));
  std::this_thread::sleep_for(100ms);
  peer.send(encode(Consumed{1, 1000000}));
  EXPECT_TRUE(peer.wait_closed());
  EXPECT_TRUE(log_.wait_for("consumed 1000000 frames but was sent")) << log_.all();
  expect_bystander_served();
}

// A reader that stops reading its socket: the server drops its frames once max_pending_bytes
// wait for it, rather than queueing without bound, and serves the others meanwhile.
TEST(SlowReader, FramesAreDroppedNotQueuedWithoutBound) {
  FakeHostOptions big;
  big.width = 256;
  big.height = 256;  // 256 KiB per raw frame
  FakeHost host(big);
  auto params = loopback_params();
  params.max_pending_bytes = 512 * 1024;
  auto server = Server::start(params, host);
  ASSERT_TRUE(server) << server.error().message;
  RawPeer slow((*server)->port(), /*receive_buffer=*/4096);
  slow.send(hello_bytes());
  slow.send(encode(Open{.rollout = 1, .model = "fake", .prompt_track = {{0, "x"}}, .seed_track = {{0, 1}}, .window = 64}));
  auto figure = [&](const std::string& name) {
    for (const auto& f : (*server)->stats()) if (f.name == name) return f.value;
    return -1.0;
  };
  const auto end = std::chrono::steady_clock::now() + 10s;
  while (figure("frames_dropped") < 1 && std::chrono::steady_clock::now() < end) std::this_thread::sleep_for(10ms);
  EXPECT_GE(figure("frames_dropped"), 1.0);

  // Meanwhile another client is served at full rate.
  auto client = Client::connect(client_params((*server)->port()));
  ASSERT_TRUE(client) << client.error().message;
  auto rollout = (*client)->open(fake_rollout("fast", 2));
  ASSERT_TRUE(rollout);
  EXPECT_EQ(take_frames(**rollout, 10).size(), 10u);

  // The slow reader's connection stayed open; what it reads now is bounded by the window and
  // the pending bytes, not by how long it slept.
  const size_t read = slow.drain_for(500ms);
  EXPECT_GT(read, 0u);
  EXPECT_LE(read, 64u * (256u * 256u * 4u + 128u));
}

}  // namespace
}  // namespace wv::net::testing

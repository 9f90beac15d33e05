// Frames as H.264 over loopback: lossy but close, steerable, and a restart starts the stream
// again at a keyframe.
#include <gtest/gtest.h>

#include <cmath>

#include "media/stream_decoder.h"
#include "media/stream_encoder.h"
#include "tests/net/loopback_util.h"

namespace wv::net::testing {
namespace {

double mean_abs_error(const Frame& f, const std::vector<uint8_t>& expected) {
  double sum = 0;
  for (size_t i = 0; i < expected.size(); ++i) sum += std::abs(double(f.pixels[i]) - double(expected[i]));
  return sum / double(expected.size());
}

FakeHostOptions smooth() {
  FakeHostOptions o;
  o.width = 64;
  o.height = 48;
  return o;
}

ClientParams h264_client(uint16_t port) {
  auto p = client_params(port);
  p.codec = CodecChoice::H264;
  return p;
}

TEST(StreamCodec, KeyframesComeOnRequestAndEveryFrameDecodes) {
  auto enc = media::StreamEncoder::open({.width = 33, .height = 17, .fps = 24});  // odd sizes are padded
  ASSERT_TRUE(enc) << enc.error().message;
  auto dec = media::StreamDecoder::open();
  ASSERT_TRUE(dec);
  for (int i = 0; i < 12; ++i) {
    auto f = make_frame(33, 17, i, i / 24.0);
    for (size_t b = 0; b < f->byte_size(); ++b) f->pixels[b] = uint8_t((b % 4 == 3) ? 255 : 100 + (b / 4 + size_t(i)) % 50);
    auto packet = (*enc)->encode(*f, /*force_keyframe=*/i == 5);
    ASSERT_TRUE(packet) << packet.error().message;
    EXPECT_EQ(packet->keyframe, i == 0 || i == 5) << "frame " << i;  // long GOP: only the first and the asked one
    auto back = (*dec)->decode(packet->data, 33, 17, i, i / 24.0);
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ((*back)->width, 33);
    EXPECT_LT(mean_abs_error(**back, std::vector<uint8_t>(f->pixels.begin(), f->pixels.begin() + long(f->byte_size()))), 6.0);
  }
}

TEST(StreamCodec, DamagedDataIsAnErrorNotACrash) {
  auto dec = media::StreamDecoder::open();
  ASSERT_TRUE(dec);
  const std::vector<uint8_t> junk = {0, 0, 0, 1, 0x65, 0xff, 0x00, 0x13, 0x37};
  auto r = (*dec)->decode(junk, 16, 16, 3, 0.0);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("H.264 stream decoder: frame 3"), std::string::npos) << r.error().message;
}

TEST(H264Loopback, FramesArriveCloseToTheHostsAndFollowASteer) {
  FakeHost host(smooth());
  auto server = Server::start(loopback_params(), host);
  ASSERT_TRUE(server);
  auto client = Client::connect(h264_client((*server)->port()));
  ASSERT_TRUE(client) << client.error().message;
  EXPECT_EQ((*client)->codec(), Codec::H264);
  auto rollout = (*client)->open(fake_rollout("calm", 4));
  ASSERT_TRUE(rollout);
  auto frames = take_frames(**rollout, 10);
  ASSERT_EQ(frames.size(), 10u);
  for (size_t i = 0; i < frames.size(); ++i) {
    EXPECT_EQ(frames[i]->index, int64_t(i));
    EXPECT_LT(mean_abs_error(*frames[i], expected_frame(host.options(), {{0, "calm"}}, {{0, 4}}, int64_t(i))), 8.0) << i;
  }
  ASSERT_TRUE((*rollout)->steer(12, "storm"));
  auto after = take_frames(**rollout, 8);
  ASSERT_EQ(after.size(), 8u);
  const std::vector<PromptEntry> track = {{0, "calm"}, {12, "storm"}};
  for (const auto& f : after) {
    EXPECT_LT(mean_abs_error(*f, expected_frame(host.options(), track, {{0, 4}}, f->index)), 8.0) << f->index;
  }
  EXPECT_EQ(after.back()->index, 17);
}

TEST(H264Loopback, AfterARestartTheStreamResumesAtAKeyframe) {
  FakeHost host(smooth());
  auto server = Server::start(loopback_params(), host);
  ASSERT_TRUE(server);
  const uint16_t port = (*server)->port();
  auto client = Client::connect(h264_client(port));
  ASSERT_TRUE(client);
  auto rollout = (*client)->open(fake_rollout("calm", 4));
  ASSERT_TRUE(rollout);
  auto frames = take_frames(**rollout, 6);
  ASSERT_EQ(frames.size(), 6u);
  server->reset();
  std::this_thread::sleep_for(50ms);
  auto restarted = Server::start(loopback_params(port), host);
  ASSERT_TRUE(restarted) << restarted.error().message;
  auto more = take_frames(**rollout, 10);
  ASSERT_EQ(more.size(), 10u);
  EXPECT_EQ(more.front()->index, 6);
  for (const auto& f : more) {
    EXPECT_LT(mean_abs_error(*f, expected_frame(host.options(), {{0, "calm"}}, {{0, 4}}, f->index)), 8.0) << f->index;
  }
}

// A reader too slow for its stream: the server drops frames once max_pending_bytes wait for the
// socket, and the next frame the reader gets is a keyframe, so every frame it gets decodes to
// the host's pixels (a P-frame after a gap would decode against the wrong reference).
TEST(H264Loopback, ASlowReaderLosesFramesAndGoesOnAtAKeyframe) {
  FakeHost host(smooth());
  auto params = loopback_params();
  params.max_pending_bytes = 4096;
  auto server = Server::start(params, host);
  ASSERT_TRUE(server) << server.error().message;
  RawPeer slow((*server)->port(), /*receive_buffer=*/4096);
  slow.send(encode(Hello{.codecs = codec_bit(Codec::H264), .client_name = "slow reader"}));
  slow.send(encode(Open{.rollout = 1, .model = "fake", .prompt_track = {{0, "calm"}}, .seed_track = {{0, 4}},
                        .window = 64, .codec = Codec::H264}));
  // It says it consumed every frame sent, so only the bytes waiting for its socket hold the
  // server back; it reads nothing until the server drops.
  const auto consume_all = [&] { slow.send(encode(Consumed{1, uint64_t(server_figure(**server, "frames_sent"))})); };
  const auto end = std::chrono::steady_clock::now() + 20s;
  while (server_figure(**server, "frames_dropped") < 1 && std::chrono::steady_clock::now() < end) {
    consume_all();
    std::this_thread::sleep_for(2ms);
  }
  ASSERT_GE(server_figure(**server, "frames_dropped"), 1.0);
  // Now it reads, and takes more frames, until it has frames from after a drop.
  std::vector<uint8_t> bytes;
  std::vector<FrameMessage> frames;
  const auto any_gap = [&] {
    for (size_t i = 1; i < frames.size(); ++i)
      if (frames[i].index != frames[i - 1].index + 1) return true;
    return false;
  };
  const auto read_end = std::chrono::steady_clock::now() + 20s;
  while (!any_gap() && std::chrono::steady_clock::now() < read_end) {
    consume_all();
    slow.receive_for(50ms, bytes);
    frames = frames_in(messages_in(bytes));
  }
  ASSERT_GE(frames.size(), 2u);
  auto decoder = media::StreamDecoder::open();
  ASSERT_TRUE(decoder);
  size_t gaps = 0;
  for (size_t i = 0; i < frames.size(); ++i) {
    const FrameMessage& f = frames[i];
    const bool after_gap = i > 0 && f.index != frames[i - 1].index + 1;
    ASSERT_TRUE(i == 0 || f.index > frames[i - 1].index) << "frame " << f.index;
    if (after_gap) {
      ++gaps;
      EXPECT_TRUE(f.keyframe) << "frame " << f.index << " follows dropped frames " << frames[i - 1].index + 1 << ".."
                              << f.index - 1 << " but is not a keyframe";
    }
    auto decoded = (*decoder)->decode(f.data, f.width, f.height, f.index, f.pts_s);
    ASSERT_TRUE(decoded) << "frame " << f.index << ": " << decoded.error().message;
    EXPECT_LT(mean_abs_error(**decoded, expected_frame(host.options(), {{0, "calm"}}, {{0, 4}}, f.index)), 8.0)
        << "frame " << f.index;
  }
  EXPECT_GE(gaps, 1u) << "the reader got every frame: the drop path was not taken";
}

}  // namespace
}  // namespace wv::net::testing

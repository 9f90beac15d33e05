// The message codec: every message round-trips, and hostile bytes are refused with a reason.
#include "net/protocol.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "net/token.h"

namespace wv::net {
namespace {

Result<Message> decode(const std::vector<uint8_t>& bytes) {
  if (bytes.size() < kHeaderBytes) return Error{"short"};
  auto header = parse_header(std::span<const uint8_t, kHeaderBytes>(bytes.data(), kHeaderBytes));
  if (!header) return header.error();
  if (header->payload_bytes != bytes.size() - kHeaderBytes) return Error{"length mismatch"};
  return parse_message(header->type, std::span<const uint8_t>(bytes).subspan(kHeaderBytes));
}

std::vector<Message> one_of_each() {
  FrameMessage frame{.rollout = 3, .epoch = 2, .index = 41, .pts_s = 41 / 24.0, .codec = Codec::Raw, .keyframe = true,
                     .width = 2, .height = 1, .times = {1500, 300, 20}, .sent_ns = 123456789};
  frame.data = {1, 2, 3, 255, 4, 5, 6, 255};
  FrameMessage h264 = frame;
  h264.codec = Codec::H264;
  h264.keyframe = false;
  h264.data = {0, 0, 0, 1, 0x41};
  return {
      Hello{.codecs = codec_bit(Codec::Raw) | codec_bit(Codec::H264), .token = "s3cret", .client_name = "test"},
      Welcome{.codecs = codec_bit(Codec::H264), .server_name = "gpu-box", .models = {"a", "b"}},
      Refused{"wrong token"},
      Open{.rollout = 7, .model = "toyworld", .prompt_track = {{0, "red balls"}, {30, "blue"}},
           .seed_track = {{0, 42}, {10, 7}}, .start_frame = 12, .frame_count = 100, .window = 5,
           .codec = Codec::H264, .playing = false},
      Opened{.rollout = 7, .width = 64, .height = 48, .fps = 24, .frame_count = -1, .prompt_track = {{0, "x"}},
             .seed_track = {{0, 1}}},
      Steer{.rollout = 7, .epoch = 1, .frame = 40, .text = "rain"},
      Branch{.rollout = 7, .new_rollout = 8, .frame = 3, .prompt = "snow", .seed = std::nullopt},
      Branch{.rollout = 7, .new_rollout = 9, .frame = 3, .prompt = std::nullopt, .seed = 99, .codec = Codec::H264},
      SetPlaying{7, false},
      Seek{7, 4, 100},
      Close{7},
      Consumed{7, 1u << 20},
      RequestKeyframe{7},
      RolloutFailed{7, "the model threw"},
      frame,
      h264,
      Shown{.rollout = 7, .network_us = 250, .decode_us = 900, .display_us = 16000},
      StatsRequest{},
      Stats{{{"clients", 2}, {"encode_ms_p95", 1.25}}},
  };
}

TEST(Protocol, EveryMessageRoundTrips) {
  for (const Message& m : one_of_each()) {
    const auto bytes = encode(m);
    auto back = decode(bytes);
    ASSERT_TRUE(back) << message_name(message_type(m)) << ": " << back.error().message;
    EXPECT_TRUE(*back == m) << message_name(message_type(m));
  }
}

TEST(Protocol, EveryTruncationIsRefusedAsCutShort) {
  for (const Message& m : one_of_each()) {
    const auto bytes = encode(m);
    const auto header = parse_header(std::span<const uint8_t, kHeaderBytes>(bytes.data(), kHeaderBytes));
    ASSERT_TRUE(header);
    const std::span<const uint8_t> payload = std::span<const uint8_t>(bytes).subspan(kHeaderBytes);
    for (size_t n = 0; n < payload.size(); ++n) {
      auto cut = parse_message(header->type, payload.first(n));
      ASSERT_FALSE(cut) << message_name(header->type) << " cut to " << n << " bytes was accepted";
      EXPECT_NE(cut.error().message.find(message_name(header->type)), std::string::npos) << cut.error().message;
    }
  }
}

TEST(Protocol, TrailingBytesAreRefused) {
  auto bytes = encode(Close{1});
  bytes.push_back(0);
  auto m = parse_message(MessageType::Close, std::span<const uint8_t>(bytes).subspan(kHeaderBytes));
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().message, "Close message: 1 unexpected bytes at the end");
}

TEST(Protocol, HeadersRefuseUnknownTypesAndOversizedPayloads) {
  const uint8_t unknown[kHeaderBytes] = {0, 0, 0, 0, 99};
  auto u = parse_header(unknown);
  ASSERT_FALSE(u);
  EXPECT_EQ(u.error().message, "unknown message type 99");
  const uint8_t big_steer[kHeaderBytes] = {0x01, 0x00, 0x01, 0x00, uint8_t(MessageType::Steer)};  // 65537 bytes
  auto s = parse_header(big_steer);
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("Steer message: oversized: 65537 bytes"), std::string::npos) << s.error().message;
  const uint8_t big_frame[kHeaderBytes] = {0xff, 0xff, 0xff, 0x7f, uint8_t(MessageType::Frame)};
  EXPECT_FALSE(parse_header(big_frame));
  const uint8_t ok_frame[kHeaderBytes] = {0x00, 0x00, 0x10, 0x00, uint8_t(MessageType::Frame)};  // 1 MiB
  EXPECT_TRUE(parse_header(ok_frame));
}

TEST(Protocol, ValuesOutOfRangeAreRefusedWithTheReason) {
  auto refused = [](const Message& m) {
    const auto bytes = encode(m);
    auto r = decode(bytes);
    return r ? std::string("accepted") : r.error().message;
  };
  EXPECT_EQ(refused(Open{.rollout = 1, .model = "m", .prompt_track = {{5, "late"}}, .seed_track = {{0, 1}}}),
            "Open message: the prompt track's frames must start at 0 and increase (entry 0 is at frame 5)");
  EXPECT_EQ(refused(Open{.rollout = 1, .model = "m", .prompt_track = {{0, "a"}, {0, "b"}}, .seed_track = {{0, 1}}}),
            "Open message: the prompt track's frames must start at 0 and increase (entry 1 is at frame 0)");
  EXPECT_EQ(refused(Open{.rollout = 1, .model = "m", .prompt_track = {{0, "a"}}, .seed_track = {{0, 1}}, .window = 0}),
            "Open message: window 0 is outside 1..64");
  EXPECT_EQ(refused(Steer{.rollout = 1, .frame = -3, .text = "x"}), "Steer message: frame -3 is negative");
  EXPECT_EQ(refused(Steer{.rollout = 1, .frame = 3, .text = ""}), "Steer message: the prompt is empty");
  EXPECT_EQ(refused(Steer{.rollout = 1, .frame = 3, .text = std::string(kMaxTextBytes + 1, 'a')}),
            "Steer message: a field at byte 16 is 4097 bytes long (at most 4096)");
  FrameMessage f{.rollout = 1, .width = 4, .height = 4};
  f.data.assign(10, 0);
  EXPECT_EQ(refused(f), "Frame message: a raw 4x4 frame has 10 bytes, not width*height*4");
  Hello h;
  h.magic = 0x12345678;
  EXPECT_EQ(refused(h), "Hello message: not a worldview client (no \"WVTP\" magic)");
  Opened o{.rollout = 1, .width = 64, .height = 64, .fps = 24, .prompt_track = {{0, "x"}}, .seed_track = {{0, 1}}};
  o.fps = std::numeric_limits<double>::quiet_NaN();
  EXPECT_NE(refused(o).find("is not finite"), std::string::npos);
}

TEST(Protocol, AFlagMustBeZeroOrOne) {
  auto bytes = encode(SetPlaying{1, true});
  bytes.back() = 2;
  auto m = parse_message(MessageType::SetPlaying, std::span<const uint8_t>(bytes).subspan(kHeaderBytes));
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().message, "SetPlaying message: a flag at byte 4 is 2, not 0 or 1");
}

TEST(Protocol, StampingAFrameChangesOnlyItsSendTimes) {
  FrameMessage f{.rollout = 1, .index = 5, .width = 1, .height = 1, .times = {10, 20, 0}, .sent_ns = 1};
  f.data = {1, 2, 3, 4};
  auto bytes = encode(f);
  stamp_frame_send(bytes, 777, 0x0102030405060708ull);
  auto back = decode(bytes);
  ASSERT_TRUE(back) << back.error().message;
  const auto& g = std::get<FrameMessage>(*back);
  EXPECT_EQ(g.times.queue_us, 777u);
  EXPECT_EQ(g.sent_ns, 0x0102030405060708ull);
  EXPECT_EQ(g.times.inference_us, 10u);
  EXPECT_EQ(g.data, f.data);
}

TEST(Token, ComparesWholeTokens) {
  EXPECT_TRUE(tokens_equal("abc", "abc"));
  EXPECT_FALSE(tokens_equal("abd", "abc"));
  EXPECT_FALSE(tokens_equal("ab", "abc"));
  EXPECT_FALSE(tokens_equal("abcd", "abc"));
  EXPECT_FALSE(tokens_equal("", "abc"));
  EXPECT_FALSE(tokens_equal("", ""));  // no token configured never matches
}

TEST(Token, ReadsTheFirstLineAndNamesTheFileOnErrors) {
  const auto dir = std::filesystem::path(WV_TEST_OUTPUT_DIR) / "net";
  std::filesystem::create_directories(dir);
  const auto good = (dir / "token").string();
  std::ofstream(good) << "  s3cret \nsecond line\n";
  auto t = read_token_file(good);
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(*t, "s3cret");
  const auto empty = (dir / "empty-token").string();
  std::ofstream(empty) << "\n";
  auto e = read_token_file(empty);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().message, "token file " + empty + ": the first line is empty");
  auto missing = read_token_file((dir / "missing").string());
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("cannot open it"), std::string::npos);
}

}  // namespace
}  // namespace wv::net

// Server and client over loopback in raw mode: exact frames, steering, several clients, tokens.
#include <ifaddrs.h>
#include <net/if.h>

#include <gtest/gtest.h>

#include "tests/net/loopback_util.h"

namespace wv::net::testing {
namespace {

// An IPv4 address of this machine that is not loopback; empty when it has none.
std::string non_loopback_address() {
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) return "";
  std::string found;
  for (ifaddrs* i = list; i && found.empty(); i = i->ifa_next) {
    if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET || (i->ifa_flags & IFF_LOOPBACK) || !(i->ifa_flags & IFF_UP)) continue;
    char text[INET_ADDRSTRLEN] = {};
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(i->ifa_addr)->sin_addr, text, sizeof text);
    found = text;
  }
  freeifaddrs(list);
  return found;
}

TEST(Loopback, ARemoteRolloutShowsExactlyTheHostsFrames) {
  FakeHost host;
  auto server = Server::start(loopback_params(), host);
  ASSERT_TRUE(server) << server.error().message;
  auto client = Client::connect(client_params((*server)->port()));
  ASSERT_TRUE(client) << client.error().message;
  EXPECT_EQ((*client)->codec(), Codec::Raw);  // loopback, Auto
  EXPECT_EQ((*client)->models(), std::vector<std::string>{"fake"});
  auto rollout = (*client)->open(fake_rollout("three red balls", 42));
  ASSERT_TRUE(rollout) << rollout.error().message;
  EXPECT_EQ((*rollout)->info().kind, "remote");
  EXPECT_EQ((*rollout)->info().width, 16);
  const auto frames = take_frames(**rollout, 30);
  ASSERT_EQ(frames.size(), 30u);
  for (size_t i = 0; i < frames.size(); ++i) {
    EXPECT_EQ(frames[i]->index, int64_t(i));
    EXPECT_DOUBLE_EQ(frames[i]->pts_s, double(i) / 24.0);
    EXPECT_EQ(pixels_of(*frames[i]), expected_frame(host.options(), {{0, "three red balls"}}, {{0, 42}}, int64_t(i)))
        << "frame " << i;
  }
  EXPECT_GT((*rollout)->telemetry().count(Stage::Network), 0u);
}

TEST(Loopback, TheServerSendsNoMoreThanTheWindowAheadOfThePanel) {
  FakeHost host;
  auto server = Server::start(loopback_params(), host);
  ASSERT_TRUE(server);
  auto params = client_params((*server)->port());
  params.window = 3;
  auto client = Client::connect(params);
  ASSERT_TRUE(client);
  auto rollout = (*client)->open(fake_rollout("a", 1));
  ASSERT_TRUE(rollout);
  // Nobody takes frames: after the first three the server must wait.
  for (int i = 0; i < 100; ++i) {
    (*rollout)->pump();
    std::this_thread::sleep_for(2ms);
  }
  const auto sent = [&] {
    for (const auto& f : (*server)->stats()) if (f.name == "frames_sent") return f.value;
    return -1.0;
  };
  EXPECT_EQ(sent(), 3.0);
  EXPECT_EQ(take_frames(**rollout, 10).size(), 10u);  // and it goes on once frames are taken
}

TEST(Loopback, SteeringChangesFramesFromTheSteerFrameOn) {
  FakeHost host;
  auto server = Server::start(loopback_params(), host);
  ASSERT_TRUE(server);
  auto client = Client::connect(client_params((*server)->port()));
  ASSERT_TRUE(client);
  auto rollout = (*client)->open(fake_rollout("calm", 5));
  ASSERT_TRUE(rollout);
  auto before = take_frames(**rollout, 4);
  ASSERT_EQ(before.size(), 4u);
  ASSERT_TRUE((*rollout)->steer(6, "storm"));
  auto after = take_frames(**rollout, 8);
  ASSERT_EQ(after.size(), 8u);
  const std::vector<PromptEntry> track = {{0, "calm"}, {6, "storm"}};
  EXPECT_EQ((*rollout)->prompt_track(), track);
  for (const auto& f : after) {
    EXPECT_EQ(pixels_of(*f), expected_frame(host.options(), track, {{0, 5}}, f->index)) << "frame " << f->index;
  }
  EXPECT_EQ(after.back()->index, 11);
}

TEST(Loopback, ABranchContinuesWithItsOwnPrompt) {
  FakeHost host;
  auto server = Server::start(loopback_params(), host);
  ASSERT_TRUE(server);
  auto client = Client::connect(client_params((*server)->port()));
  ASSERT_TRUE(client);
  auto rollout = (*client)->open(fake_rollout("calm", 5));
  ASSERT_TRUE(rollout);
  auto branch = (*rollout)->branch(10, std::string("fire"), uint64_t(9));
  ASSERT_TRUE(branch) << branch.error().message;
  const std::vector<PromptEntry> track = {{0, "calm"}, {10, "fire"}};
  const std::vector<SeedEntry> seeds = {{0, 5}, {10, 9}};
  EXPECT_EQ((*branch)->prompt_track(), track);
  EXPECT_EQ((*branch)->seed_track(), seeds);
  auto frames = take_frames(**branch, 3);
  ASSERT_EQ(frames.size(), 3u);
  EXPECT_EQ(frames[0]->index, 10);
  for (const auto& f : frames) EXPECT_EQ(pixels_of(*f), expected_frame(host.options(), track, seeds, f->index));
}

TEST(Loopback, SeveralClientsAtOnceEachGetTheirOwnFrames) {
  FakeHost host;
  auto server = Server::start(loopback_params(), host);
  ASSERT_TRUE(server);
  constexpr int kClients = 4;
  std::vector<std::thread> threads;
  std::vector<std::string> failures(kClients);
  for (int c = 0; c < kClients; ++c) {
    threads.emplace_back([&, c] {
      auto client = Client::connect(client_params((*server)->port()));
      if (!client) return void(failures[size_t(c)] = client.error().message);
      std::vector<std::shared_ptr<RemoteRollout>> rollouts;
      for (int r = 0; r < 2; ++r) {
        auto rollout = (*client)->open(fake_rollout("client " + std::to_string(c) + " panel " + std::to_string(r), uint64_t(c)));
        if (!rollout) return void(failures[size_t(c)] = rollout.error().message);
        rollouts.push_back(*rollout);
      }
      for (int r = 0; r < 2; ++r) {
        const auto frames = take_frames(*rollouts[size_t(r)], 20);
        if (frames.size() != 20) return void(failures[size_t(c)] = "got " + std::to_string(frames.size()) + " frames");
        for (const auto& f : frames) {
          const std::vector<PromptEntry> track = {{0, "client " + std::to_string(c) + " panel " + std::to_string(r)}};
          if (pixels_of(*f) != expected_frame(host.options(), track, {{0, uint64_t(c)}}, f->index)) {
            return void(failures[size_t(c)] = "frame " + std::to_string(f->index) + " differs");
          }
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int c = 0; c < kClients; ++c) EXPECT_EQ(failures[size_t(c)], "") << "client " << c;
}

TEST(Loopback, AWrongOrMissingTokenIsRefused) {
  LogCapture log;
  FakeHost host;
  auto params = loopback_params();
  params.token = "correct horse";
  auto server = Server::start(params, host);
  ASSERT_TRUE(server);
  auto wrong = Client::connect(client_params((*server)->port(), "correct hors"));
  ASSERT_FALSE(wrong);
  EXPECT_NE(wrong.error().message.find("refused: wrong token"), std::string::npos) << wrong.error().message;
  auto missing = Client::connect(client_params((*server)->port()));
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("refused: a token is required"), std::string::npos) << missing.error().message;
  auto right = Client::connect(client_params((*server)->port(), "correct horse"));
  ASSERT_TRUE(right) << right.error().message;
  EXPECT_EQ(host.opened, 0);
  EXPECT_TRUE(log.contains("refused: wrong token"));
}

TEST(Loopback, TheServerWillNotListenBeyondThisMachineWithoutAToken) {
  FakeHost host;
  auto params = loopback_params();
  params.listen = Endpoint{"0.0.0.0", 0};
  auto server = Server::start(params, host);
  ASSERT_FALSE(server);
  EXPECT_NE(server.error().message.find("refusing to listen beyond this machine without a token"), std::string::npos);
}

TEST(Loopback, AnUnknownModelFailsThatOpenOnly) {
  FakeHost host;
  auto server = Server::start(loopback_params(), host);
  ASSERT_TRUE(server);
  auto client = Client::connect(client_params((*server)->port()));
  ASSERT_TRUE(client);
  auto bad = (*client)->open({.model = "nope", .prompt_track = {{0, "x"}}, .seed_track = {{0, 1}}, .name = "panel 2"});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("panel 2: server 127.0.0.1:"), std::string::npos) << bad.error().message;
  EXPECT_NE(bad.error().message.find("unknown model \"nope\""), std::string::npos) << bad.error().message;
  auto good = (*client)->open(fake_rollout("fine", 1));
  ASSERT_TRUE(good) << good.error().message;
  EXPECT_EQ(take_frames(**good, 3).size(), 3u);
}

TEST(Loopback, StatsCountClientsAndFrames) {
  FakeHost host;
  auto server = Server::start(loopback_params(), host);
  ASSERT_TRUE(server);
  auto client = Client::connect(client_params((*server)->port()));
  ASSERT_TRUE(client);
  auto rollout = (*client)->open(fake_rollout("a", 1));
  ASSERT_TRUE(rollout);
  ASSERT_EQ(take_frames(**rollout, 10).size(), 10u);
  auto stats = (*client)->stats();
  ASSERT_TRUE(stats) << stats.error().message;
  std::map<std::string, double> by_name;
  for (const auto& f : *stats) by_name[f.name] = f.value;
  EXPECT_EQ(by_name["clients"], 1.0);
  EXPECT_EQ(by_name["rollouts"], 1.0);
  EXPECT_GE(by_name["frames_sent"], 10.0);
  EXPECT_GE(by_name["encode_ms_p95"], 0.0);
}

TEST(Loopback, ShownFramesGiveTheDisplayStageHereAndInTheServersFigures) {
  FakeHost host;
  auto server = Server::start(loopback_params(), host);
  ASSERT_TRUE(server);
  auto client = Client::connect(client_params((*server)->port()));
  ASSERT_TRUE(client);
  auto rollout = (*client)->open(fake_rollout("a", 1));
  ASSERT_TRUE(rollout);
  const auto frames = take_frames(**rollout, 6);
  ASSERT_EQ(frames.size(), 6u);
  std::this_thread::sleep_for(30ms);  // queued, then shown 30 ms later
  for (const auto& f : frames) (*rollout)->shown(*f);
  (*rollout)->shown(*frames.back());  // shown again: no second sample
  const LatencyStats& t = (*rollout)->telemetry();
  EXPECT_EQ(t.count(Stage::Display), 6u);
  EXPECT_GE(t.percentile(Stage::Display, 0.0), 30.0);
  // The server has the client's stages from its Shown messages.
  const auto end = std::chrono::steady_clock::now() + 5s;
  while (server_figure(**server, "display_ms_p50") < 0 && std::chrono::steady_clock::now() < end) std::this_thread::sleep_for(5ms);
  EXPECT_GE(server_figure(**server, "display_ms_p50"), 30.0);
  for (const char* stage : {"inference", "encode", "queue", "network", "decode", "display"}) {
    EXPECT_GE(server_figure(**server, std::string(stage) + "_ms_p95"), 0.0) << stage;
  }
}

// Raw frames go to other machines only when the server allows it (`serve --allow-raw`) and the
// client asks for them (`--codec raw`; auto asks for raw from loopback servers only). Another
// machine is played by this one's own non-loopback address (the connection stays on this host).
TEST(Loopback, RawFramesGoBeyondThisMachineOnlyWhenAllowed) {
  const std::string address = non_loopback_address();
  if (address.empty()) GTEST_SKIP() << "this machine has no non-loopback IPv4 address";
  FakeHost host;
  for (const bool allow : {false, true}) {
    auto params = loopback_params();
    params.listen = Endpoint{address, 0};
    params.token = "t0ken";
    params.raw_off_loopback = allow;
    auto server = Server::start(params, host);
    ASSERT_TRUE(server) << server.error().message;
    auto cp = client_params((*server)->port(), "t0ken");
    cp.server = Endpoint{address, (*server)->port()};
    auto automatic = Client::connect(cp);
    ASSERT_TRUE(automatic) << automatic.error().message;
    EXPECT_EQ((*automatic)->codec(), Codec::H264) << "allowed: " << allow;
    cp.codec = CodecChoice::Raw;
    auto raw = Client::connect(cp);
    if (!allow) {
      ASSERT_FALSE(raw);
      EXPECT_NE(raw.error().message.find("no codec in common (raw frames only go to clients on this machine)"),
                std::string::npos) << raw.error().message;
      continue;
    }
    ASSERT_TRUE(raw) << raw.error().message;
    EXPECT_EQ((*raw)->codec(), Codec::Raw);
    auto rollout = (*raw)->open(fake_rollout("far away", 3));
    ASSERT_TRUE(rollout) << rollout.error().message;
    const auto frames = take_frames(**rollout, 3);
    ASSERT_EQ(frames.size(), 3u);
    EXPECT_EQ(pixels_of(*frames[2]), expected_frame(host.options(), {{0, "far away"}}, {{0, 3}}, 2));  // lossless
  }
}

}  // namespace
}  // namespace wv::net::testing

// Server and client over loopback in raw mode: exact frames, steering, several clients, tokens.
#include <gtest/gtest.h>

#include "tests/net/loopback_util.h"

namespace wv::net::testing {
namespace {

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

}  // namespace
}  // namespace wv::net::testing

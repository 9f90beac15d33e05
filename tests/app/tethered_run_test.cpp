// End to end, as a user runs it: `worldview serve` (loopback, token file) and
// `worldview --connect ... headless` as two processes. The server is killed (SIGKILL) mid-run and
// started again on the same port; the headless run reconnects, resumes, finishes, and writes the
// very video a local run writes. Then `worldview stats` shows every latency stage.
#include <gtest/gtest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <regex>
#include <string>
#include <thread>

#include "headless_test_util.h"
#include "tests/spawned_program.h"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using wv::test::decode_all;
using wv::test::output_dir;
using wv::test::run_worldview;
using wv::test::SpawnedProgram;

const std::string kExe = WV_WORLDVIEW_EXE;
const std::string kFixture = std::string(WV_TORCHSCRIPT_FIXTURES) + "/drifting_color_field.pt";

// A port nothing listens on now (the kernel's pick for an ephemeral bind).
uint16_t free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof a;
  const bool ok = bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
                  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &size) == 0;
  close(fd);
  return ok ? ntohs(a.sin_port) : 0;
}

std::vector<std::string> serve_args(const std::string& listen, const fs::path& token) {
  return {kExe, "serve", "--listen", listen, "--token-file", token.string(), "--model-file", kFixture};
}

// 120 frames at the fixture's 12 fps: long enough that the server dies well before the end.
const std::string kRun = "--prompt \"a calm sea\" --seconds 10 --fps 12 --width 160 --height 90 --still";

// The first figure after `label` in `text` ("display 0.41/1.20" -> 0.41); -2 when absent.
double figure_after(const std::string& text, const std::string& label) {
  std::smatch m;
  if (!std::regex_search(text, m, std::regex(label + "\\s+(-?[0-9.]+)"))) return -2.0;
  return std::stod(m[1].str());
}

TEST(TetheredRun, AServerKilledMidRunIsReconnectedAndTheVideoEqualsALocalRun) {
  const fs::path dir = output_dir();
  const fs::path token = dir / "tethered.token";
  std::ofstream(token) << "a long shared secret\n";
  const uint16_t port = free_port();
  ASSERT_NE(port, 0);
  const std::string listen = "127.0.0.1:" + std::to_string(port);

  auto first = std::make_unique<SpawnedProgram>(serve_args(listen, token), (dir / "tethered-serve-1.log").string());
  ASSERT_TRUE(first->started());
  ASSERT_TRUE(first->wait_for_output("serve: listening on", 60s)) << first->output();

  const fs::path tethered = dir / "tethered-remote.mp4";
  SpawnedProgram client({"/bin/sh", "-c",
                         kExe + " --connect " + listen + " --token-file " + token.string() +
                             " headless --model drifting_color_field " + kRun + " --out " + tethered.string()},
                        (dir / "tethered-client.log").string());
  ASSERT_TRUE(client.started());
  // Progress prints a line per tenth of the run; after the first the client has shown frames,
  // and it can run ahead of the dead server by its window only (a few frames).
  ASSERT_TRUE(client.wait_for_output("(10%)", 120s)) << client.output();
  first->signal(SIGKILL);
  EXPECT_EQ(first->wait_exit(10s), -1);  // killed, not exited
  first.reset();

  SpawnedProgram second(serve_args(listen, token), (dir / "tethered-serve-2.log").string());
  ASSERT_TRUE(second.wait_for_output("serve: listening on", 60s)) << second.output();
  const int code = client.wait_exit(180s);
  const std::string out = client.output();
  ASSERT_EQ(code, 0) << out;
  EXPECT_NE(out.find("connection lost"), std::string::npos) << out;
  EXPECT_NE(out.find("reconnected; resuming 1 rollout(s)"), std::string::npos) << out;
  // The client's display stage of its panel (queued -> shown), in the run's latency report.
  EXPECT_GE(figure_after(out, "tethered latency p50/p95 \\(ms\\):.* display"), 0.0) << out;

  // Every latency stage in the restarted server's figures, the client's ones from its Shown messages.
  const auto stats = run_worldview("--connect " + listen + " --token-file " + token.string() + " stats");
  ASSERT_EQ(stats.exit_code, 0) << stats.output;
  for (const char* stage : {"inference", "encode", "queue", "network", "decode", "display"}) {
    EXPECT_GE(figure_after(stats.output, std::string(stage) + "_ms_p95"), 0.0) << stage << "\n" << stats.output;
  }

  // Frame for frame equal to a local run: headless shows exactly the frame due at each video
  // time (waiting for it, so timing never changes which frame), frames depend only on the model,
  // the prompt, the seed and the frame index (DESIGN.md §3; both sides step rollouts alone),
  // loopback frames are raw (lossless), and the recorder is deterministic. A resume that skipped,
  // repeated or changed a frame shows here.
  const fs::path local = dir / "tethered-local.mp4";
  const auto local_run = run_worldview("headless --model-file " + kFixture + " " + kRun + " --out " + local.string());
  ASSERT_EQ(local_run.exit_code, 0) << local_run.output;
  const auto remote_frames = decode_all(tethered), local_frames = decode_all(local);
  ASSERT_EQ(remote_frames.size(), 120u);
  ASSERT_EQ(local_frames.size(), 120u);
  for (size_t i = 0; i < local_frames.size(); ++i) {
    EXPECT_EQ(remote_frames[i]->pixels, local_frames[i]->pixels) << "frame " << i << " differs from the local run";
  }
  EXPECT_NE(local_frames.front()->pixels, local_frames.back()->pixels) << "the world moves, so equal videos say something";
}

// The server's count of open rollouts, from `worldview stats`; -2 when it cannot be read.
double open_rollouts(const std::string& listen, const fs::path& token) {
  const auto stats = run_worldview("--connect " + listen + " --token-file " + token.string() + " stats");
  return stats.exit_code == 0 ? figure_after(stats.output, "rollouts") : -2.0;
}

// Opening another workspace from the console closes the old panels' tethered rollouts on the
// server at once, not when the client exits.
TEST(TetheredRun, OpeningAnotherWorkspaceClosesTheOldTetheredRollouts) {
  const fs::path dir = output_dir() / "tethered-open";
  fs::create_directories(dir);
  const fs::path token = dir / "token";
  std::ofstream(token) << "a long shared secret\n";
  const uint16_t port = free_port();
  ASSERT_NE(port, 0);
  const std::string listen = "127.0.0.1:" + std::to_string(port);
  SpawnedProgram server(serve_args(listen, token), (dir / "serve.log").string());
  ASSERT_TRUE(server.wait_for_output("serve: listening on", 60s)) << server.output();

  std::ofstream(dir / "first.wv.json") << R"({"format": "worldview-workspace", "version": 3, "panels": [
    {"source": {"kind": "rollout", "model": "drifting_color_field", "prompt": "a calm sea"}}]})";
  std::ofstream(dir / "second.wv.json") << R"({"format": "worldview-workspace", "version": 3, "panels": [
    {"source": {"kind": "toyworld", "scene": "a red ball in a dark blue room", "size": [32, 32]}}]})";
  // The run is an hour at 30 fps; the open comes at 60 s (frame 1800, some seconds in). Before it
  // the server holds the panel's rollout; after it none, while the client still has minutes to go
  // (the test stops it then).
  std::ofstream(dir / "session.txt") << "60 open " + (dir / "second.wv.json").string() + "\n";
  SpawnedProgram client({"/bin/sh", "-c",
                         "exec " + kExe + " --connect " + listen + " --token-file " + token.string() +
                             " headless --workspace " + (dir / "first.wv.json").string() + " --script " +
                             (dir / "session.txt").string() +
                             " --seconds 3600 --fps 30 --width 160 --height 90 --still --out " +
                             (dir / "run.mp4").string()},
                        (dir / "client.log").string());
  ASSERT_TRUE(client.started());
  ASSERT_TRUE(client.wait_for_output("(0%)", 120s)) << client.output();
  EXPECT_EQ(open_rollouts(listen, token), 1.0) << client.output();
  ASSERT_TRUE(client.wait_for_output("opened " + (dir / "second.wv.json").string(), 120s)) << client.output();
  // Close reaches the server asynchronously: allow it a few seconds.
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  double open = open_rollouts(listen, token);
  while (open != 0.0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(100ms);
    open = open_rollouts(listen, token);
  }
  EXPECT_EQ(open, 0.0) << "the old panel's rollout is still open on the server\n" << client.output();
  EXPECT_EQ(client.output().find("(10%)"), std::string::npos) << "checked while the client still runs\n" << client.output();
  client.signal(SIGINT);
  EXPECT_EQ(client.wait_exit(60s), 0) << client.output();
}

}  // namespace

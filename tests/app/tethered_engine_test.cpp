// The tethered server on the real inference core (the built-in model): a remote rollout shows
// exactly the frames of the same rollout run locally, through a steer and a server restart, and
// `--connect` panels (RolloutSources with a remote) equal local ones.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "app/engine_host.h"
#include "app/model_catalog.h"
#include "app/rollout_sources.h"
#include "model/rollout_engine.h"
#include "net/client.h"
#include "net/remote_rollout.h"
#include "net/server.h"

namespace wv::app {
namespace {

using namespace std::chrono_literals;

std::vector<FramePtr> take(FrameSource& s, size_t n) {
  std::vector<FramePtr> out;
  const auto end = std::chrono::steady_clock::now() + 60s;
  while (out.size() < n && std::chrono::steady_clock::now() < end) {
    s.pump();
    if (FramePtr f = s.frames().try_pop()) out.push_back(f);
    else std::this_thread::sleep_for(1ms);
  }
  return out;
}

std::unique_ptr<model::RolloutEngine> exact_engine() {
  auto e = model::RolloutEngine::create({.inference_threads = 1, .intra_op_threads = 1, .max_batch = 1});
  EXPECT_TRUE(e);
  return std::move(*e);
}

bool same_pixels(const Frame& a, const Frame& b) {
  return a.width == b.width && a.height == b.height &&
         std::equal(a.pixels.begin(), a.pixels.begin() + long(a.byte_size()), b.pixels.begin());
}

struct Served {
  std::unique_ptr<model::RolloutEngine> engine;
  std::unique_ptr<EngineHost> host;
  std::unique_ptr<net::Server> server;
};

Served serve(ModelCatalog& catalog, uint16_t port) {
  Served s;
  s.engine = exact_engine();
  s.host = std::make_unique<EngineHost>(catalog, *s.engine);
  auto server = net::Server::start({.listen = {"127.0.0.1", port}}, *s.host);
  EXPECT_TRUE(server) << server.error().message;
  if (server) s.server = std::move(*server);
  return s;
}

TEST(TetheredEngine, ResumedAfterARestartTheFramesAreTheLocalOnes) {
  ModelCatalog catalog(ModelCatalog::default_folders());
  Served first = serve(catalog, 0);
  ASSERT_TRUE(first.server);
  const uint16_t port = first.server->port();
  net::ClientParams cp;
  cp.server = {"127.0.0.1", port};
  cp.codec = net::CodecChoice::Raw;
  cp.backoff_min = 20ms;
  cp.backoff_max = 200ms;
  auto client = net::Client::connect(cp);
  ASSERT_TRUE(client) << client.error().message;
  auto remote = (*client)->open({.model = kDefaultModelId, .prompt_track = {{0, "three red balls in a dark room"}},
                                 .seed_track = {{0, 42}}});
  ASSERT_TRUE(remote) << remote.error().message;
  std::vector<FramePtr> frames = take(**remote, 8);
  ASSERT_EQ(frames.size(), 8u);
  ASSERT_TRUE((*remote)->steer(10, "the balls turn green"));
  auto more = take(**remote, 4);
  frames.insert(frames.end(), more.begin(), more.end());
  first.server.reset();  // mid-stream
  Served second = serve(catalog, port);
  ASSERT_TRUE(second.server);
  more = take(**remote, 10);
  frames.insert(frames.end(), more.begin(), more.end());
  ASSERT_EQ(frames.size(), 22u);
  EXPECT_EQ((*client)->reconnects(), 1);

  auto engine = exact_engine();
  auto model = catalog.get(kDefaultModelId);
  ASSERT_TRUE(model) << model.error().message;
  model::RolloutParams p;
  p.model = *model;
  p.prompt_track = {{0, "three red balls in a dark room"}, {10, "the balls turn green"}};
  p.seed = 42;
  auto local = engine->start(p);
  ASSERT_TRUE(local);
  const auto reference = take(**local, 22);
  ASSERT_EQ(reference.size(), 22u);
  for (size_t i = 0; i < frames.size(); ++i) {
    EXPECT_EQ(frames[i]->index, int64_t(i));
    EXPECT_TRUE(same_pixels(*frames[i], *reference[i])) << "frame " << i;
  }
  EXPECT_FALSE(same_pixels(*reference[9], *reference[10]));  // the steer shows
}

TEST(TetheredEngine, ConnectedRolloutSourcesShowTheLocalFrames) {
  ModelCatalog catalog(ModelCatalog::default_folders());
  Served served = serve(catalog, 0);
  ASSERT_TRUE(served.server);
  RolloutSourceSpec spec;
  spec.prompt = "two blue balls";
  spec.seed = 7;
  spec.events = {{0.25, "a ball bounces"}};
  auto remote = RolloutSources::create(
      {.remote = {.server = "127.0.0.1:" + std::to_string(served.server->port()), .codec = "raw"}});
  ASSERT_TRUE(remote) << remote.error().message;
  auto local = RolloutSources::create({.exact = true});
  ASSERT_TRUE(local) << local.error().message;
  auto r = (*remote)->open(spec, "panel 1");
  ASSERT_TRUE(r) << r.error().message;
  auto l = (*local)->open(spec, "panel 1");
  ASSERT_TRUE(l) << l.error().message;
  EXPECT_EQ((*r)->info().kind, "remote");
  const auto rf = take(**r, 12);
  const auto lf = take(**l, 12);
  ASSERT_EQ(rf.size(), 12u);
  ASSERT_EQ(lf.size(), 12u);
  for (size_t i = 0; i < rf.size(); ++i) EXPECT_TRUE(same_pixels(*rf[i], *lf[i])) << "frame " << i;
}

TEST(TetheredEngine, ConnectingToNothingNamesTheServer) {
  auto remote = RolloutSources::create({.remote = {.server = "127.0.0.1:1"}});
  ASSERT_FALSE(remote);
  EXPECT_NE(remote.error().message.find("server 127.0.0.1:1: cannot connect"), std::string::npos) << remote.error().message;
  auto bad = RolloutSources::create({.remote = {.server = "nowhere"}});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("--connect: endpoint \"nowhere\""), std::string::npos) << bad.error().message;
}

}  // namespace
}  // namespace wv::app

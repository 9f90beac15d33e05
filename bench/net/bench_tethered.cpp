// Prints the tethered-inference figures (docs/protocol.md): steer-to-photon latency in-process vs
// over loopback (raw and H.264) with the per-stage breakdown; bandwidth per panel at 24 fps; the
// most panels sustained at 24 fps, in-process and tethered. The built-in model makes 64x64 frames;
// they are enlarged 2x on the server side (bench/net/upscaled_host.h) so the transport is measured
// at 128x128, the size the targets name. One inference thread, one intra-op thread. Frames are
// shown as soon as they are taken (no display pacing), so the display stage is ~0 here; a
// headless, desktop or xr run reports the display stage of a real panel.
//   ./bench/net/bench_tethered [model-id]   (default toyworld-latent-v1)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "app/engine_host.h"
#include "app/model_catalog.h"
#include "model/rollout_engine.h"
#include "model/runtime_info.h"
#include "net/client.h"
#include "net/remote_rollout.h"
#include "net/server.h"
#include "upscaled_host.h"

using namespace wv;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

constexpr int kSteers = 40;
const char* kPrompts[2] = {"three red balls in a dark room", "the balls turn green"};

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

double pct(std::vector<double> v, double q) {
  if (v.empty()) return -1;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, size_t(q * double(v.size())))];
}

[[noreturn]] void die(const std::string& m) {
  std::fprintf(stderr, "bench_tethered: %s\n", m.c_str());
  std::exit(1);
}

// Takes frames as a panel would, as fast as they come, until one with index >= `until` (or for
// `duration`). Returns the last index taken.
int64_t play(FrameSource& s, int64_t until, std::chrono::milliseconds duration, int64_t last) {
  const auto end = Clock::now() + duration;
  while (Clock::now() < end) {
    s.pump();
    if (FramePtr f = s.frames().try_pop()) {
      s.shown(*f);
      last = f->index;
      if (last >= until) return last;
    } else {
      std::this_thread::sleep_for(200us);
    }
  }
  return last;
}

// Steer to the frame after the one shown; the time until that frame is taken is steer-to-photon.
std::vector<double> steer_to_photon(FrameSource& s, const std::function<Status(int64_t, const std::string&)>& steer) {
  int64_t shown = play(s, INT64_MAX, 300ms, -1);  // warm up: queues full, steady state
  std::vector<double> ms;
  for (int i = 0; i < kSteers; ++i) {
    const int64_t at = shown + 1;
    const auto t0 = Clock::now();
    if (Status st = steer(at, kPrompts[(i + 1) % 2]); !st) die(st.error().message);
    shown = play(s, at, 5s, shown);
    if (shown < at) die("no frame after a steer");
    ms.push_back(ms_since(t0));
    shown = play(s, INT64_MAX, 60ms, shown);  // queues refill before the next steer
  }
  return ms;
}

// Plays every source at the display rate for `seconds`; returns the lowest frames/s of any.
double sustained_fps(const std::vector<FrameSource*>& sources, double seconds) {
  std::vector<int64_t> taken(sources.size(), 0);
  const auto start = Clock::now();
  int64_t tick = 0;
  while (ms_since(start) < seconds * 1000.0) {
    const double t = double(tick++) / 24.0;  // one display frame
    for (size_t i = 0; i < sources.size(); ++i) {
      sources[i]->pump();
      if (FramePtr f = sources[i]->frames().try_pop()) {
        sources[i]->shown(*f);
        ++taken[i];
      }
    }
    std::this_thread::sleep_until(start + std::chrono::microseconds(int64_t((t + 1.0 / 24.0) * 1e6)));
  }
  int64_t least = *std::min_element(taken.begin(), taken.end());
  return double(least) / seconds;
}

net::RolloutRequest request(const std::string& model, uint64_t seed) {
  return {.model = model, .prompt_track = {{0, kPrompts[0]}}, .seed_track = {{0, seed}}, .name = "bench"};
}

}  // namespace

int main(int argc, char** argv) {
  const std::string model_id = argc > 1 ? argv[1] : app::kDefaultModelId;
  model::configure_threads({.intra_op = 1, .inter_op = 1});
  app::ModelCatalog catalog(app::ModelCatalog::default_folders());
  auto engine = model::RolloutEngine::create({.inference_threads = 1, .intra_op_threads = 1, .max_batch = 1});
  if (!engine) die(engine.error().message);
  app::EngineHost engine_host(catalog, **engine);
  bench::UpscaledHost host(engine_host, 2);

  // In-process: the same rollouts (enlarged the same way), no transport.
  auto local = host.open(request(model_id, 1));
  if (!local) die(local.error().message);
  const auto& info = (*local)->source().info();
  std::printf("model %s: %dx%d frames at %.0f fps, enlarged 2x to %dx%d for every measure below\n\n", model_id.c_str(),
              info.width / 2, info.height / 2, info.fps, info.width, info.height);
  const auto in_process = steer_to_photon((*local)->source(), [&](int64_t f, const std::string& t) { return (*local)->steer(f, t); });
  (*local)->close();

  net::ServerParams sp;
  sp.listen = net::Endpoint{"127.0.0.1", 0};
  auto server = net::Server::start(sp, host);
  if (!server) die(server.error().message);

  std::printf("steer-to-photon (ms, %d steers each)      p50     p95\n", kSteers);
  std::printf("  in-process                           %7.2f %7.2f\n", pct(in_process, 0.5), pct(in_process, 0.95));
  struct Mode {
    const char* name;
    net::CodecChoice codec;
  };
  const Mode modes[] = {{"raw", net::CodecChoice::Raw}, {"h264", net::CodecChoice::H264}};
  auto connect = [&](net::CodecChoice codec) {
    net::ClientParams cp;
    cp.server = net::Endpoint{"127.0.0.1", (*server)->port()};
    cp.codec = codec;
    auto client = net::Client::connect(cp);
    if (!client) die(client.error().message);
    return std::move(*client);
  };
  for (const Mode& mode : modes) {
    auto client = connect(mode.codec);
    auto r = client->open({.model = model_id, .prompt_track = {{0, kPrompts[0]}}, .seed_track = {{0, 1}}});
    if (!r) die(r.error().message);
    const auto tethered = steer_to_photon(**r, [&](int64_t f, const std::string& t) { return (*r)->steer(f, t); });
    std::printf("  tethered %-4s over loopback          %7.2f %7.2f   (adds %+.2f p50, %+.2f p95)\n", mode.name,
                pct(tethered, 0.5), pct(tethered, 0.95), pct(tethered, 0.5) - pct(in_process, 0.5),
                pct(tethered, 0.95) - pct(in_process, 0.95));
    const auto& t = (*r)->telemetry();
    for (int i = 0; i < int(net::Stage::Count); ++i) {
      const net::Stage s = net::Stage(i);
      std::printf("      %-10s (all frames)            %7.2f %7.2f\n", net::stage_name(s), t.percentile(s, 0.5), t.percentile(s, 0.95));
    }
    (*r)->close();
  }

  std::printf("\nbandwidth per %dx%d panel, played at 24 fps for 5 s\n", info.width, info.height);
  for (const Mode& mode : modes) {
    auto client = connect(mode.codec);
    auto r = client->open({.model = model_id, .prompt_track = {{0, kPrompts[0]}}, .seed_track = {{0, 2}}});
    if (!r) die(r.error().message);
    const uint64_t before = (*r)->bytes_received();
    const double fps = sustained_fps({r->get()}, 5.0);
    const double mbit = double((*r)->bytes_received() - before) * 8.0 / 5.0 / 1e6;
    std::printf("  %-4s  %6.2f Mbit/s  (%.1f fps played)\n", mode.name, mbit, fps);
    (*r)->close();
  }

  std::printf("\npanels sustained at 24 fps (3 s each; lowest panel's frames/s)\n");
  for (int n = 1; n <= 6; ++n) {
    std::vector<std::unique_ptr<net::HostedRollout>> locals;
    std::vector<FrameSource*> ls;
    for (int i = 0; i < n; ++i) {
      auto l = host.open(request(model_id, uint64_t(10 + i)));
      if (!l) die(l.error().message);
      ls.push_back(&(*l)->source());
      locals.push_back(std::move(*l));
    }
    const double local_fps = sustained_fps(ls, 3.0);
    for (auto& l : locals) l->close();
    locals.clear();

    auto client = connect(net::CodecChoice::H264);
    std::vector<std::shared_ptr<net::RemoteRollout>> remotes;
    std::vector<FrameSource*> rs;
    for (int i = 0; i < n; ++i) {
      auto r = client->open({.model = model_id, .prompt_track = {{0, kPrompts[0]}}, .seed_track = {{0, uint64_t(20 + i)}}});
      if (!r) die(r.error().message);
      rs.push_back(r->get());
      remotes.push_back(*r);
    }
    const double remote_fps = sustained_fps(rs, 3.0);
    for (auto& r : remotes) r->close();
    std::printf("  %d panel(s): in-process %5.1f fps, tethered h264 %5.1f fps%s\n", n, local_fps, remote_fps,
                (local_fps < 23.5 && remote_fps < 23.5) ? "  <- neither sustains 24" : "");
    if (local_fps < 23.5 && remote_fps < 23.5) break;
  }
  return 0;
}

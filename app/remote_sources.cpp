#include "app/remote_sources.h"

#include <cstdio>

#include "app/rollout_track.h"
#include "net/client.h"
#include "net/remote_rollout.h"
#include "net/token.h"
#include "wv/log.h"

namespace wv::app {
namespace {

// The workspace's tracks as the protocol carries them; events land on frames at `fps`.
void fill_tracks(const RolloutSourceSpec& spec, double fps, net::RemoteRolloutParams& params) {
  const RolloutTrack track = rollout_track(spec, fps);
  params.prompt_track.clear();
  params.seed_track = {{0, spec.seed}};
  for (const auto& p : track.prompts) params.prompt_track.push_back({p.frame, p.text});
  for (const auto& s : track.seed_changes) params.seed_track.push_back({s.frame, s.seed});
}

}  // namespace

Result<std::shared_ptr<net::Client>> connect_client(const RemoteOptions& options) {
  auto endpoint = net::parse_endpoint(options.server);
  if (!endpoint) return Error{"--connect: " + endpoint.error().message};
  net::ClientParams params;
  params.server = *endpoint;
  if (!options.token_file.empty()) {
    auto token = net::read_token_file(options.token_file);
    if (!token) return token.error();
    params.token = *token;
  }
  if (options.codec == "raw") params.codec = net::CodecChoice::Raw;
  else if (options.codec == "h264") params.codec = net::CodecChoice::H264;
  else if (options.codec != "auto") return Error{"--codec \"" + options.codec + "\": expected auto, raw or h264"};
  auto client = net::Client::connect(params);
  if (!client) return client.error();
  return *client;
}

RemoteSources::RemoteSources(std::shared_ptr<net::Client> client) : client_(std::move(client)) {}
RemoteSources::~RemoteSources() = default;

Result<std::unique_ptr<RemoteSources>> RemoteSources::connect(const RemoteOptions& options) {
  auto client = connect_client(options);
  if (!client) return client.error();
  wv::log_info("remote: connected to " + options.server + " (" + (*client)->server_name() + ", " +
               ((*client)->codec() == net::Codec::Raw ? "raw" : "H.264") + " frames)");
  return std::unique_ptr<RemoteSources>(new RemoteSources(*client));
}

Result<std::shared_ptr<wv::FrameSource>> RemoteSources::open(const RolloutSourceSpec& spec, const std::string& where) {
  net::RemoteRolloutParams params{.model = spec.model, .name = where};
  // Events are timed in seconds and land on frames at the model's rate, which the server tells
  // in Opened: until a first rollout of the model says, assume 24 and reopen if it differs.
  const auto known = fps_.find(spec.model);
  const double fps = known != fps_.end() ? known->second : 24.0;
  fill_tracks(spec, fps, params);
  auto rollout = client_->open(params);
  if (!rollout) return rollout.error();
  fps_[spec.model] = (*rollout)->info().fps;
  if ((*rollout)->info().fps != fps) {
    (*rollout)->close();
    fill_tracks(spec, fps_[spec.model], params);
    rollout = client_->open(params);
    if (!rollout) return rollout.error();
  }
  opened_.push_back({where, *rollout});
  return std::shared_ptr<wv::FrameSource>(*rollout);
}

void RemoteSources::report() const {
  for (const Opened& o : opened_) {
    if (auto e = o.rollout->error()) wv::log_error(e->message);
    std::string line = o.where + ": tethered latency p50/p95 (ms):";
    for (int i = 0; i < int(net::Stage::Count); ++i) {
      const net::Stage s = net::Stage(i);
      const auto& t = o.rollout->telemetry();
      char buf[96];
      std::snprintf(buf, sizeof buf, " %s %.2f/%.2f", net::stage_name(s), t.percentile(s, 0.5), t.percentile(s, 0.95));
      line += buf;
    }
    wv::log_info(line);
  }
}

}  // namespace wv::app

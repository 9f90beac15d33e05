#include "app/serve_command.h"

#include <CLI/CLI.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>

#include "app/engine_host.h"
#include "app/rollout_sources.h"
#include "net/server.h"
#include "net/token.h"
#include "wv/log.h"

namespace wv::app {
namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_stop_signal(int) { g_stop = true; }

}  // namespace

CLI::App* add_serve_command(CLI::App& cli, ServeOptions& o) {
  CLI::App* cmd = cli.add_subcommand("serve", "Run the inference core for tethered clients (`--connect HOST:PORT` in any mode)");
  cmd->add_option("--listen", o.listen, "Address to listen on; anything but loopback needs --token-file")->capture_default_str();
  cmd->add_option("--token-file", o.token_file, "File whose first line is the token clients must present");
  cmd->add_option("--model-file", o.model_files, "A TorchScript world model to offer (it runs as code: name only files you trust)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--trusted-models", o.trusted_models, "TorchScript models pinned by SHA-256 (docs/model-contract.md)");
  cmd->add_option("--max-clients", o.max_clients, "Clients served at once")->capture_default_str()->check(CLI::Range(1, 256));
  cmd->add_option("--crf", o.crf, "H.264 quality (0 lossless .. 51)")->capture_default_str()->check(CLI::Range(0, 51));
  cmd->add_option("--max-kbps", o.max_kbps, "H.264 bit-rate cap per stream (0: none)")->capture_default_str()->check(CLI::Range(0, 1000000));
  cmd->add_flag("--allow-raw", o.allow_raw,
                "Offer raw (lossless, unencoded) frames to clients on other machines too, not only on this one: "
                "width x height x 4 bytes per frame (12.6 Mbit/s for a 128x128 panel at 24 fps), for fast local networks; "
                "clients ask for them with --codec raw");
  return cmd;
}

int run_serve(const ServeOptions& o) {
  auto endpoint = net::parse_endpoint(o.listen);
  if (!endpoint) {
    wv::log_error("serve: --listen: " + endpoint.error().message);
    return 1;
  }
  net::ServerParams params;
  params.listen = *endpoint;
  params.max_clients = o.max_clients;
  params.h264_crf = o.crf;
  params.h264_max_kbps = o.max_kbps;
  params.raw_off_loopback = o.allow_raw;
  if (!o.token_file.empty()) {
    auto token = net::read_token_file(o.token_file);
    if (!token) {
      wv::log_error("serve: " + token.error().message);
      return 1;
    }
    params.token = *token;
  }
  // Rollouts stepped alone, so a client that reconnects gets the very frames it lost (DESIGN.md §3).
  auto core = RolloutSources::create({.inference_threads = 1,
                                      .intra_op_threads = o.inference_threads,
                                      .exact = true,
                                      .model_files = o.model_files,
                                      .trusted_models = o.trusted_models});
  if (!core) {
    wv::log_error("serve: " + core.error().message);
    return 1;
  }
  EngineHost host((*core)->models(), *(*core)->engine());
  auto server = net::Server::start(params, host);
  if (!server) {
    wv::log_error(server.error().message);
    return 1;
  }
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
  while (!g_stop) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  wv::log_info("serve: stopping");
  server->reset();
  return 0;
}

}  // namespace wv::app

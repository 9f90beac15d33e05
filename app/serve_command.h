// app/serve_command.h — `worldview serve`: the inference core alone, for tethered clients
// (DESIGN.md §1, docs/protocol.md). Runs until SIGINT or SIGTERM.
//
//   worldview serve --listen 127.0.0.1:7420 [--token-file F] [--model-file M.pt] [--max-clients 8] [--allow-raw]
//
// Listens on loopback unless told otherwise, and refuses any other address without a token.
// Raw frames go to clients on this machine only, unless --allow-raw (docs/protocol.md §3).
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace wv::app {

struct ServeOptions {
  std::string listen = "127.0.0.1:7420";
  std::string token_file;
  std::vector<std::string> model_files;  // TorchScript models to offer (they run as code)
  std::string trusted_models;
  int max_clients = 8;
  int crf = 23;           // H.264 quality
  int max_kbps = 0;       // > 0: H.264 bit-rate cap per stream
  int inference_threads = 1;
  bool allow_raw = false;  // raw frames also to clients on other machines (fast local networks)
};

CLI::App* add_serve_command(CLI::App& cli, ServeOptions& options);
int run_serve(const ServeOptions& options);

}  // namespace wv::app

#include "app/stats_command.h"

#include <CLI/CLI.hpp>

#include <cstdio>

#include "net/client.h"
#include "wv/log.h"

namespace wv::app {

CLI::App* add_stats_command(CLI::App& cli, RemoteOptions& remote) {
  CLI::App* cmd = cli.add_subcommand("stats", "Print a tethered server's latency and traffic figures");
  cmd->add_option("--connect", remote.server, "HOST:PORT of the `worldview serve`");
  cmd->add_option("--token-file", remote.token_file, "File whose first line is the server's token");
  return cmd;
}

int run_stats(const RemoteOptions& remote) {
  if (remote.server.empty()) {
    wv::log_error("stats: which server? give --connect HOST:PORT (and --token-file F if it needs a token)");
    return 1;
  }
  auto client = connect_client(remote);
  if (!client) {
    wv::log_error("stats: " + client.error().message);
    return 1;
  }
  auto figures = (*client)->stats();
  if (!figures) {
    wv::log_error("stats: " + figures.error().message);
    return 1;
  }
  std::printf("server %s (%s)\n", remote.server.c_str(), (*client)->server_name().c_str());
  for (const auto& f : *figures) {
    if (f.value < 0) std::printf("  %-18s -\n", f.name.c_str());  // a stage with no samples yet
    else std::printf("  %-18s %.3f\n", f.name.c_str(), f.value);
  }
  return 0;
}

}  // namespace wv::app

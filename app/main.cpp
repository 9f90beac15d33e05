// worldview — stand inside the output of generative world models.
// The program's front doors (DESIGN.md §1); each mode lives in its own *_command file.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <thread>

#include "app/asset_paths.h"
#include "app/desktop_command.h"
#include "app/eval_command.h"
#include "app/headless_command.h"
#include "app/info_command.h"
#include "app/logging.h"
#include "app/review_command.h"
#include "app/serve_command.h"
#include "app/stats_command.h"
#include "app/train_command.h"
#include "app/version.h"
#include "app/xr_command.h"
#include "model/runtime_info.h"

int main(int argc, char** argv) {
  // OpenMP's default spin-waiting makes inference threads 5-40x slower whenever another thread
  // (rendering, encoding) wants the core; this must be set before OpenMP starts.
  setenv("OMP_WAIT_POLICY", "PASSIVE", /*overwrite=*/0);

  CLI::App cli{"worldview: stand inside the output of generative world models.\n"
               "Panels of generated worlds around you, in a headset, a window or headless.",
               "worldview"};
  cli.set_version_flag("--version", std::string("worldview ") + wv::app::kVersion);
  cli.require_subcommand(0, 1);

  std::string log_level = "info";
  int threads = std::max(1u, std::thread::hardware_concurrency() / 2);
  cli.add_option("--log-level", log_level, "debug, info, warning or error")->capture_default_str();
  cli.add_option("--threads", threads, "Inference threads (intra-op)")->capture_default_str()->check(CLI::Range(1, 256));
  wv::app::RemoteOptions remote;
  cli.add_option("--connect", remote.server, "HOST:PORT of a `worldview serve`: rollouts are computed there");
  cli.add_option("--token-file", remote.token_file, "With --connect: file whose first line is the server's token");
  cli.add_option("--codec", remote.codec, "With --connect: frames as auto (raw on loopback), raw or h264")->capture_default_str();

  CLI::App* info = wv::app::add_info_command(cli);
  wv::app::HeadlessOptions headless_options;
  CLI::App* headless = wv::app::add_headless_command(cli, headless_options);
  wv::app::DesktopOptions desktop_options;
  CLI::App* desktop = wv::app::add_desktop_command(cli, desktop_options);
  wv::app::XrOptions xr_options;
  CLI::App* xr = wv::app::add_xr_command(cli, xr_options);
  wv::app::EvalOptions eval_options;
  CLI::App* eval = wv::app::add_eval_command(cli, eval_options);
  wv::app::TrainOptions train_options;
  CLI::App* train = wv::app::add_train_command(cli, train_options);
  wv::app::ServeOptions serve_options;
  CLI::App* serve = wv::app::add_serve_command(cli, serve_options);
  wv::app::RemoteOptions stats_remote;
  CLI::App* stats = wv::app::add_stats_command(cli, stats_remote);
  wv::app::ReviewOptions review_options;
  CLI::App* review = wv::app::add_review_command(cli, review_options);

  CLI11_PARSE(cli, argc, argv);

  if (auto s = wv::app::init_logging(log_level); !s) {
    std::fprintf(stderr, "worldview: %s\n", s.error().message.c_str());
    return 2;
  }
  wv::model::configure_threads({.intra_op = threads, .inter_op = 1});
  headless_options.inference_threads = threads;
  xr_options.inference_threads = threads;
  desktop_options.inference_threads = threads;
  serve_options.inference_threads = threads;
  headless_options.panels.remote = remote;
  xr_options.panels.remote = remote;
  desktop_options.panels.remote = remote;
  review_options.panels.remote = remote;
  review_options.inference_threads = threads;

  if (info->parsed()) return wv::app::run_info();
  if (headless->parsed()) return wv::app::run_headless(headless_options);
  if (desktop->parsed()) return wv::app::run_desktop(desktop_options);
  if (xr->parsed()) return wv::app::run_xr(xr_options);
  if (train->parsed()) return wv::app::run_train(train_options);
  if (eval->parsed()) return wv::app::run_eval(eval_options);
  if (serve->parsed()) return wv::app::run_serve(serve_options);
  if (review->parsed()) return wv::app::run_review(review_options);
  if (stats->parsed()) return wv::app::run_stats(stats_remote.server.empty() ? remote : stats_remote);

  // No mode (DESIGN.md §1): the headset if there is one, else a window, else the demo workspace
  // rendered headless (run_xr's fallbacks, each saying why the one before could not start).
  xr_options.panels.workspace = wv::app::find_asset("demo.wv.json").string();
  std::fprintf(stderr, "worldview: no mode given: trying the headset (xr), then desktop, then headless; "
                       "`worldview --help` lists the modes\n");
  return wv::app::run_xr(xr_options);
}

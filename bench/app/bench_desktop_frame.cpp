// bench_desktop_frame — desktop mode's frame time with 16 panels (toyworld sources, the arc
// layout) in a 1280x720 window: render (main) thread CPU ms per frame (input, interaction,
// panel frames, recording and submitting, acquire and present) and wall ms per frame, for
// MAILBOX presentation (never waits for the display: the cost of a frame) and FIFO (the default,
// paced by the display; a virtual X server may not pace it), 1x and 4x MSAA; "(got)" is the mode the
// driver gave. Runs the real mode (app/desktop_command.h) for a few
// seconds each. Needs a display: `xvfb-run -a ./bench/app/bench_desktop_frame [SECONDS]`.
// Prints figures; never fails on time.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "app/desktop_command.h"
#include "app/workspace/workspace.h"

namespace {

constexpr int kPanels = 16;

std::string sixteen_panel_workspace() {
  wv::app::Workspace w;
  w.layout.kind = wv::app::LayoutSpec::Kind::Grid;
  for (int i = 0; i < kPanels; ++i) {
    wv::app::PanelSpec p;
    p.source.toyworld.scene = "three red balls bounce in a dark blue room";
    p.source.toyworld.seed = uint64_t(i + 1);
    p.source.toyworld.width = 256;
    p.source.toyworld.height = 256;
    p.width_m = 0.5f;
    w.panels.push_back(p);
  }
  const std::string path = (std::filesystem::temp_directory_path() / "bench_desktop_frame.wv.json").string();
  std::ofstream(path) << wv::app::workspace_to_json(w);
  return path;
}

}  // namespace

int main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::atof(argv[1]) : 6.0;
  const std::string workspace = sixteen_panel_workspace();
  std::printf("desktop frame time, %d panels (256x256 toyworld, grid), 1280x720 window, %.0f s per row\n", kPanels,
              seconds);
  std::printf("%-18s %-5s %8s %14s %14s\n", "present (got)", "msaa", "frames", "cpu ms/frame", "wall ms/frame");
  for (const bool mailbox : {true, false}) {
    for (const int msaa : {1, 4}) {
      wv::app::DesktopOptions o;
      o.panels.workspace = workspace;
      o.seconds = seconds;
      o.mailbox = mailbox;
      o.msaa = msaa;
      o.print_report = false;
      wv::app::DesktopStats stats;
      const int code = wv::app::run_desktop(o, &stats);
      if (code != 0) {
        std::fprintf(stderr, "bench_desktop_frame: desktop mode exited with %d\n", code);
        return code;
      }
      const std::string present = std::string(mailbox ? "mailbox" : "fifo") + (stats.mailbox ? " (mailbox)" : " (fifo)");
      std::printf("%-18s %-5d %8llu %14.2f %14.2f\n", present.c_str(), msaa,
                  (unsigned long long)stats.frames_rendered, stats.cpu_ms_per_frame, stats.wall_ms_per_frame);
    }
  }
  return 0;
}

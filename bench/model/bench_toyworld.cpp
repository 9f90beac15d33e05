// Prints how long toyworld takes to simulate and render one frame at a few sizes.
#include <chrono>
#include <cstdio>

#include "model/toyworld/raster.h"
#include "model/toyworld/simulator.h"
#include "model/toyworld/text.h"

int main() {
  using namespace wv::toyworld;
  auto parsed = parse_scene("a big yellow box, two small green balls and a red ball in a black room");
  if (!parsed) {
    std::fprintf(stderr, "%s\n", parsed.error().message.c_str());
    return 1;
  }
  for (int side : {64, 128, 256, 512, 2048}) {
    WorldState world = make_world(parsed->scene, 1, side, side);
    auto frame = wv::make_frame(side, side, 0, 0);
    const int frames = side >= 1024 ? 50 : 2000;
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < frames; ++i) {
      step_world(world, 1.0 / 30.0);
      render_world(world, *frame);
    }
    const double us =
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
    std::printf("toyworld simulate+render %4dx%-4d %9.1f us/frame\n", side, side, us / frames);
  }
  return 0;
}

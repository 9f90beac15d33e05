// bench/net/upscaled_host.h — a RolloutHost whose rollouts are another host's, with every frame
// enlarged by a whole factor (nearest neighbour). The built-in model makes 64x64 frames; the
// tethered targets are stated at 128x128, so the bench measures the transport at that size with
// the real model's timing. The enlarging is done on the server side in both the in-process and
// the tethered measure, so it cancels out of the difference.
#pragma once

#include <memory>

#include "net/rollout_host.h"

namespace wv::bench {

class UpscaledHost : public net::RolloutHost {
 public:
  UpscaledHost(net::RolloutHost& inner, int factor) : inner_(inner), factor_(factor) {}
  std::vector<std::string> models() const override { return inner_.models(); }
  Result<std::unique_ptr<net::HostedRollout>> open(const net::RolloutRequest& request) override;

 private:
  net::RolloutHost& inner_;
  int factor_;
};

}  // namespace wv::bench

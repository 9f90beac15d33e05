// app/engine_host.h — the tethered server's rollouts (net::RolloutHost) made by the local
// inference core: model::RolloutEngine with the models of a ModelCatalog. `worldview serve`
// owns one; net/ never sees LibTorch (DESIGN.md §2).
//
//   wv::app::EngineHost host(catalog, engine);
//   auto server = wv::net::Server::start(params, host);
//
// Threading: as net::RolloutHost (the catalog and the engine are thread-safe).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "app/model_catalog.h"
#include "net/rollout_host.h"

namespace wv::model {
class RolloutEngine;
}

namespace wv::app {

class EngineHost : public net::RolloutHost {
 public:
  EngineHost(ModelCatalog& models, model::RolloutEngine& engine) : models_(models), engine_(engine) {}
  std::vector<std::string> models() const override { return models_.available(); }
  Result<std::unique_ptr<net::HostedRollout>> open(const net::RolloutRequest& request) override;

 private:
  ModelCatalog& models_;
  model::RolloutEngine& engine_;
};

}  // namespace wv::app

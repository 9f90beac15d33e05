#include "net/server.h"

#include <asio.hpp>

#include <list>
#include <thread>

#include "net/server_connection.h"
#include "wv/log.h"

namespace wv::net {

std::vector<StatFigure> ServerShared::figures() const {
  std::vector<StatFigure> f = {
      {"clients", double(clients_now.load())},
      {"clients_total", double(clients_total.load())},
      {"refused", double(refused.load())},
      {"protocol_errors", double(protocol_errors.load())},
      {"rollouts", double(rollouts_open.load())},
      {"frames_sent", double(frames_sent.load())},
      {"frames_dropped", double(frames_dropped.load())},
      {"bytes_sent", double(bytes_sent.load())},
  };
  for (int i = 0; i < int(Stage::Count); ++i) {
    const Stage stage = Stage(i);
    f.push_back({std::string(stage_name(stage)) + "_ms_p50", stages.percentile(stage, 0.50)});
    f.push_back({std::string(stage_name(stage)) + "_ms_p95", stages.percentile(stage, 0.95)});
  }
  return f;
}

struct Server::Impl {
  asio::io_context io;  // first member: outlives every socket and timer
  asio::ip::tcp::acceptor acceptor{io};
  ServerShared shared;
  std::list<std::shared_ptr<ServerConnection>> connections;  // network thread only
  int64_t next_id = 1;
  std::thread thread;

  void accept() {
    acceptor.async_accept([this](const std::error_code& ec, asio::ip::tcp::socket socket) {
      if (ec) {
        if (ec != asio::error::operation_aborted) wv::log_warn("serve: accept failed: " + ec.message());
        if (acceptor.is_open()) accept();
        return;
      }
      connections.remove_if([](const auto& c) { return c->closed(); });
      auto connection = std::make_shared<ServerConnection>(std::move(socket), shared, next_id++);
      connections.push_back(connection);
      connection->start();
      if (int64_t(connections.size()) > shared.params.max_clients) {
        connection->refuse("the server is full (" + std::to_string(shared.params.max_clients) + " clients)");
      }
      accept();
    });
  }
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() {
  // Close everything on the network thread; run() returns once no operation is left (an Open
  // on the loader holds the network thread's work until its answer was handled).
  asio::post(impl_->io, [impl = impl_.get()] {
    std::error_code ec;
    impl->acceptor.close(ec);
    for (auto& c : impl->connections) c->close("");
  });
  impl_->thread.join();
  impl_->shared.loader.join();
  impl_->connections.clear();
}

uint16_t Server::port() const { return impl_->acceptor.local_endpoint().port(); }

std::vector<StatFigure> Server::stats() const { return impl_->shared.figures(); }

Result<std::unique_ptr<Server>> Server::start(const ServerParams& params, RolloutHost& host) {
  WV_ASSERT(params.max_clients >= 1);
  const std::string where = "serve: " + params.listen.to_string();
  if (!params.listen.is_loopback() && params.token.empty()) {
    return Error{where + ": refusing to listen beyond this machine without a token (give --token-file, or listen on 127.0.0.1)"};
  }
  auto impl = std::make_unique<Impl>();
  impl->shared.params = params;
  impl->shared.host = &host;
  std::error_code ec;
  asio::ip::tcp::resolver resolver(impl->io);
  const auto resolved = resolver.resolve(params.listen.host, std::to_string(params.listen.port),
                                         asio::ip::resolver_base::passive, ec);
  if (ec || resolved.empty()) return Error{where + ": cannot resolve the address (" + ec.message() + ")"};
  const asio::ip::tcp::endpoint endpoint = *resolved.begin();
  if (params.listen.is_loopback() && !endpoint.address().is_loopback()) {
    return Error{where + ": resolves to " + endpoint.address().to_string() + ", which is not loopback"};
  }
  impl->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl->acceptor.set_option(asio::ip::tcp::acceptor::reuse_address(true), ec);
  if (!ec) impl->acceptor.bind(endpoint, ec);
  if (!ec) impl->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return Error{where + ": cannot listen (" + ec.message() + ")"};
  impl->accept();
  Impl* raw = impl.get();
  impl->thread = std::thread([raw] { raw->io.run(); });
  wv::log_info("serve: listening on " + Endpoint{params.listen.host, raw->acceptor.local_endpoint().port()}.to_string() +
               (params.token.empty() ? " (no token: this machine only)" : " (token required)"));
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

}  // namespace wv::net

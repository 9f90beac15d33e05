// A program started in the background (end-to-end tests that run two worldview processes at
// once, e.g. a server and its client): its output goes to a log file that the test can watch
// while it runs; the test can signal it and wait for its exit.
//
//   wv::test::SpawnedProgram server({exe, "serve", "--listen", "127.0.0.1:7433"}, "serve.log");
//   ASSERT_TRUE(server.wait_for_output("listening on", 30s)) << server.output();
//   server.signal(SIGKILL);
//   int code = server.wait_exit(10s);   // -1: killed by a signal or still running
//
// The destructor ends a program still running (SIGTERM, then SIGKILL).
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace wv::test {

class SpawnedProgram {
 public:
  SpawnedProgram(const std::vector<std::string>& args, std::string log_path) : log_path_(std::move(log_path)) {
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    if (posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
  }
  ~SpawnedProgram() {
    if (running()) {
      signal(SIGTERM);
      if (wait_exit(std::chrono::seconds(10)) == -1 && running()) {
        signal(SIGKILL);
        wait_exit(std::chrono::seconds(10));
      }
    }
  }
  SpawnedProgram(const SpawnedProgram&) = delete;
  SpawnedProgram& operator=(const SpawnedProgram&) = delete;

  bool started() const { return pid_ > 0; }
  bool running() const { return pid_ > 0 && !exited_; }
  void signal(int sig) const {
    if (running()) ::kill(pid_, sig);
  }

  // Everything it wrote so far (stdout and stderr).
  std::string output() const {
    std::ifstream in(log_path_);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  // Waits until its output contains `text` (true), it exits or the timeout passes (false).
  bool wait_for_output(const std::string& text, std::chrono::milliseconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
      if (output().find(text) != std::string::npos) return true;
      if (!running() || poll_exit()) return output().find(text) != std::string::npos;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return false;
  }

  // Its exit code once it exits within the timeout; -1 when a signal ended it or it still runs.
  int wait_exit(std::chrono::milliseconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (running() && !poll_exit() && std::chrono::steady_clock::now() < end) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return exited_ && WIFEXITED(status_) ? WEXITSTATUS(status_) : -1;
  }

 private:
  bool poll_exit() {
    if (pid_ <= 0 || exited_) return exited_;
    if (waitpid(pid_, &status_, WNOHANG) == pid_) exited_ = true;
    return exited_;
  }

  std::string log_path_;
  pid_t pid_ = -1;
  int status_ = 0;
  bool exited_ = false;
};

}  // namespace wv::test

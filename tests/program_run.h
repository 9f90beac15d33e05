// Runs a command line (the worldview program, in end-to-end tests) and collects its exit code
// and everything it printed on stdout and stderr.
#pragma once

#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace wv::test {

struct ProgramRun {
  int exit_code = -1;  // -1: could not start, or killed by a signal
  std::string output;  // stdout and stderr
};

inline ProgramRun run_command(const std::string& command_line) {
  ProgramRun run;
  FILE* pipe = popen((command_line + " 2>&1").c_str(), "r");
  if (!pipe) return run;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) run.output.append(buffer, n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

}  // namespace wv::test

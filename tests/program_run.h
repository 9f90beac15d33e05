// Runs a command line (the worldview program, in end-to-end tests) and collects its exit code
// and everything it printed on stdout and stderr.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <filesystem>
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

// Makes `file` once with `command` (a command line that ends with its output file's name, which
// is appended). Tests run in parallel processes that may ask for the same file: each writes a file
// of its own and renames it into place, so a file that exists is whole. Returns the command's
// run (exit code 0 and no output when the file was there).
inline ProgramRun make_once(const std::filesystem::path& file, const std::string& command) {
  if (std::filesystem::exists(file)) return {.exit_code = 0, .output = {}};
  std::filesystem::create_directories(file.parent_path());
  const std::filesystem::path partial =
      file.parent_path() / (file.stem().string() + ".partial-" + std::to_string(::getpid()) + file.extension().string());
  ProgramRun run = run_command(command + " " + partial.string());
  std::error_code ec;
  if (run.exit_code == 0) std::filesystem::rename(partial, file, ec);
  if (ec) run = {.exit_code = 1, .output = partial.string() + ": " + ec.message()};
  return run;
}

}  // namespace wv::test
